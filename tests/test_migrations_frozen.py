"""Migrations keep their own copy of the code they run.

A migration runs on databases made long after it was written: a fresh one, or one that skipped
a few releases. Code it imported from the site's modules would have changed by then, and could
break `migrate` or quietly do something the migration never did. So a migration imports only
Django, the standard library, third-party packages and its own app's migrations package, which
holds the frozen copies (`_frozen_…` modules), and it reads and writes through historical
models (`apps.get_model`), never the live ones.

One kind of project import stays: the names Django writes into an operation for a model field
(a field class, a callable default, a countries list). They must be the live ones, or
`makemigrations` would see the field changed; Django asks that such names stay importable as
long as a migration mentions them. They are allowed only where the operations name them, never
in code that a migration runs.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Written by Django into field definitions, as the models name them.
FIELD_REFERENCES = {
    "core.images.CheckedImageField",
    "core.storage.private_storage",
    "reviews.models.empty_histogram",
    "titles.countries.CatalogueCountries",
}
FIELD_MODULES = {reference.rpartition(".")[0] for reference in FIELD_REFERENCES}

# Ways to the live models from a migration.
LIVE_MODELS = {"django.apps.apps", "django.contrib.auth.get_user_model"}


def rooms(root: Path = ROOT) -> set[str]:
    """The project's top-level packages."""
    return {path.parent.name for path in root.glob("*/__init__.py")}


def migration_files(root: Path = ROOT) -> list[Path]:
    return sorted(root.glob("*/migrations/*.py"))


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _in_function(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return True
    return False


def _dotted(name: ast.Name, parents: dict[ast.AST, ast.AST]) -> str:
    """`core.images.CheckedImageField` for the Name `core` at the start of that chain."""
    node: ast.AST = name
    parts = [name.id]
    while isinstance(parent := parents.get(node), ast.Attribute) and parent.value is node:
        parts.append(parent.attr)
        node = parent
    return ".".join(parts)


def live_code(path: Path, root: Path = ROOT) -> list[str]:
    """Each place where the migration at `path` reaches code of the project's rooms."""
    return sorted(_live_code(path, root), key=lambda found: int(found.split(":")[1]))


def _live_code(path: Path, root: Path) -> Iterator[str]:
    own = f"{path.parent.parent.name}.migrations"
    project = rooms(root)

    def is_live(module: str) -> bool:
        in_own = module == own or module.startswith(own + ".")
        return module.partition(".")[0] in project and not in_own

    tree = ast.parse(path.read_text(), str(path))
    parents = _parents(tree)
    where = path.relative_to(root)
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            # `from . import x` is the migration's own package; `from .. import x` its app.
            module = node.module or ""
            if node.level > 1 or (node.level == 0 and is_live(module)):
                names = ", ".join(alias.name for alias in node.names)
                yield f"{where}:{node.lineno}: from {'.' * node.level}{module} import {names}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if not is_live(alias.name):
                    continue
                plain = alias.name in FIELD_MODULES and not alias.asname
                if plain and not _in_function(node, parents):
                    bound.add(alias.name.partition(".")[0])
                    continue
                yield f"{where}:{node.lineno}: import {alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in bound:
            dotted = _dotted(node, parents)
            if dotted not in FIELD_REFERENCES or _in_function(node, parents):
                yield f"{where}:{node.lineno}: {dotted}"


def live_models(path: Path) -> Iterator[str]:
    """Each place where the migration at `path` imports a way to the live models."""
    tree = ast.parse(path.read_text(), str(path))
    where = path.relative_to(ROOT)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                model_module = node.module.endswith(".models") and node.module != "django.db.models"
                if name in LIVE_MODELS or model_module:
                    yield f"{where}:{node.lineno}: from {node.module} import {alias.name}"


def test_there_are_migrations_to_read():
    assert len(migration_files()) > 40
    assert {"titles", "reviews", "accounts"} <= rooms()


def test_no_migration_runs_code_of_the_project():
    found = [line for path in migration_files() for line in live_code(path)]
    assert found == []


def test_no_migration_reaches_the_live_models():
    found = [line for path in migration_files() for line in live_models(path)]
    assert found == []


def test_a_field_reference_counts_only_where_the_operations_name_it(tmp_path):
    (tmp_path / "titles" / "migrations").mkdir(parents=True)
    (tmp_path / "titles" / "__init__.py").write_text("")
    path = tmp_path / "titles" / "migrations" / "0099_example.py"
    path.write_text(
        "import titles.countries\n"
        "from . import _frozen_countries_0099\n"
        "from titles.migrations._frozen_keys_0099 import search_key\n"
        "from ..countries import country_code\n"
        "def forwards(apps, schema_editor):\n"
        "    import titles.keys\n"
        "    titles.countries.map_countries([])\n"
        "    return titles.countries.CatalogueCountries\n"
        "FIELD = titles.countries.CatalogueCountries\n"
    )

    assert live_code(path, tmp_path) == [
        "titles/migrations/0099_example.py:4: from ..countries import country_code",
        "titles/migrations/0099_example.py:6: import titles.keys",
        "titles/migrations/0099_example.py:7: titles.countries.map_countries",
        "titles/migrations/0099_example.py:8: titles.countries.CatalogueCountries",
    ]
