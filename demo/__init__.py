"""The demo data (`loaddemo`), its drawn pictures and the large-data generator (`generate`).

It writes rows through every app's services and models, so it sits above them all; nothing in
the site imports it, only the tests, and the benchmark runs its commands.
"""
