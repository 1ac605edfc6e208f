"""The project's rooms and the direction of their imports (README, "Layout").

Each top-level package sits on a layer; a module may import only from rooms on lower layers.
So core imports no app, the catalogue and the accounts import no other domain app, no two
apps import each other, and only the composition layer gathers several apps into one page.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[1]

LAYERS = {
    "core": 0,  # leaf helpers: base model, images, http, pagination, counters, template tags
    "titles": 1,  # the catalogue
    "accounts": 1,  # members
    "reviews": 2,
    "comments": 2,
    "news": 2,
    "recommendations": 3,  # builds on the reviews app's likes
    "front": 4,  # composed pages
    "moderation": 4,  # reports and the queue, acting on several apps' items
    "demo": 5,  # demo data, drawn pictures and the large-data generator; the site never imports it
    "bench": 6,  # the load benchmark, which may fill its databases through the demo
    "dramadb": 7,  # configuration: settings, root urls, wsgi/asgi
}
MAX_MODULE_LINES = 400


def rooms() -> list[str]:
    return sorted(p.parent.name for p in ROOT.glob("*/__init__.py") if p.parent.name != "tests")


def modules(room: str) -> Iterator[Path]:
    for path in sorted((ROOT / room).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def imported_rooms(path: Path) -> Iterator[tuple[int, str]]:
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            if (room := name.partition(".")[0]) in LAYERS:
                yield node.lineno, room


def imports_between_rooms() -> dict[tuple[str, str], list[str]]:
    pairs: dict[tuple[str, str], list[str]] = {}
    for room in rooms():
        for path in modules(room):
            for line, other in imported_rooms(path):
                if other != room:
                    where = f"{path.relative_to(ROOT)}:{line}"
                    pairs.setdefault((room, other), []).append(where)
    return pairs


def test_every_room_has_a_layer():
    assert set(rooms()) == set(LAYERS)


def test_no_module_imports_from_a_room_on_its_own_layer_or_above():
    upward = {
        f"{room} -> {other}": where
        for (room, other), where in imports_between_rooms().items()
        if LAYERS[other] >= LAYERS[room]
    }
    assert upward == {}


def test_core_imports_no_app():
    assert [pair for pair in imports_between_rooms() if pair[0] == "core"] == []


def test_the_catalogue_imports_no_other_domain_app():
    assert [other for room, other in imports_between_rooms() if room == "titles"] == ["core"]


def test_no_two_rooms_import_each_other():
    pairs = set(imports_between_rooms())
    assert {(a, b) for a, b in pairs if (b, a) in pairs} == set()


@pytest.mark.parametrize("room", sorted(LAYERS))
def test_no_module_is_longer_than_the_limit(room):
    long = {
        str(path.relative_to(ROOT)): lines
        for path in modules(room)
        if (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def sql_room(path: Path, room: str) -> str:
    """The room whose tables a module's SQL may name: its own, except in the data generator,
    whose modules each write the tables of the app they are named after."""
    if path.parent == ROOT / "demo" / "datagen" and path.stem in LAYERS:
        return path.stem
    return room


def test_no_raw_sql_names_another_apps_table():
    owner = {
        model._meta.db_table: model.__module__.partition(".")[0]
        for model in apps.get_models()
        if model.__module__.partition(".")[0] in LAYERS
    }
    table = re.compile(r"\b(" + "|".join(map(re.escape, sorted(owner, key=len)[::-1])) + r")\b")
    found = []
    for room in rooms():
        for path in modules(room):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    for name in table.findall(node.value):
                        if owner[name] != sql_room(path, room):
                            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert found == []


def test_every_room_is_packaged():
    """An install outside the checkout (`pip install .`) carries every room."""
    import fnmatch
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = project["tool"]["setuptools"]["packages"]["find"]["include"]
    unpackaged = [r for r in rooms() if not any(fnmatch.fnmatch(r, p) for p in patterns)]
    assert unpackaged == []
