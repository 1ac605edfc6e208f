"""One way per job (README, "Layout"): each idiom lives in its core module and no other module
does the job its own way."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = sorted(p.parent.name for p in ROOT.glob("*/__init__.py") if p.parent.name != "tests")


def site_modules() -> Iterator[tuple[str, str]]:
    for room in SITE:
        for path in sorted((ROOT / room).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT).as_posix(), path.read_text()


def modules_matching(pattern: str) -> list[str]:
    found = re.compile(pattern, re.MULTILINE)
    return [name for name, text in site_modules() if found.search(text)]


def test_only_core_pagination_builds_a_paginator():
    # A bare Paginator counts every row of the list on every page.
    assert modules_matching(r"\bPaginator\(") == ["core/pagination.py"]


def test_moderators_are_recognised_by_one_rule():
    # Who may read hidden items, hide and restore them: core/moderation.py's `can_moderate`
    # (and `check_may_moderate`, which refuses with its answer); no module asks has_perm itself.
    assert modules_matching(r"^def can_moderate\(") == ["core/moderation.py"]
    assert modules_matching(r"has_perm\((\w+\.)?MODERATE_PERMISSION") == []
    assert modules_matching(r"has_perm\(") == [
        "core/moderation.py",
        "news/selectors.py",  # editors read unpublished articles
        "titles/parts.py",  # editors of the catalogue see "Add Cast"
    ]


def test_every_limit_counts_through_core_throttle():
    # The sign-in lockout (django-axes, configured in the settings) is the one limit apart.
    assert modules_matching(r"^from django_ratelimit|^import django_ratelimit") == [
        "core/throttle.py"
    ]


def test_stored_counters_change_only_through_core_counters():
    # `counter_add` adds in one statement; a hand-written `F()` update is a second way.
    assert modules_matching(r"""\w+=F\(["']\w+["']\)\s*[-+]""") == []


def test_pages_move_only_where_the_writes_are():
    # A write moves its pages' versions at its own call site: in a service (or the stored
    # statistics' bulk refresh, or a service's bulk writes), in the admin's one mixin, or after a
    # bulk load; no model signal moves them behind a save. The permissions version is not a
    # page's (accounts/backends.py).
    assert modules_matching(r"^\s+(_pages_changed|pages_changed)\(") == [
        "accounts/backends.py",
        "accounts/services.py",
        "comments/services.py",
        "core/admin_pages.py",
        "core/history_admin.py",
        "demo/management/commands/generate.py",
        "demo/management/commands/loaddemo.py",
        "lists/services.py",
        "moderation/services.py",
        "recommendations/services.py",
        "recommendations/similar.py",
        "reviews/bulk.py",
        "reviews/services.py",
        "reviews/stats.py",
        "titles/services.py",
    ]


def test_addresses_are_made_by_reverse_and_the_url_tag():
    # Pages above the caller by role (`page_link`, which reverses too); no second idiom.
    assert modules_matching(r"^def link\(") == []
    templates = sorted((ROOT / "templates").rglob("*.html"))
    assert [t.name for t in templates if "{% link " in t.read_text()] == []
