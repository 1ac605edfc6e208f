"""Production settings: `check --deploy` is clean with DEBUG off and a real secret key, and the
headers a browser needs to stay safe are sent."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def check_deploy(**variables: str) -> subprocess.CompletedProcess:
    """`manage.py check --deploy` as `make serve` runs it, in the environment of a production
    server (none of the test suite's own variables) with `variables` added."""
    test_only = ("SECURE_SSL_REDIRECT", "STATIC_MANIFEST", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in test_only}
    env |= {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "dramadb.example",
        **variables,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_prints_no_warning():
    result = check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_behind_a_proxy_that_redirects_to_https_the_check_passes_without_our_redirect():
    # The usual settings behind a proxy that terminates TLS and redirects plain HTTP itself.
    result = check_deploy(SECURE_SSL_REDIRECT="false", HTTPS_REDIRECT_BY_PROXY="true")
    assert result.returncode == 0, result.stdout + result.stderr
    # The check stays strict for everything else: a lone SECURE_SSL_REDIRECT=false is refused.
    result = check_deploy(SECURE_SSL_REDIRECT="false")
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


@pytest.mark.django_db
def test_pages_carry_the_security_headers(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
