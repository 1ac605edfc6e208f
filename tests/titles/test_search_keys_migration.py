"""The migration that rewrites stored search keys with Japanese readings in context and both
spellings of the particles: rows saved before it are found like rows saved after it."""

from importlib import import_module

import pytest
from django.apps import apps

from titles.models import AlternativeTitle, Person, Title

pytestmark = pytest.mark.django_db

migration = import_module("titles.migrations.0013_search_keys_with_readings")


def test_it_gives_rows_saved_before_it_the_new_keys(title_factory, person_factory):
    title = title_factory(title="Your Name.", native_title="君の名は。")
    alternative = AlternativeTitle.objects.create(title=title, name="君の名は")
    person = person_factory(name="Nishikido Ryo", native_name="錦戸亮")
    # The keys as they were stored before: pykakasi's character-by-character readings.
    Title.objects.filter(pk=title.pk).update(search_key="your name | 君の名は | kun no mei ha")
    AlternativeTitle.objects.filter(pk=alternative.pk).update(search_key="君の名は")
    Person.objects.filter(pk=person.pk).update(search_key="nishikido ryo")

    migration.refresh_search_keys(apps, None)

    assert Title.objects.get(pk=title.pk).search_key == (
        "your name | 君の名は | kimi no na ha | kimi no na wa"
    )
    assert AlternativeTitle.objects.get(pk=alternative.pk).search_key.endswith("kimi no na wa")
    assert "ryo nishikido" in Person.objects.get(pk=person.pk).search_key


def test_it_leaves_keys_that_are_already_right(title_factory, django_assert_num_queries):
    title_factory(title="Reply 1988", native_title="응답하라 1988")
    # Expect 3 queries: reading each table; nothing changed, so nothing is written.
    with django_assert_num_queries(3):
        migration.refresh_search_keys(apps, None)
