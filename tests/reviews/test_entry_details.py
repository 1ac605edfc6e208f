"""A list entry's private note, rewatches and priority, and private entries."""

import pytest
from django.db import IntegrityError, transaction

from reviews import selectors
from reviews.models import ListEntry, TitleStats
from reviews.services import list_entry_save

pytestmark = pytest.mark.django_db


def full_form(**overrides) -> dict:
    data = {"status": "completed", "score": "8.0", "episodes_seen": "12", "started_on": "",
            "finished_on": "", "rewatch_count": "2", "priority": "high",
            "note": "Watch the finale again with Mum.", "is_private": "on"}  # fmt: skip
    return data | overrides


def test_the_full_form_saves_the_details_and_a_quick_rating_keeps_them(client, user, title_factory):
    title = title_factory()
    client.force_login(user)
    assert client.post(f"/titles/{title.pk}/my-entry/", full_form()).status_code == 302
    client.post(f"/titles/{title.pk}/rate/", {"status": "completed", "score": "9.5"})
    entry = ListEntry.objects.get(user=user)
    assert (entry.score, entry.rewatch_count, entry.priority, entry.is_private) == (
        9.5,
        2,
        "high",
        True,
    )
    assert entry.note == "Watch the finale again with Mum."


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("note", "x" * 100_001, "Ensure this value has at most 10000 characters (it has 100001)."),
        ("note", "x" * 10_001, "Ensure this value has at most 10000 characters (it has 10001)."),
        ("rewatch_count", "1000", "Ensure this value is less than or equal to 999."),
        ("priority", "urgent", "Select a valid choice. urgent is not one of the available"),
    ],
)
def test_bad_details_are_refused_and_the_rest_is_kept(
    client, user, title_factory, field, value, message
):
    title = title_factory()
    client.force_login(user)
    response = client.post(f"/titles/{title.pk}/my-entry/", full_form(**{field: value}))
    html = response.content.decode()
    assert response.status_code == 422
    assert message in html
    assert "Watch the finale again with Mum." in html or field == "note"
    assert not ListEntry.objects.exists()


def test_the_database_refuses_a_note_too_long_and_too_many_rewatches(user, title_factory):
    for details in ({"note": "x" * 10_001}, {"rewatch_count": 1000}, {"priority": "urgent"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            list_entry_save(user=user, title=title_factory(), status="completed", score=None,
                            **details)  # fmt: skip


def test_a_private_entry_is_its_owners_alone_but_still_counts(
    client, user, user_factory, title_factory, rate
):
    title = title_factory(title="Quiet Favourite")
    list_entry_save(user=user, title=title, status="completed", score=None)
    list_entry_save(user=user, title=title, status="completed", score=9, is_private=True,
                    note="Only mine.")  # fmt: skip
    rate(user, title_factory(title="Open One"), "7.0")
    other = user_factory(username="someone")

    # Others do not see it: not on the list page or the profile, not in "Recently Watched By".
    for viewer in (None, other):
        if viewer:
            client.force_login(viewer)
        listing = client.get(f"/users/{user.username}/list/").content.decode()
        profile = client.get(f"/users/{user.username}/").content.decode()
        assert "Quiet Favourite" not in listing and "Open One" in listing
        assert "Quiet Favourite" not in profile and "1 title on the list" in profile
    # Asked for by its address, it is not found (404, not 403: nothing says it exists).
    entry = ListEntry.objects.get(user=user, title=title)
    for address in (f"/list/{entry.pk}/edit/", f"/list/{entry.pk}/remove/"):
        assert client.get(address).status_code == 404
    assert selectors.recently_watched_by(title, 8) == []
    # The owner does, marked, with the note.
    client.force_login(user)
    listing = client.get(f"/users/{user.username}/list/").content.decode()
    assert 'Quiet Favourite</a> <span class="text-body-secondary small">' in listing
    assert '<span class="badge text-bg-secondary">Private</span>' in listing
    assert "Only mine." in listing
    assert "2 titles on the list" in client.get(f"/users/{user.username}/").content.decode()
    # Still counted, unnamed, in the title's numbers.
    stats = TitleStats.objects.get(title=title)
    assert (stats.ratings_count, stats.watchers) == (1, 1)


def test_notes_are_never_shown_to_anybody_else(client, user, user_factory, title_factory):
    list_entry_save(user=user, title=title_factory(), status="completed", score=None,
                    note="Mine alone.")  # fmt: skip
    client.force_login(user_factory(username="someone"))
    assert "Mine alone." not in client.get(f"/users/{user.username}/list/").content.decode()
