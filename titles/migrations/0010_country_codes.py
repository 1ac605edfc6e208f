# A title's and a network's country was free text ("Korea", "South Korea", "japan"); it is
# now an ISO 3166 code from a fixed list. The names already stored are mapped to their codes
# first (case-insensitive, with the usual other names); a name that is not recognised is left
# empty and reported with the rows that had it, so that an editor can set it by hand.
#
# The mapping is this migration's own frozen copy; titles.countries is named only by the
# fields, as the models name it.

import django_countries.fields
import titles.countries
from django.db import migrations

from ._frozen_countries_0010 import country_name, map_countries

MODELS = ["Title", "Network", "HistoricalTitle", "HistoricalNetwork"]


def names_to_codes(apps, schema_editor):
    managers = [apps.get_model("titles", name)._base_manager for name in MODELS]
    typed = []
    for manager in managers:
        typed += manager.exclude(country="").values_list("country", flat=True).distinct()
    mapping = map_countries(sorted(set(typed), key=str.casefold))
    lines = mapping.report()
    unknown = [text for text, code in mapping.codes.items() if not code]
    for name in ("Title", "Network"):
        left = apps.get_model("titles", name)._base_manager.filter(country__in=unknown)
        label = "name" if name == "Network" else "title"
        rows = [f"#{pk} {text}" for pk, text in left.order_by("pk").values_list("pk", label)]
        if rows:
            lines.append(f"{name}s left without a country: {', '.join(rows)}.")
    for manager in managers:
        for text, code in mapping.codes.items():
            manager.filter(country=text).update(country=code)
    for line in lines:
        print(f"\n  {line}", end="")


def codes_to_names(apps, schema_editor):
    for name in MODELS:
        manager = apps.get_model("titles", name)._base_manager
        codes = manager.exclude(country="").values_list("country", flat=True).distinct()
        for code in list(codes):
            manager.filter(country=code).update(country=country_name(code))


class Migration(migrations.Migration):
    dependencies = [
        ("titles", "0009_edit_history"),
    ]

    operations = [
        migrations.RunPython(names_to_codes, codes_to_names, elidable=False),
        migrations.AlterField(
            model_name="historicalnetwork",
            name="country",
            field=django_countries.fields.CountryField(
                blank=True, countries=titles.countries.CatalogueCountries, max_length=2
            ),
        ),
        migrations.AlterField(
            model_name="historicaltitle",
            name="country",
            field=django_countries.fields.CountryField(
                blank=True, countries=titles.countries.CatalogueCountries, max_length=2
            ),
        ),
        migrations.AlterField(
            model_name="network",
            name="country",
            field=django_countries.fields.CountryField(
                blank=True, countries=titles.countries.CatalogueCountries, max_length=2
            ),
        ),
        migrations.AlterField(
            model_name="title",
            name="country",
            field=django_countries.fields.CountryField(
                blank=True, countries=titles.countries.CatalogueCountries, max_length=2
            ),
        ),
    ]
