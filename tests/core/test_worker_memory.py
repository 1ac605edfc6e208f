"""What a worker keeps in memory in front of the shared cache (core/worker_memory.py)."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started

from core import versions as version_store
from core.versions import GENERATION, VERSION_PREFIX, pages_changed, versions
from core.worker_memory import Stored


@pytest.fixture
def reads(monkeypatch):
    """The names each read of the shared cache asked for, in order."""
    asked: list[list[str]] = []
    get, get_many = cache.get, cache.get_many

    def counted_get(key, *args, **kwargs):
        asked.append([key])
        return get(key, *args, **kwargs)

    def counted_get_many(keys, *args, **kwargs):
        asked.append(list(keys))
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counted_get)
    monkeypatch.setattr(cache, "get_many", counted_get_many)
    return asked


def test_versions_read_again_are_answered_from_memory_while_the_generation_stands(reads):
    first = versions(["titles.title:1", "catalogue"])
    reads.clear()

    assert versions(["titles.title:1", "catalogue"]) == first
    assert reads == [[GENERATION]]


@pytest.mark.django_db
def test_a_move_is_seen_by_the_worker_that_made_it(reads):
    before = versions(["titles.title:1", "catalogue"])
    pages_changed("catalogue")

    after = versions(["titles.title:1", "catalogue"])

    assert after[0] == before[0]
    assert after[1] != before[1]


def test_a_move_made_by_another_process_is_seen_on_the_next_read():
    before = versions(["titles.title:1"])
    # Another worker moves the version, as `_move` does: the version, then the generation.
    cache.set(VERSION_PREFIX + "titles.title:1", "moved-elsewhere", None)
    cache.set(GENERATION, "another-generation", None)

    assert versions(["titles.title:1"]) == ["page-version:titles.title:1=moved-elsewhere"]
    assert before != ["page-version:titles.title:1=moved-elsewhere"]


def test_a_version_moved_without_the_generation_is_read_as_before_the_move():
    """Between a move's versions and its generation, a reader reads as just before it."""
    before = versions(["titles.title:1"])
    cache.set(VERSION_PREFIX + "titles.title:1", "half-moved", None)

    assert versions(["titles.title:1"]) == before


def test_a_cleared_cache_starts_a_new_generation():
    before = versions(["catalogue"])
    cache.clear()

    assert versions(["catalogue"]) != before


@pytest.mark.django_db
def test_a_members_page_reads_the_generation_once(reads, client, user, title_factory):
    """Their session's member, their permissions, the page and their parts all name versions:
    one read of the generation answers them all."""
    url = title_factory(title="Quiet Harbour").get_absolute_url()
    client.force_login(user)
    client.get(url)
    reads.clear()

    assert client.get(url).status_code == 200

    assert reads.count([GENERATION]) == 1


@pytest.mark.django_db  # the end of a request closes its connections
def test_a_move_made_by_another_process_during_a_request_is_seen_by_the_next():
    request_started.send(sender=None)
    before = versions(["titles.title:1"])
    cache.set(VERSION_PREFIX + "titles.title:1", "moved-elsewhere", None)
    cache.set(GENERATION, "another-generation", None)

    assert versions(["titles.title:1"]) == before  # this request reads as of its start
    request_finished.send(sender=None)
    request_started.send(sender=None)
    assert versions(["titles.title:1"]) == ["page-version:titles.title:1=moved-elsewhere"]
    request_finished.send(sender=None)


@pytest.mark.django_db
def test_a_request_sees_its_own_move_at_once():
    request_started.send(sender=None)
    before = versions(["titles.title:1", "catalogue"])
    pages_changed("catalogue")

    after = versions(["titles.title:1", "catalogue"])
    request_finished.send(sender=None)

    assert after[0] == before[0]
    assert after[1] != before[1]


def test_a_new_worker_reads_every_version_again(reads):
    versions(["catalogue"])
    version_store.forget_versions()
    reads.clear()

    versions(["catalogue"])

    assert [VERSION_PREFIX + "catalogue"] in reads


def test_stored_entries_are_read_from_memory_once_kept(reads):
    stored = Stored(limit=1000)
    stored.set("page:a", (b"x" * 100, "text/html"), 60)
    reads.clear()

    assert stored.get("page:a") == (b"x" * 100, "text/html")
    assert stored.get_many(["page:a", "page:b"]) == {"page:a": (b"x" * 100, "text/html")}
    assert {name for names in reads for name in names} == {"page:b"}  # what memory lacks


def test_stored_entries_read_from_the_cache_are_kept_too(reads):
    cache.set("part:a", "<p>part</p>", 60)
    stored = Stored(limit=1000)
    stored.get("part:a")
    reads.clear()

    assert stored.get("part:a") == "<p>part</p>"
    assert reads == []


def test_stored_entries_past_the_limit_go_least_recently_used_first(reads):
    stored = Stored(limit=250)
    for name in "abc":
        stored.set(f"part:{name}", name * 100, 60)  # the third passes the limit: a goes
    cache.clear()
    reads.clear()

    assert stored.get_many(["part:a", "part:b", "part:c"]) == {"part:b": "b" * 100,
                                                              "part:c": "c" * 100}  # fmt: skip
    assert {name for names in reads for name in names} == {"part:a"}


def test_an_entry_kept_for_this_worker_alone_is_never_written_to_the_shared_cache():
    stored = Stored(limit=1_000)
    stored.keep("page:member:a", (b"mine", "text/html"))

    assert stored.kept("page:member:a") == (b"mine", "text/html")
    assert cache.get("page:member:a") is None
    assert Stored(limit=1_000).kept("page:member:a") is None  # another worker fills its own
