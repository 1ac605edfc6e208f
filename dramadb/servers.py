"""The other servers the site talks to, as Django settings: the primary database, its read
replicas and the cache; and the log lines that say what becomes of them. dramadb/settings.py
reads the environment and names the values; this builds the dictionaries."""

from __future__ import annotations

from typing import Any

import dj_database_url


def primary(url: str, embedded_name: str, conn_max_age: int) -> dict[str, Any]:
    """DATABASE_URL if set, otherwise the embedded PostgreSQL in var/postgres/, which its
    backend starts when the first connection is made (importing the settings starts nothing)."""
    database: dict[str, Any] = {"ENGINE": "core.embedded_db", "NAME": embedded_name}
    if url:
        database = dict(dj_database_url.parse(url))
    return database | {"CONN_MAX_AGE": conn_max_age, "CONN_HEALTH_CHECKS": True}


def replica(url: str, conn_max_age: int, timeout: float) -> dict[str, Any]:
    """A read replica (core/replicas.py) through core/replica_db: connecting and each query
    give up after `timeout` seconds, which is also the replica's own statement timeout."""
    database: dict[str, Any] = dict(dj_database_url.parse(url))
    options = database.get("OPTIONS", {})
    statement_timeout = f"-c statement_timeout={round(timeout * 1000)}"
    return database | {
        "ENGINE": "core.replica_db",
        "CONN_MAX_AGE": conn_max_age,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": options
        | {"options": f"{options.get('options', '')} {statement_timeout}".strip()},
        "TEST": {"MIRROR": "default"},
    }


def cache(redis_url: str, timeout: float, retry_seconds: float, folder: str) -> dict[str, Any]:
    """Redis when `redis_url` is set (core/redis_cache.py: every call gives up after `timeout`
    seconds, and a process whose call failed leaves Redis alone for `retry_seconds`);
    otherwise files in `folder`, which every process of this machine shares (gunicorn's
    workers, the development server, the test suite's servers), so two processes never
    disagree about a page's version or a throttle's count (core/file_cache.py)."""
    if redis_url:
        return {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": redis_url,
            "OPTIONS": {
                "socket_connect_timeout": timeout,
                "socket_timeout": timeout,
                "retry_seconds": retry_seconds,
            },
        }
    return {
        "BACKEND": "core.file_cache.FileCache",
        "LOCATION": folder,
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }


def logging(level: str, request_log: bool) -> dict[str, Any]:
    """Warnings and errors at `level` to standard error; with `request_log`, one line per
    request with its time and queries (core.middleware.LogRequests), as `make serve` has it."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"request": {"format": "[%(asctime)s] [%(process)d] %(message)s"}},
        "filters": {"served_again": {"()": "core.replicas.ServedAgain"}},
        "handlers": {
            "console": {"class": "logging.StreamHandler"},
            "requests": {"class": "logging.StreamHandler", "formatter": "request"},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "dramadb.requests": {
                "handlers": ["requests"],
                "propagate": False,
                "level": "INFO" if request_log else "WARNING",
            },
            # What the site notices of other servers (a replica skipped and used again, Redis
            # going away and answering again), with the time and the process, like the
            # request lines around them.
            "dramadb": {"handlers": ["requests"], "propagate": False, "level": "WARNING"},
            # A request that failed on a replica is served again from the primary (core/
            # replicas.py): the replica's skip is logged once, not a traceback per request.
            "django.request": {"filters": ["served_again"]},
        },
    }
