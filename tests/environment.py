"""Loaded by pytest before Django's settings (`-p tests.environment` in pyproject.toml).

The suite runs with production settings (DEBUG off, secure cookies, HSTS, the
Content-Security-Policy, throttles) except two things: the test client and the live server
speak plain HTTP, so the redirect to HTTPS is off; and the live server serves static files by
their plain names from the apps' folders, so they are not renamed through a manifest.
"""

import os

os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")
