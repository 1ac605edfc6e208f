"""Uploads stay in the local folder unless MEDIA_BUCKET names a bucket."""

import json
import os
import subprocess
import sys

from bench.server import ROOT

SHOW = (
    "from django.conf import settings; import json;print(json.dumps(settings.STORAGES['default']))"
)


def storage_with(**env: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {SHOW}"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "dramadb.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)


def test_uploads_go_to_the_local_folder_by_default():
    assert storage_with(MEDIA_BUCKET="") == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_a_bucket_named_in_the_environment_takes_the_uploads():
    storage = storage_with(
        MEDIA_BUCKET="dramadb-media",
        MEDIA_BUCKET_ENDPOINT="https://objects.example",
        MEDIA_BUCKET_DOMAIN="media.example",
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "dramadb-media"
    assert options["endpoint_url"] == "https://objects.example"
    assert options["custom_domain"] == "media.example"
    # Names are never reused, so files are public and never overwritten.
    assert options["querystring_auth"] is False and options["file_overwrite"] is False
