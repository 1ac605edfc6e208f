"""/healthz and /readyz: plain answers for load balancers. A cache out of reach is named; it
fails the check unless it is the site's Redis backend, without which pages still render."""

import pytest

from bench.server import free_port

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # Nothing listens on port 1 of this machine.
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


def test_healthz_names_the_database_and_the_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"database: ok\ncache: ok\n"
    assert "no-store" in response["Cache-Control"]


def test_readyz_also_says_every_migration_is_applied(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert b"migrations: ok" in response.content


def test_healthz_answers_503_when_a_cache_the_site_needs_is_out_of_reach(client, settings):
    settings.CACHES = UNREACHABLE_REDIS
    response = client.get("/healthz")
    assert response.status_code == 503
    assert b"cache: unreachable" in response.content


def test_healthz_names_redis_away_without_failing(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    for path in ("/healthz", "/readyz"):
        response = client.get(path)
        assert response.status_code == 200
        assert b"database: ok\ncache: unreachable: ConnectionError\n" in response.content


def test_health_checks_are_answered_over_plain_http_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/titles/").status_code == 301
