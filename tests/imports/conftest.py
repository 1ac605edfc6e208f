import pytest


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Exports go to a folder of the test's own."""
    settings.STORAGES = settings.STORAGES | {
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        }
    }
    return tmp_path / "private"
