"""The two page checks every page type passes: axe-core in the browser and the Nu HTML checker.

axe-core comes with its Python package. The Nu HTML checker is a Java program (vnu.jar),
which `make test` installs from the npm registry into var/tools when it is missing; VNU_JAR
names another copy. Missing tools fail the suite, they never skip it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(
    os.environ.get("VNU_JAR", ROOT / "var/tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
)
# WCAG 2.2 AA includes the 24 × 24 px tap target; best practices include heading order.
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
}


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page as it stands, one line per rule and element."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{violation['id']} ({violation['impact']}): {', '.join(map(str, node['target']))}"
        f" — {node['failureSummary'].splitlines()[-1].strip()}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


def nu_errors(documents: dict[str, str], folder: Path) -> dict[str, list[str]]:
    """Run the Nu HTML checker once over every document; its errors by document name."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        pytest.fail(
            f"The Nu HTML checker needs Java and {VNU_JAR}: `make test` installs both "
            "(Debian's default-jre-headless and the vnu-jar npm package).",
            pytrace=False,
        )
    paths = []
    for name, html in documents.items():
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(str(path))
    completed = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *paths],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(completed.stderr or '{"messages": []}')["messages"]
    errors: dict[str, list[str]] = {}
    for message in messages:
        name = Path(message.get("url", "?")).stem
        where = f"line {message['lastLine']}: " if "lastLine" in message else ""
        extract = " ".join(message.get("extract", "").split())[:120]
        errors.setdefault(name, []).append(f"{where}{message['message']} [{extract}]")
    return errors


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(
        f"{name}:\n  " + "\n  ".join(lines) for name, lines in sorted(problems.items())
    )
