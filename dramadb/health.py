"""Two addresses for load balancers and orchestrators, answered in plain text.

/healthz: this process answers, and reaches the primary database (503 if not) and the cache.
/readyz: the same, and every migration is applied, so the process may take traffic.
Replicas are listed for the operator but never fail either: the site works without them. Nor
does Redis (core/redis_cache.py), which is asked directly, within its deadline, and shown as
"cache: unreachable: …" while it is away: pages render without it, and failing the check
would take every app server out of the load balancer at once. Any other cache backend fails
the check, since the site does not answer without it.

Both are answered by `HealthChecks`, first among the middleware: load balancers often ask by
the server's address, with a Host header the site does not serve, and over plain HTTP.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from redis.exceptions import RedisError

from core import replicas
from core.redis_cache import RedisCache

# Once every migration is seen applied, a process need not look again.
_migrated = False


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    return _answer(_checks())


@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    checks = _checks()
    if checks["database"] == "ok":
        checks["migrations"] = _migrations()
    return _answer(checks)


class HealthChecks:
    """Answer /healthz and /readyz before any other middleware looks at the request: neither
    reads the Host header, a session or a member, nor redirects to HTTPS."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.checks = {"/healthz": healthz, "/readyz": readyz}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        check = self.checks.get(request.path_info)
        if check is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        return check(request)


def _checks() -> dict[str, str]:
    checks = {"database": _database(), "cache": _cache()}
    # Each answer bounded by REPLICA_CHECK_TIMEOUT, and a replica that failed is not asked
    # again for REPLICA_RETRY_SECONDS: a hung replica cannot hold this answer up.
    for alias in replicas.aliases():
        checks[alias] = replicas.standing(alias).describe()
    return checks


def _database() -> str:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return f"unreachable: {type(error).__name__}"
    return "ok"


def _cache() -> str:
    if isinstance(backend := caches[DEFAULT_CACHE_ALIAS], RedisCache):
        try:
            backend.ping()  # past the soft answers, which would hide that it is away
        except RedisError as error:
            return f"unreachable: {type(error).__name__}"
        return "ok"
    try:
        backend.set("healthz", "ok", timeout=10)
        answer = backend.get("healthz")
    except Exception as error:  # each backend fails with its own errors
        return f"unreachable: {type(error).__name__}"
    return "ok" if answer == "ok" else "not keeping what it is given"


def _needed(check: str) -> bool:
    """Whether the process cannot answer without what `check` names."""
    if check.startswith(replicas.PREFIX):
        return False
    return check != "cache" or not isinstance(caches[DEFAULT_CACHE_ALIAS], RedisCache)


def _migrations() -> str:
    global _migrated
    if not _migrated:
        try:
            executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
            waiting = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError as error:
            return f"unknown: {type(error).__name__}"
        if waiting:
            return f"{len(waiting)} not applied"
        _migrated = True
    return "ok"


def _answer(checks: dict[str, str]) -> HttpResponse:
    failed = any(value != "ok" for name, value in checks.items() if _needed(name))
    body = "".join(f"{name}: {value}\n" for name, value in checks.items())
    return HttpResponse(body, status=503 if failed else 200, content_type="text/plain")
