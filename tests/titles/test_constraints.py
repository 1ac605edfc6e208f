from datetime import date

import pytest
from django.db import IntegrityError, transaction

from titles.models import Credit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fields",
    [
        {"aired_from": date(2005, 12, 20), "aired_to": date(2005, 10, 15)},
        {"episodes": 0},
        {"duration_minutes": 0},
        {"kind": "opera"},
    ],
)
def test_the_database_refuses_an_impossible_title(title_factory, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        title_factory(**fields)


def test_the_database_refuses_a_duplicate_credit(credit_factory):
    credit = credit_factory(kind=Credit.Kind.MAIN, character_name="Ikeuchi Aya")
    with pytest.raises(IntegrityError), transaction.atomic():
        Credit.objects.create(
            title=credit.title,
            person=credit.person,
            kind=Credit.Kind.MAIN,
            character_name="Ikeuchi Aya",
        )


def test_one_person_may_play_two_characters_in_one_title(credit_factory):
    credit = credit_factory(character_name="Twin A")
    Credit.objects.create(
        title=credit.title, person=credit.person, kind=credit.kind, character_name="Twin B"
    )
    assert credit.title.credits.count() == 2


def test_a_title_without_slug_gets_one_and_a_year_from_its_first_air_date(title_factory):
    title = title_factory(
        title="Nodame Cantabile", slug="", year=None, aired_from=date(2006, 10, 16)
    )
    assert title.slug == "nodame-cantabile"
    assert title.year == 2006
