"""Real servers for tests: a PostgreSQL primary with a streaming replica, and Redis."""
