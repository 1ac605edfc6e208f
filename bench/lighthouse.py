"""`make lighthouse`: Lighthouse's four scores for the main pages, served as production serves them.

The demo data in a database of its own, static files collected and served by WhiteNoise,
DEBUG off, gunicorn on a free loopback port; Lighthouse from the npm registry drives Debian's
Chromium. Each page is measured with the mobile and the desktop settings; the signed-in title
page carries the session cookie of a member made by `bench_prepare`. The reports are written
to var/lighthouse/. Exits non-zero when any score is below 100.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import urllib.request

from bench.chromium import QUIET_FLAGS
from bench.data import collect_static
from bench.server import BENCH_DIR, ROOT, VAR_DIR, Gunicorn, manage, manage_json, site_env

LIGHTHOUSE = ROOT / "var/tools/lighthouse/node_modules/.bin/lighthouse"
REPORTS = VAR_DIR / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = " ".join(["--headless=new", *QUIET_FLAGS])
SCALE = "lighthouse"
ATTEMPTS = 3


def main() -> int:
    if not LIGHTHOUSE.exists():
        print(f"Lighthouse is missing at {LIGHTHOUSE}: run `make lighthouse`.", file=sys.stderr)
        return 2
    from core.embedded_db import embedded_database_url

    embedded_database_url(VAR_DIR, f"dramadb_bench_{SCALE}")
    # Uploaded images come from the media server in production; here Django serves them.
    env = {**site_env(SCALE, secrets.token_urlsafe(50)), "SERVE_MEDIA": "true"}
    collect_static(env)
    for command in (("migrate", "--noinput"), ("loaddemo",)):
        if manage(env, *command, quiet=True).returncode != 0:
            print(f"manage.py {' '.join(command)} failed", file=sys.stderr)
            return 1
    plan = manage_json(env, "bench_prepare", "--users", "1")
    cookie = f"sessionid={plan['sessions'][0]}"
    REPORTS.mkdir(parents=True, exist_ok=True)
    scores: dict[str, dict[str, int]] = {}
    with Gunicorn(env, workers=2, log=BENCH_DIR / "lighthouse-gunicorn.log") as server:
        pages = _pages(server.base_url, plan["pages"])
        for name, path, signed_in in pages:
            for preset in ("mobile", "desktop"):
                label = f"{name} ({preset})"
                url = server.base_url + path
                scores[label] = _measure(url, label, preset, cookie if signed_in else "")
                print(_row(label, scores[label]), flush=True)
    (REPORTS / "scores.json").write_text(json.dumps(scores, indent=2) + "\n")
    below = [label for label, found in scores.items() if min(found.values()) < 100]
    for label in below:
        print(f"FAILED: {label} scores below 100", file=sys.stderr)
    return 1 if below else 0


def _pages(base_url: str, planned: dict[str, str]) -> list[tuple[str, str, bool]]:
    title = planned["title"]
    with urllib.request.urlopen(base_url + title, timeout=30) as response:
        html = response.read().decode()
    person = re.search(r'href="(/people/\d+-[^"]+/)"', html)
    if person is None:
        raise RuntimeError("The title page links to no person.")
    return [
        ("home", "/", False),
        ("browse", "/titles/", False),
        ("title", title, False),
        ("title, signed in", title, True),
        ("person", person.group(1), False),
        ("reviews", planned["reviews"], False),
    ]


def _measure(url: str, label: str, preset: str, cookie: str) -> dict[str, int]:
    slug = re.sub(r"[^a-z]+", "-", label.lower()).strip("-")
    output = REPORTS / f"{slug}.json"
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        f"--output-path={output}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    if cookie:
        command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")}
    # Lighthouse now and then loses the trace of a load (NO_NAVSTART); another try records it.
    for attempt in range(1, ATTEMPTS + 1):
        if subprocess.run(command, env=env, timeout=300).returncode == 0:
            break
        if attempt == ATTEMPTS:
            raise RuntimeError(f"Lighthouse failed {ATTEMPTS} times on {url}")
    report = json.loads(output.read_text())
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def _row(label: str, found: dict[str, int]) -> str:
    return f"{label:<28}" + "  ".join(f"{name} {found[name]:>3}" for name in CATEGORIES)


if __name__ == "__main__":
    sys.exit(main())
