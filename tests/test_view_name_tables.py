"""Each page declares its own metadata and indexing in its own app (core.metadata), so no
module keeps a table of views by name for another module to look pages up in."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.test_layout import ROOT, URL_NAME, modules, rooms, url_rooms


def view_names_in_tables(path: Path, namespaces: dict[str, str]) -> list[str]:
    """The URL names a module uses as a dict's keys or a set's members."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Dict):
            items = [key for key in node.keys if key is not None]
        elif isinstance(node, ast.Set):
            items = node.elts
        else:
            continue
        for item in items:
            if not (isinstance(item, ast.Constant) and isinstance(item.value, str)):
                continue
            if (match := URL_NAME.fullmatch(item.value)) and match[1] in namespaces:
                found.append(f"{path.relative_to(ROOT)}:{item.lineno} {item.value}")
    return found


def test_no_module_keeps_a_table_of_view_names():
    namespaces = url_rooms()
    found = [
        where
        for room in rooms()
        for path in modules(room)
        for where in view_names_in_tables(path, namespaces)
    ]
    assert found == []


def test_the_head_is_rendered_without_naming_any_view():
    source = (ROOT / "front" / "metadata.py").read_text()
    names = [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and URL_NAME.fullmatch(node.value)
    ]
    assert names == []
