import pytest
from django.core.management import call_command


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


@pytest.fixture
def run_jobs(monkeypatch):
    """Run every queued job with the site's worker, as `manage.py worker --batch` does. The
    worker closes its database connection between jobs, as a long-lived process should; inside
    a test's transaction that would end the test's own, so here it is left open."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def _run() -> None:
        call_command("worker", "--batch", verbosity=0)

    return _run
