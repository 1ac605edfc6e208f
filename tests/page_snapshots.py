"""Every page type rendered on the demo data, to compare one version of the site with another.

    python -m tests.page_snapshots take FOLDER      # from a checkout: one file per page
    python -m tests.page_snapshots compare OLD NEW  # the pages that differ, with a diff

`take` makes a database of its own on the embedded server (DRAMADB_DB_NAME, by default
"page_snapshots", dropped and made afresh), loads the demo data, adds the member of the
every-page browser test (tests/pages.py) and renders each page with Django's test client:
signed out, signed in, and as a moderator. What changes from one rendering to the next is
masked: form tokens, the Content-Security-Policy nonce and exact times. A refactoring that
changes no page leaves `compare` with nothing to say.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
import tempfile
from pathlib import Path

MASKS = [
    (re.compile(r"\b[A-Za-z0-9]{64}\b"), "TOKEN"),  # masked form tokens
    (re.compile(r'nonce="[^"]*"'), 'nonce="NONCE"'),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?"), "TIME"),
]


def _environment() -> None:
    """The test suite's settings (tests/environment.py), a database and folders of its own."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dramadb.settings")
    os.environ.setdefault("DRAMADB_DB_NAME", "page_snapshots")
    os.environ.update(SECURE_SSL_REDIRECT="false", STATIC_MANIFEST="false", PAGE_CACHE="false")
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="page-snapshots-media-")
    os.environ["CACHE_DIR"] = tempfile.mkdtemp(prefix="page-snapshots-cache-")


def _fresh_database() -> None:
    from django.db import connection

    name = connection.settings_dict["NAME"]
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')


def masked(html: str) -> str:
    for pattern, replacement in MASKS:
        html = pattern.sub(replacement, html)
    return html


def take(folder: Path) -> int:
    _environment()
    import django

    django.setup()
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from tests import pages
    from titles.models import Title

    setup_test_environment()  # the test client's host and outbox
    _fresh_database()
    call_command("migrate", verbosity=0)
    call_command("loaddemo", verbosity=0)
    seed = Title.objects.get(title="1 Litre of Tears")
    member = pages.member_with_entry_review_and_comment(seed)
    client = Client()
    folder.mkdir(parents=True, exist_ok=True)
    _render(client, folder, "visitor", pages.pages_signed_out(seed))
    client.force_login(member)
    _render(client, folder, "member", pages.pages_signed_in(seed, member))
    moderators = Group.objects.get(name="Moderators")
    _render(client, folder, "moderator", pages.moderators_pages(member, moderators))
    return 0


def _render(client, folder: Path, who: str, addresses: dict[str, str]) -> None:
    for name, path in addresses.items():
        response = client.get(path)
        body = masked(response.content.decode())
        (folder / f"{who}_{name}.html").write_text(f"{response.status_code} {path}\n{body}")
    print(f"{len(addresses)} pages as a {who}", file=sys.stderr)


def compare(old: Path, new: Path) -> int:
    names = sorted({p.name for p in old.glob("*.html")} | {p.name for p in new.glob("*.html")})
    differ = []
    for name in names:
        before = (old / name).read_text().splitlines() if (old / name).exists() else []
        after = (new / name).read_text().splitlines() if (new / name).exists() else []
        if before != after:
            differ.append(name)
            diff = difflib.unified_diff(before, after, f"old/{name}", f"new/{name}", n=1)
            print("\n".join(list(diff)[:40]))
    print(json.dumps({"pages": len(names), "different": differ}))
    return 1 if differ else 0


if __name__ == "__main__":
    command, *folders = sys.argv[1:]
    if command == "take":
        sys.exit(take(Path(folders[0])))
    sys.exit(compare(Path(folders[0]), Path(folders[1])))
