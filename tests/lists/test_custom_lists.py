"""Members' own lists of titles: made, filled from title pages, reordered, private or shared."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from lists import models as list_models
from lists.models import CustomList, CustomListItem
from lists.services import (
    custom_list_add,
    custom_list_create,
    custom_list_move,
    custom_list_place,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(user, title_factory):
    custom_list = custom_list_create(user=user, name="Cry-along dramas")
    titles = [title_factory(title=name) for name in ("Alpha", "Bravo", "Charlie")]
    for title in titles:
        custom_list_add(user=user, custom_list=custom_list, title=title)
    return custom_list, titles


def order(custom_list) -> list[str]:
    items = CustomListItem.objects.filter(custom_list=custom_list).order_by("position")
    return [item.title.title for item in items.select_related("title")]


def test_a_member_makes_a_list_and_fills_it_from_title_pages(client, user, title_factory):
    client.force_login(user)
    response = client.post("/lists/new/", {"name": "Weekend picks", "description": "Short ones."})
    custom_list = CustomList.objects.get()
    assert response["Location"] == f"/lists/{custom_list.pk}/"
    title = title_factory(title="Paper Lantern")
    page = client.get(title.get_absolute_url()).content.decode()
    assert f'<option value="{custom_list.pk}">Weekend picks</option>' in page
    response = client.post(f"/titles/{title.pk}/add-to-list/",
                           {"custom_list": custom_list.pk, "note": "Bring tissues."},
                           follow=True)  # fmt: skip
    assert "Added Paper Lantern to Weekend picks." in response.content.decode()
    html = client.get(custom_list.get_absolute_url()).content.decode()
    assert "Paper Lantern" in html and "Bring tissues." in html
    assert '<meta property="og:title" content="Weekend picks">' in html
    # The title page names the public lists that hold it.
    client.logout()
    page = client.get(title.get_absolute_url()).content.decode()
    assert f'<a href="/lists/{custom_list.pk}/">Weekend picks</a>' in page


def test_the_owner_reorders_with_and_without_javascript(client, user, filled):
    custom_list, titles = filled
    client.force_login(user)
    url = f"/lists/{custom_list.pk}/titles/{titles[2].pk}/"
    assert client.post(url, {"action": "up"})["Location"] == custom_list.get_absolute_url()
    assert order(custom_list) == ["Alpha", "Charlie", "Bravo"]
    headers = {"HX-Request": "true", "HX-Target": "list-items"}
    response = client.post(url, {"action": "up"}, headers=headers, follow=True)
    html = response.content.decode()
    assert html.strip().startswith('<ol class="list-items" id="list-items"')
    assert html.index("Charlie") < html.index("Alpha") < html.index("Bravo")
    client.post(url, {"action": "remove"})
    assert order(custom_list) == ["Alpha", "Bravo"]
    assert CustomList.objects.get().items_count == 2


def test_a_drag_and_drop_places_a_title_before_or_after_another(
    client, user, filled, title_factory
):
    custom_list, (alpha, bravo, charlie) = filled
    client.force_login(user)
    url = f"/lists/{custom_list.pk}/titles/{charlie.pk}/"
    response = client.post(url, {"action": "before", "beside": alpha.pk})
    assert response["Location"] == custom_list.get_absolute_url()
    assert order(custom_list) == ["Charlie", "Alpha", "Bravo"]
    client.post(url, {"action": "after", "beside": bravo.pk})
    assert order(custom_list) == ["Alpha", "Bravo", "Charlie"]
    custom_list_place(user=user, custom_list=custom_list, title=alpha, beside=charlie, after=True)
    assert order(custom_list) == ["Bravo", "Charlie", "Alpha"]
    # Beside a title that is not on the list: refused with a message, the order kept.
    stray = title_factory(title="Stray")
    response = client.post(url, {"action": "before", "beside": stray.pk}, follow=True)
    assert "Stray is not on Cry-along dramas." in response.content.decode()
    assert client.post(url, {"action": "before", "beside": "²"}).status_code == 404
    assert order(custom_list) == ["Bravo", "Charlie", "Alpha"]


def test_nobody_else_changes_a_list_or_sees_a_private_one(client, user, user_factory, filled):
    custom_list, titles = filled
    client.force_login(user_factory(username="stranger"))
    url = f"/lists/{custom_list.pk}/titles/{titles[2].pk}/"
    assert client.post(url, {"action": "up"}).status_code == 404
    assert client.post(url, {"action": "before", "beside": titles[0].pk}).status_code == 404
    assert client.post(f"/lists/{custom_list.pk}/edit/", {"name": "Mine now"}).status_code == 404
    assert order(custom_list) == ["Alpha", "Bravo", "Charlie"]
    assert client.get(custom_list.get_absolute_url()).status_code == 200
    CustomList.objects.update(is_private=True)
    assert client.get(custom_list.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(custom_list.get_absolute_url()).status_code == 404
    client.force_login(user)
    assert client.get(custom_list.get_absolute_url()).status_code == 200
    # A private list is not named among the lists that hold a title.
    page = client.get(titles[0].get_absolute_url()).content.decode()
    assert f'<a href="/lists/{custom_list.pk}/">' not in page


def test_a_list_refuses_more_than_its_limit_and_a_title_twice(user, title_factory, monkeypatch):
    monkeypatch.setattr(list_models, "LIST_ITEMS_MAX", 2)
    from lists import services

    monkeypatch.setattr(services, "LIST_ITEMS_MAX", 2)
    custom_list = custom_list_create(user=user, name="Tiny")
    first, second, third = title_factory.create_batch(3)
    custom_list_add(user=user, custom_list=custom_list, title=first)
    with pytest.raises(ValidationError, match="is already on Tiny"):
        custom_list_add(user=user, custom_list=custom_list, title=first)
    custom_list_add(user=user, custom_list=custom_list, title=second)
    with pytest.raises(ValidationError, match="Tiny already holds 2 titles"):
        custom_list_add(user=user, custom_list=custom_list, title=third)
    assert CustomList.objects.get().items_count == 2


def test_the_database_keeps_a_list_within_its_limit(user):
    from django.db import IntegrityError, transaction

    custom_list = custom_list_create(user=user, name="Big")
    with pytest.raises(IntegrityError), transaction.atomic():
        CustomList.objects.filter(pk=custom_list.pk).update(
            items_count=list_models.LIST_ITEMS_MAX + 1
        )


def test_the_owner_edits_an_items_note_and_a_long_one_is_kept_and_refused(client, user, filled):
    custom_list, titles = filled
    client.force_login(user)
    page = client.get(custom_list.get_absolute_url()).content.decode()
    url = f"/lists/{custom_list.pk}/titles/{titles[1].pk}/note/"
    assert f'href="{url}?next=' in page and "Add a note" in page
    too_long = "tears " * 200  # 1,200 characters
    response = client.post(url, {"note": too_long})
    assert response.status_code == 422
    html = response.content.decode()
    assert "at most 1000 characters" in html and too_long.strip() in html
    response = client.post(url, {"note": "The hospital scenes.", "next": "/lists/x/"})
    assert response["Location"] == "/lists/x/"
    assert CustomListItem.objects.get(title=titles[1]).note == "The hospital scenes."
    assert "The hospital scenes." in client.get(custom_list.get_absolute_url()).content.decode()


def test_nobody_else_edits_a_note_and_the_database_bounds_it(client, user, user_factory, filled):
    from django.db import IntegrityError, transaction

    custom_list, titles = filled
    client.force_login(user_factory(username="stranger"))
    url = f"/lists/{custom_list.pk}/titles/{titles[1].pk}/note/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"note": "Mine now"}).status_code == 404
    assert CustomListItem.objects.get(title=titles[1]).note == ""
    with pytest.raises(IntegrityError), transaction.atomic():
        CustomListItem.objects.filter(title=titles[1]).update(note="x" * 1001)


def test_a_bad_list_form_keeps_what_was_typed(client, user):
    client.force_login(user)
    response = client.post("/lists/new/", {"name": "", "description": "Kept words."})
    assert response.status_code == 422
    html = response.content.decode()
    assert "This field is required." in html and "Kept words." in html


@override_settings(LIST_ITEMS_PER_PAGE=5)
@pytest.mark.parametrize("size", [3, 40])
def test_a_list_page_costs_the_same_at_any_length(
    client, django_assert_num_queries, user, title_factory, size
):
    custom_list = custom_list_create(user=user, name="Long")
    for title in title_factory.create_batch(size):
        custom_list_add(user=user, custom_list=custom_list, title=title)
    # Expect 2 queries: the list with its owner, and one page of titles (and one row more).
    with django_assert_num_queries(2):
        response = client.get(custom_list.get_absolute_url())
    assert response.content.decode().count('<div class="list-item">') == min(size, 5)


def test_the_profile_shows_the_lists_others_may_see(client, user, user_factory):
    custom_list_create(user=user, name="Open one")
    custom_list_create(user=user, name="Secret one", is_private=True)
    html = client.get(f"/users/{user.username}/").content.decode()
    assert "Open one" in html and "Secret one" not in html
    client.force_login(user)
    html = client.get(f"/users/{user.username}/").content.decode()
    assert "Secret one" in html and "Make a new list" in html


def test_custom_list_move_is_for_the_owner_only(user, user_factory, filled):
    from django.http import Http404

    custom_list, titles = filled
    with pytest.raises(Http404):
        custom_list_move(user=user_factory(), custom_list=custom_list, title=titles[1], up=True)


def test_title_pages_follow_their_public_lists(client, user, title_factory):
    title = title_factory(title="Followed")
    client.get(title.get_absolute_url())  # stored
    custom_list = custom_list_create(user=user, name="First name")
    custom_list_add(user=user, custom_list=custom_list, title=title)
    assert "First name" in client.get(title.get_absolute_url()).content.decode()
    client.force_login(user)
    client.post(f"/lists/{custom_list.pk}/edit/", {"name": "Second name", "description": ""})
    client.logout()
    html = client.get(title.get_absolute_url()).content.decode()
    assert "Second name" in html and "First name" not in html
    client.force_login(user)
    client.post(f"/lists/{custom_list.pk}/edit/", {"name": "Second name", "delete": "1"})
    client.logout()
    assert "Second name" not in client.get(title.get_absolute_url()).content.decode()
    assert not CustomList.objects.exists()
