"""Countries typed as free text before the fixed list are mapped to their codes by a data
migration, which says what it mapped and what it could not; those it could not are left
empty, never guessed."""

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from titles.countries import country_code

frozen = import_module("titles.migrations._frozen_countries_0010")


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Korea", "KR"),
        ("south korea", "KR"),
        ("Republic of Korea", "KR"),
        (" SOUTH KOREA ", "KR"),
        ("japan", "JP"),
        ("China", "CN"),
        ("Taiwan", "TW"),
        ("Thailand", "TH"),
        ("Hong Kong", "HK"),
        ("Philippines", "PH"),
        ("kr", "KR"),
        ("Atlantis", ""),
        ("", ""),
    ],
)
def test_a_typed_country_is_read_as_its_code(typed, code):
    assert country_code(typed) == code


def test_the_report_lists_what_was_mapped_and_what_was_not():
    mapping = frozen.map_countries(["Korea", "japan", "Atlantis", "Korea", ""])

    assert mapping.codes == {"Korea": "KR", "japan": "JP", "Atlantis": ""}
    assert mapping.report() == [
        'Countries mapped: "Korea" → KR (South Korea), "japan" → JP (Japan).',
        'Countries not recognised, left empty: "Atlantis".',
    ]


def _country_migration(executor: MigrationExecutor) -> tuple[tuple[str, str], tuple[str, str]]:
    """The migration that maps the countries, and the one before it (found by name, so a
    renumbering does not break this test)."""
    graph = executor.loader.graph
    (node,) = [key for key in graph.nodes if key[0] == "titles" and "_country_codes" in key[1]]
    (before,) = [n.key for n in graph.node_map[node].parents if n.key[0] == "titles"]
    return node, before


@pytest.mark.django_db(transaction=True)
def test_the_migration_maps_titles_networks_and_history_and_reports_the_rest(capsys):
    executor = MigrationExecutor(connection)
    node, before = _country_migration(executor)
    try:
        executor.migrate([before])
        old = executor.loader.project_state([before]).apps
        network = old.get_model("titles", "Network").objects.create(name="KBS2", country="Korea")
        titles = old.get_model("titles", "Title").objects
        ids = {
            country: titles.create(title=f"A title from {country}", slug="t", country=country).pk
            for country in ["Korea", "japan", "Atlantis", ""]
        }
        old.get_model("titles", "HistoricalTitle").objects.create(
            id=ids["Korea"], title="Before", slug="t", country="Republic of Korea",
            history_date="2026-01-01T00:00Z", history_type="~", aired_weekdays=[],
        )  # fmt: skip

        executor = MigrationExecutor(connection)
        executor.migrate([node])
        new = executor.loader.project_state([node]).apps
        stored = dict(new.get_model("titles", "Title").objects.values_list("pk", "country"))
        history = new.get_model("titles", "HistoricalTitle").objects.get()
        network = new.get_model("titles", "Network").objects.get(pk=network.pk)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    assert {country: stored[pk] for country, pk in ids.items()} == {
        "Korea": "KR", "japan": "JP", "Atlantis": "", "": ""
    }  # fmt: skip
    assert history.country == "KR" and network.country == "KR"
    printed = capsys.readouterr().out
    assert '"Korea" → KR (South Korea)' in printed and '"japan" → JP (Japan)' in printed
    assert 'not recognised, left empty: "Atlantis"' in printed
    assert f"Titles left without a country: #{ids['Atlantis']} A title from Atlantis" in printed
