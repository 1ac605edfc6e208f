"""gunicorn's settings for `make serve` (README, "Deploying"), from the environment."""

import os

bind = [f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"]
# Synchronous workers, one per core by default: the benchmark's measured best on two cores.
workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 2)
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM each worker finishes the request it is serving, for this long at most.
graceful_timeout = 20
# The site logs each request itself, with its time and query count.
accesslog = None
errorlog = "-"
# No control socket: it would sit in the home folder, shared by every server of the machine.
control_socket_disable = True
