from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests import factories

TESTS = Path(__file__).resolve().parent
# Whole folders left out of the fast loop (`make check`): Chromium driven through Playwright,
# and real servers (PostgreSQL with replicas, Redis, `make serve`) that each module starts.
SLOW = [TESTS / "browser", TESTS / "servers"]
# Run by themselves after the parallel part of `make test`: they time their servers' answers
# to the second, which a test busy on the same cores beside them would skew.
SERIAL = [TESTS / "servers"]


@pytest.hookimpl(tryfirst=True)  # before `-m` chooses by marker
def pytest_collection_modifyitems(items):
    for item in items:
        if any(item.path.is_relative_to(folder) for folder in SLOW):
            item.add_marker(pytest.mark.slow)
        if any(item.path.is_relative_to(folder) for folder in SERIAL):
            item.add_marker(pytest.mark.serial)


@pytest.fixture(autouse=True)
def throttles_forget_earlier_tests():
    # Throttles count in the cache; each test starts with nobody over a limit, and with
    # nothing of an earlier test's pages kept by this process either (core/worker_memory.py).
    from django.core.cache import cache

    from core import versions, worker_memory

    cache.clear()
    worker_memory.stored.clear()
    worker_memory.members_pages.clear()
    versions.forget_versions()


@pytest.fixture
def redis_away(settings):
    """The site's cache is Redis (core/redis_cache.py) on a port nothing listens on."""
    from bench.server import free_port
    from core.redis_cache import standing_for

    url = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    yield url
    # The updates it missed need deleting from no Redis: the thread waiting to do it ends.
    standing = standing_for([url], 1)
    with standing.lock:
        standing.lost.clear()
        standing.lost_all = False


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher is slow on purpose; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def user_factory(db):
    return factories.UserFactory


@pytest.fixture
def title_factory(db):
    return factories.TitleFactory


@pytest.fixture
def person_factory(db):
    return factories.PersonFactory


@pytest.fixture
def credit_factory(db):
    return factories.CreditFactory


@pytest.fixture
def alternative_title_factory(db):
    return factories.AlternativeTitleFactory


@pytest.fixture
def genre_factory(db):
    return factories.GenreFactory


@pytest.fixture
def tag_factory(db):
    return factories.TagFactory


@pytest.fixture
def list_entry_factory(db):
    return factories.ListEntryFactory


@pytest.fixture
def rate(db):
    """Rate a title through the service, as the site does, so statistics follow."""
    from reviews.services import list_entry_save

    def _rate(user, title, score, status="completed"):
        return list_entry_save(
            user=user, title=title, status=status, score=None if score is None else Decimal(score)
        )

    return _rate


@pytest.fixture
def user(user_factory):
    return user_factory(username="alice")


@pytest.fixture
def editor(user_factory):
    """A staff member in the Editors group, as an editor of the catalogue would be."""
    person = user_factory(username="editor", is_staff=True)
    person.groups.add(Group.objects.get(name="Editors"))
    return person


@pytest.fixture
def moderator(user_factory):
    """Someone in the Moderators group, as the site's moderators are."""
    person = user_factory(username="mod")
    person.groups.add(Group.objects.get(name="Moderators"))
    return person


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


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
