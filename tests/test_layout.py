"""The project's rooms and the direction of their imports (README, "Layout").

Each top-level package sits on a layer; a module may import only from rooms on lower layers.
So core imports no app, the catalogue and the accounts import no other domain app, no two
apps import each other, and only the composition layer gathers several apps into one page.
URL names in modules and templates, and the templates that templates include, follow the same
rule; a lower room links to a page above it by role (core.links.page_link).
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
    "social": 2,  # follows, blocks, notifications, the activity log: every app above tells it
    "reviews": 3,
    "comments": 3,
    "news": 3,
    "lists": 3,  # members' favorites and lists of titles and people
    "recommendations": 4,  # builds on the reviews app's likes
    "imports": 4,  # members' exports: reads what reviews, comments and lists own
    "front": 5,  # composed pages
    "moderation": 5,  # reports and the queue, acting on several apps' items
    "api": 6,  # the read API: the catalogue and members' public lists, filtered as browse is
    "demo": 6,  # demo data, drawn pictures and the large-data generator; the site never imports it
    "bench": 7,  # the load benchmark, which may fill its databases through the demo
    "dramadb": 8,  # configuration: settings, root urls, wsgi/asgi
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


# URL names and templates follow the same direction as imports: a room names only its own
# URLs and templates and those of rooms on lower layers.
URL_NAME = re.compile(r"(\w+):([-\w]+)")
TEMPLATE_TAG = re.compile(r"{%\s*(\w+)(.*?)%}", re.DOTALL)
QUOTED = re.compile(r"""(["'])(.*?)\1""")
# Templates are kept in folders named after their room. The site's frame (base.html, the error
# pages, the header and footer) gathers links and parts of several apps, so it is the
# composition room's; the admin's templates are the core room's.
FRAME_ROOM = "front"
FOLDER_ROOMS = {
    "includes": FRAME_ROOM,
    "errors": FRAME_ROOM,
    "admin": "core",
}
TEMPLATE_NAME = re.compile(r"[-\w/]+\.(html|txt)")
# The names any room may use, as it uses the LOGIN_URL setting, without naming what is behind
# them: every page is placed in the site by extending its frame, and the page for an HTTP status
# is named by the code, as Django itself names 404.html and 500.html.
SITE_TEMPLATES = re.compile(r"base\.html|\d{3}(_\w+)?\.html")


def url_rooms() -> dict[str, str]:
    """Each URL namespace and the room whose urls.py declares it."""
    from django.urls import get_resolver

    found = {}
    for namespace, (_, resolver) in get_resolver().namespace_dict.items():
        room = getattr(resolver.urlconf_module, "__name__", "").partition(".")[0]
        if room in LAYERS:
            found[namespace] = room
    return found


def template_room(name: str) -> str | None:
    """The room a template belongs to, from its name as the loaders find it."""
    folder, _, rest = name.partition("/")
    if not rest:
        return FRAME_ROOM
    return FOLDER_ROOMS.get(folder, folder if folder in LAYERS else None)


def is_above(other: str | None, room: str) -> bool:
    return other is not None and other != room and LAYERS[other] >= LAYERS[room]


def room_of_template(name: str) -> str | None:
    """The room of a template a lower room names, unless it is one of the site's names."""
    return None if SITE_TEMPLATES.fullmatch(name) else template_room(name)


def upward_names_in_module(source: str, room: str, namespaces: dict[str, str]) -> list[str]:
    """The URL names and template names of rooms above `room` that a module's strings hold."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if match := URL_NAME.fullmatch(node.value):
                other = namespaces.get(match[1])
            elif TEMPLATE_NAME.fullmatch(node.value):
                other = room_of_template(node.value)
            else:
                continue
            if is_above(other, room):
                found.append(f"{node.lineno} {node.value}")
    return found


def upward_names_in_template(source: str, room: str, namespaces: dict[str, str]) -> list[str]:
    """The URL names and templates of rooms above `room` that a template's tags name: a URL
    name in any tag (`url`, `page_link` and the like), a template in `include` and `extends`,
    a personal part (core/personal.py) by the room in its name."""
    found = []
    for tag in TEMPLATE_TAG.finditer(source):
        line = source.count("\n", 0, tag.start()) + 1
        for i, (_, text) in enumerate(QUOTED.findall(tag[2])):
            if match := URL_NAME.fullmatch(text):
                other = namespaces.get(match[1])
            elif i == 0 and tag[1] in ("include", "extends"):
                other = room_of_template(text)
            elif i == 0 and tag[1] in ("personal", "personal_block"):
                other = text.partition(".")[0] if "." in text else None  # a role has no room
            else:
                continue
            if is_above(other, room):
                found.append(f"{line} {text}")
    return found


def templates() -> Iterator[tuple[str, Path]]:
    """Every template, with its name as the loaders find it."""
    for folder in [ROOT / "templates", *(ROOT / room / "templates" for room in rooms())]:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                yield path.relative_to(folder).as_posix(), path


def test_no_module_names_a_url_of_a_room_on_its_own_layer_or_above():
    namespaces = url_rooms()
    found = [
        f"{path.relative_to(ROOT)}:{where}"
        for room in rooms()
        for path in modules(room)
        for where in upward_names_in_module(path.read_text(), room, namespaces)
    ]
    assert found == []


def test_no_template_names_a_url_or_template_of_a_room_on_its_own_layer_or_above():
    namespaces = url_rooms()
    found = [
        f"{path.relative_to(ROOT)}:{where}"
        for name, path in templates()
        if (room := template_room(name)) is not None
        for where in upward_names_in_template(path.read_text(), room, namespaces)
    ]
    assert found == []


def test_every_template_belongs_to_a_room():
    assert [name for name, _ in templates() if template_room(name) is None] == []


def test_every_url_namespace_belongs_to_a_room():
    assert set(url_rooms().values()) <= set(LAYERS)
    assert url_rooms()["front"] == "front"


def test_it_finds_a_url_name_of_a_higher_room_in_a_module():
    source = 'from django.urls import reverse\n\nHOME = reverse("front:home")\n'
    assert upward_names_in_module(source, "titles", url_rooms()) == ["3 front:home"]


def test_it_finds_a_url_name_of_a_room_on_the_same_layer_in_a_module():
    assert upward_names_in_module('x = "comments:thread"', "reviews", url_rooms()) == [
        "1 comments:thread"
    ]


def test_it_finds_a_template_of_a_higher_room_in_a_module():
    source = 'render(request, "front/home.html")\nrender(request, "429.html")\n'
    source += 'render(request, "comments/_section.html")\n'
    assert upward_names_in_module(source, "reviews", url_rooms()) == [
        "1 front/home.html",
        "3 comments/_section.html",
    ]


def test_it_lets_a_module_name_its_own_and_lower_rooms_urls():
    source = 'a = "reviews:rate"\nb = "titles:person"\nc = "the front: a word"\n'
    assert upward_names_in_module(source, "reviews", url_rooms()) == []


def test_it_finds_a_url_name_of_a_higher_room_in_a_template():
    source = '<p>\n<a href="{% url \'moderation:queue\' %}">x</a>{% url "front:title" 1 "a" %}'
    assert upward_names_in_template(source, "reviews", url_rooms()) == [
        "2 moderation:queue",
        "2 front:title",
    ]


def test_it_finds_a_personal_part_of_a_higher_room_in_a_template():
    source = '{% personal "reviews.helpful" 1 %}\n{% personal_block "moderation.report_link" %}'
    source += '{% personal_block "report_link" "review" 1 %}{% personal "titles.add_cast" 1 %}'
    assert upward_names_in_template(source, "reviews", url_rooms()) == ["2 moderation.report_link"]


def test_it_finds_a_template_of_a_higher_room_in_a_template():
    source = '{% extends "base.html" %}\n{% include "front/_part.html" with x=1 %}\n'
    source += '{% include "includes/header.html" %}{% include "titles/_credit.html" %}'
    source += '{% include "titles/_title_card.html" with level="h2" %}'
    assert upward_names_in_template(source, "reviews", url_rooms()) == [
        "2 front/_part.html",
        "3 includes/header.html",
    ]


def test_it_reads_a_templates_room_from_its_folder():
    assert [template_room(n) for n in ("base.html", "errors/page.html", "news/index.html")] == [
        "front",
        "front",
        "news",
    ]
