from pathlib import Path

from bench.server import BENCH_DIR, cache_dir, site_env


def test_the_servers_cache_is_in_memory_when_the_machine_has_a_memory_folder(tmp_path):
    folder = cache_dir("small", memory=tmp_path)
    assert folder.parent == tmp_path
    assert folder.name.endswith("-bench-cache-small")
    # Each scale its own, and the same one for every process of a run.
    assert cache_dir("large", memory=tmp_path) != folder
    assert cache_dir("small", memory=tmp_path) == folder


def test_without_a_memory_folder_it_is_under_the_bench_folder(tmp_path):
    assert cache_dir("small", memory=tmp_path / "absent") == BENCH_DIR / "cache-small"


def test_every_process_of_a_scale_is_told_the_same_folder():
    assert Path(site_env("small", "key")["CACHE_DIR"]) == cache_dir("small")
