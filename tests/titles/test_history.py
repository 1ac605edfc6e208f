"""Catalogue history: editors' changes are recorded with before and after, shown in the admin
and on the title's public "Edit history" page, and one change can be reverted from the admin."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from tests.titles.test_admin import ADD_URL, title_form
from titles.models import Credit, Person, RelatedTitle, Title

pytestmark = pytest.mark.django_db

OLD_SYNOPSIS = "Aya, fifteen, learns that her clumsiness is the start of an illness."
NEW_SYNOPSIS = "A girl of fifteen keeps a diary as an illness takes her strength, day by day."


def change_url(obj) -> str:
    return f"/admin/titles/{obj._meta.model_name}/{obj.pk}/change/"


def history_url(obj) -> str:
    return f"/admin/titles/{obj._meta.model_name}/{obj.pk}/history/"


def revert_url(obj, record) -> str:
    return f"/admin/titles/{obj._meta.model_name}/{obj.pk}/history/{record.history_id}/revert/"


def public_history(title) -> str:
    return reverse("titles:history", kwargs={"pk": title.pk, "slug": title.slug})


def title_change(credit, **overrides) -> dict:
    """The title's change form as the admin posts it, with its one credit in the inline."""
    return title_form(
        **{
            "synopsis": OLD_SYNOPSIS,
            "alternative_titles-TOTAL_FORMS": "0",
            "credits-TOTAL_FORMS": "1",
            "credits-INITIAL_FORMS": "1",
            "credits-0-id": str(credit.pk),
            "credits-0-title": str(credit.title_id),
            "credits-0-person": str(credit.person_id),
            "credits-0-kind": credit.kind,
            "credits-0-character_name": credit.character_name,
            "credits-0-order": str(credit.order),
            **overrides,
        }
    )


@pytest.fixture
def edited(editor_client, person_factory, credit_factory):
    """A title made in the admin, then edited there: its synopsis, then a credit's character
    name through the title's cast inline."""
    response = editor_client.post(ADD_URL, title_form(synopsis=OLD_SYNOPSIS))
    assert response.status_code == 302, response.content.decode()[:2000]
    title = Title.objects.get()
    credit = credit_factory(
        title=title, person=person_factory(name="Sawajiri Erika"), character_name="Ikeuchi Aya"
    )
    response = editor_client.post(change_url(title), title_change(credit, synopsis=NEW_SYNOPSIS))
    assert response.status_code == 302, response.content.decode()[:2000]
    response = editor_client.post(
        change_url(title),
        title_change(credit, synopsis=NEW_SYNOPSIS, **{"credits-0-character_name": "Aya"}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return title, Credit.objects.get()


def latest(obj):
    return obj.history.order_by("-history_date", "-history_id").first()


def test_the_admin_history_of_each_shows_the_change_with_before_and_after(editor_client, edited):
    title, credit = edited

    title_page = editor_client.get(history_url(title)).content.decode()
    credit_page = editor_client.get(history_url(credit)).content.decode()

    assert f"<strong>Synopsis:</strong> {OLD_SYNOPSIS} &rarr; {NEW_SYNOPSIS}</li>" in title_page
    assert "<strong>Character name:</strong> Ikeuchi Aya &rarr; Aya</li>" in credit_page
    assert "Revert this change" in credit_page


def test_a_save_that_changes_nothing_is_not_recorded(edited):
    title, credit = edited

    # Made, then its synopsis changed; saving it again with its credit changed no field of it.
    assert [r.history_type for r in title.history.order_by("history_id")] == ["+", "~"]
    assert [r.character_name for r in credit.history.order_by("history_id")] == [
        "Ikeuchi Aya",
        "Aya",
    ]


def test_the_public_history_shows_both_changes_with_the_editor_and_no_private_data(
    client, edited, editor
):
    title, _ = edited

    html = client.get(public_history(title)).content.decode()

    # The title and its alternative name added, its synopsis and the character name changed;
    # the credit was added outside any request, so by "an editor".
    assert html.count("by editor,") == 4
    assert html.count("by an editor,") == 1
    assert "Credit: Sawajiri Erika as Aya</strong> changed" in html
    assert "Character name: Ikeuchi Aya" in html and "→</span>" in html
    assert "Title: 1 Litre of Tears</strong> changed" in html
    assert f"Synopsis: {OLD_SYNOPSIS} <span" in html
    assert editor.email not in html
    newest, older = "Credit: Sawajiri Erika as Aya", "Title: 1 Litre of Tears</strong> changed"
    assert html.index(newest) < html.index(older)


def test_reverting_the_credit_shows_the_old_name_on_the_title_page_at_once(editor_client, edited):
    title, credit = edited
    visitor = Client()
    assert "Aya ·" in visitor.get(title.get_absolute_url()).content.decode()
    assert visitor.get(title.get_absolute_url())["X-Page-Cache"] == "hit"

    response = editor_client.post(revert_url(credit, latest(credit)), follow=True)

    assert "Character name set back." in response.content.decode()
    credit.refresh_from_db()
    assert credit.character_name == "Ikeuchi Aya"
    page = visitor.get(title.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "Ikeuchi Aya ·" in page.content.decode()
    history = visitor.get(public_history(title)).content.decode()
    assert "Character name: Aya <span" in history
    assert "Reverted #" in history and ": Character name" in history


def test_the_revert_is_recorded_with_its_editor_and_reason(editor_client, edited, editor):
    _, credit = edited
    reverted = latest(credit)

    editor_client.post(revert_url(credit, reverted))

    record = latest(credit)
    assert record.history_user == editor
    assert record.history_change_reason.startswith(f"Reverted #{reverted.history_id} of ")
    assert record.history_change_reason.endswith(" by editor: Character name")


def test_reverting_a_field_that_a_later_change_changed_again_says_so(editor_client, edited):
    title, credit = edited
    first = latest(credit)
    editor_client.post(
        change_url(title),
        title_change(credit, synopsis=NEW_SYNOPSIS, **{"credits-0-character_name": "Aya (15)"}),
    )

    response = editor_client.post(revert_url(credit, first), follow=True)

    assert "A later change had changed Character name again" in response.content.decode()
    credit.refresh_from_db()
    assert credit.character_name == "Ikeuchi Aya"


def test_only_the_fields_the_change_changed_are_set_back(editor_client, edited):
    title, _ = edited
    synopsis_change = latest(title)
    editor_client.post(
        change_url(title),
        title_change(Credit.objects.get(), synopsis=NEW_SYNOPSIS, episodes="12"),
    )

    editor_client.post(revert_url(title, synopsis_change))

    title.refresh_from_db()
    assert title.synopsis == OLD_SYNOPSIS
    assert title.episodes == 12


def test_a_genre_added_is_taken_out_again(editor_client, edited, genre_factory):
    title, credit = edited
    drama, romance = genre_factory(name="Drama"), genre_factory(name="Romance")
    title.genres.add(drama)
    editor_client.post(
        change_url(title),
        title_change(credit, synopsis=NEW_SYNOPSIS, genres=[str(drama.pk), str(romance.pk)]),
    )
    added = latest(title)

    editor_client.post(revert_url(title, added))

    assert list(title.genres.all()) == [drama]


def test_a_creation_cannot_be_reverted(editor_client, edited):
    title, _ = edited
    created = title.history.get(history_type="+")

    response = editor_client.post(revert_url(title, created), follow=True)

    assert "Nothing was reverted" in response.content.decode()
    assert Title.objects.get().synopsis == NEW_SYNOPSIS


def test_get_on_the_revert_view_only_asks_to_confirm(editor_client, edited):
    _, credit = edited

    response = editor_client.get(revert_url(credit, latest(credit)))

    assert "Yes, revert this change" in response.content.decode()
    credit.refresh_from_db()
    assert credit.character_name == "Aya"


@pytest.mark.parametrize(
    ("who", "status"), [("member", 302), ("visitor", 302), ("staff without rights", 403)]
)
def test_only_an_editor_with_change_rights_may_revert(client, edited, user_factory, who, status):
    _, credit = edited
    client.logout()
    if who == "member":
        client.force_login(user_factory(username="reader"))
    elif who == "staff without rights":
        staff = user_factory(username="viewer", is_staff=True)
        staff.user_permissions.add(Permission.objects.get(codename="view_credit"))
        client.force_login(staff)

    response = client.post(revert_url(credit, latest(credit)))

    assert response.status_code == status
    credit.refresh_from_db()
    assert credit.character_name == "Aya"


def test_adding_a_genre_the_title_already_has_is_not_recorded(title_factory, genre_factory):
    title = title_factory()
    drama = genre_factory(name="Drama")
    title.genres.add(drama)
    before = title.history.count()

    title.genres.add(drama)
    title.save()

    assert title.history.count() == before


def test_a_row_made_before_history_was_kept_is_recorded_as_it_stood_first(editor_client):
    # Rows inserted in bulk, as the data generator does, have no records.
    (title,) = Title.objects.bulk_create([Title(title="Quiet Harbour", slug="quiet-harbour")])
    assert not title.history.exists()

    title.synopsis = "A ferry, a town, a winter."
    title.save()

    baseline, change = title.history.order_by("history_id")
    assert baseline.synopsis == "" and baseline.history_user is None
    assert change.synopsis == "A ferry, a town, a winter."


def test_the_public_history_redirects_an_old_slug_and_keeps_the_page(client, edited):
    title, _ = edited

    response = client.get(f"/titles/{title.pk}-old-name/history/?page=2")

    assert response.status_code == 301
    assert response["Location"] == f"{public_history(title)}?page=2"


def test_a_past_version_can_be_seen_but_not_saved_over_the_object(editor_client, edited):
    title, _ = edited
    created = title.history.get(history_type="+")
    url = f"{history_url(title)}{created.history_id}/"

    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url, title_form(synopsis=OLD_SYNOPSIS))

    assert response.status_code == 405
    assert Title.objects.get().synopsis == NEW_SYNOPSIS


def test_every_recorded_model_has_an_admin_history_with_its_changes(
    editor_client, admin_user, title_factory, alternative_title_factory, genre_factory
):
    editor_client.force_login(admin_user)
    title = title_factory()
    objects = [
        title.network,
        genre_factory(name="Drama"),
        alternative_title_factory(title=title, name="First name"),
        RelatedTitle.objects.create(title=title, related=title_factory(), kind="sequel"),
        Person.objects.create(name="Toda Erika"),
    ]
    for obj in objects:
        field = "kind" if isinstance(obj, RelatedTitle) else "name"
        setattr(obj, field, "remake" if field == "kind" else f"{getattr(obj, field)} (renamed)")
        obj.save()

    for obj in objects:
        html = editor_client.get(history_url(obj)).content.decode()
        assert "Revert this change" in html, obj
    related = editor_client.get(history_url(objects[3])).content.decode()
    assert "<strong>Kind:</strong> Sequel &rarr; Remake</li>" in related


def test_a_deleted_credit_and_a_genre_added_from_its_side_are_on_the_public_history(
    client, title_factory, credit_factory, genre_factory
):
    title = title_factory()
    credit_factory(title=title, person__name="Sawajiri Erika", character_name="Ikeuchi Aya")
    Credit.objects.get().delete()
    genre_factory(name="Medical").titles.add(title)

    html = client.get(public_history(title)).content.decode()

    assert "Credit: Sawajiri Erika as Ikeuchi Aya</strong> removed" in html
    assert "Genres: (empty) <span" in html and "</span> Medical</li>" in html
