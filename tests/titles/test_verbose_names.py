"""Every model's and inline's plural name reads as English: never an "s" stuck after a
parenthesis or onto a word that takes another plural ("related title (shown on both
titles)s", "HistoricalTitle_genress")."""

import re

from django.apps import apps
from django.contrib import admin

# A plural made by adding "s" to a name that does not take one.
BAD_PLURAL = re.compile(r"(\)s|_\w*s|ss|[^aeiou]ys|[xz]s|[cs]hs)$")


def plurals() -> list[tuple[str, str]]:
    found = [(model._meta.label, str(model._meta.verbose_name_plural))
             for model in apps.get_models()]  # fmt: skip
    for model, model_admin in admin.site._registry.items():
        for inline in model_admin.inlines:
            found.append((inline.__name__, str(inline(model, admin.site).verbose_name_plural)))
    return found


def test_no_plural_name_is_a_singular_with_an_s_added():
    wrong = [(name, plural) for name, plural in plurals() if BAD_PLURAL.search(plural)]

    assert wrong == []


def test_the_related_titles_inline_has_a_plural_heading(admin_client, title_factory):
    title = title_factory()

    html = admin_client.get(f"/admin/titles/title/{title.pk}/change/").content.decode()

    assert "Related titles (shown on both titles)" in html
    assert "titles)s" not in html
