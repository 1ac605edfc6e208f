"""Loaded by pytest before Django's settings (`-p tests.environment` in pyproject.toml).

The suite runs with production settings (DEBUG off, secure cookies, HSTS, the
Content-Security-Policy, throttles) except these: the test client and the live server
speak plain HTTP, so the redirect to HTTPS is off; the live server serves static files by
their plain names from the apps' folders, so they are not renamed through a manifest; and
uploaded and drawn images go to a folder of the session's own, removed at the end, which the
live server serves so that browser tests load them.
"""

import os
import shutil
import tempfile

os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")
# Never the real media folder, whatever the environment says.
MEDIA_ROOT = tempfile.mkdtemp(prefix="dramadb-test-media-")
os.environ["MEDIA_ROOT"] = MEDIA_ROOT
os.environ["SERVE_MEDIA"] = "true"
# The cache is files that the suite's processes share; a folder of this run's own.
CACHE_DIR = tempfile.mkdtemp(prefix="dramadb-test-cache-")
os.environ["CACHE_DIR"] = CACHE_DIR


def pytest_unconfigure(config):
    shutil.rmtree(MEDIA_ROOT, ignore_errors=True)
    shutil.rmtree(CACHE_DIR, ignore_errors=True)
