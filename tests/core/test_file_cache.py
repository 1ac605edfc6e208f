"""The file cache lists its folder now and then, not on every write, and still stays trimmed."""

import random
import threading

from core import file_cache
from core.file_cache import FileCache


def make(tmp_path, max_entries):
    return FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": max_entries}})


def test_a_write_does_not_list_the_whole_folder(tmp_path, monkeypatch):
    cache = make(tmp_path, max_entries=100_000)
    listings = []
    listing = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listings.append(1) or listing())
    random.seed(1)
    for n in range(1_000):
        cache.set(f"key-{n}", n)
    # About one write in CULL_EVERY (200) counts the folder; Django's own counts on each.
    assert 1 <= len(listings) <= 20
    assert cache.get("key-999") == 999


def test_the_folder_is_still_trimmed_to_about_its_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(file_cache, "CULL_EVERY", 5)
    cache = make(tmp_path, max_entries=50)
    random.seed(2)
    for n in range(600):
        cache.set(f"key-{n}", n)
    assert len(cache._list_cache_files()) <= 50 + 5 * 10


def test_counting_at_once_from_many_threads_loses_no_count(tmp_path):
    # Throttles count with add and incr; read-then-write would let two requests both be first.
    caches = [make(tmp_path, max_entries=1_000) for _ in range(8)]
    firsts = []

    def count(i: int) -> None:
        for _ in range(25):
            if caches[i].add("hits", 1):
                firsts.append(i)
            else:
                caches[i].incr("hits")

    threads = [threading.Thread(target=count, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(firsts) == 1
    assert caches[0].get("hits") == 200


def test_culling_keeps_what_never_expires(tmp_path, monkeypatch):
    # Page versions and counters are stored without an expiry: losing one would make every
    # page and part that names it miss at once, so the cull takes stored pages instead.
    monkeypatch.setattr(file_cache, "CULL_EVERY", 1)
    cache = make(tmp_path, max_entries=60)
    random.seed(3)
    for n in range(20):
        cache.set(f"page-version:{n}", f"token-{n}", timeout=None)
    for n in range(400):
        cache.set(f"page:{n}", n, timeout=600)
    assert cache.get_many([f"page-version:{n}" for n in range(20)]) == {
        f"page-version:{n}": f"token-{n}" for n in range(20)
    }
    assert len(cache._list_cache_files()) <= 60 + 20


def test_what_never_expires_is_culled_too_once_it_alone_passes_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(file_cache, "CULL_EVERY", 1)
    cache = make(tmp_path, max_entries=30)
    random.seed(4)
    for n in range(300):
        cache.set(f"page-version:{n}", n, timeout=None)
    assert len(cache._list_cache_files()) <= 30
