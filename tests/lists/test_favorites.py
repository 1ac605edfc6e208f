"""Favorites: titles and people a member favors, counted on their pages, four titles first on
the member's profile."""

import io

import pytest
from django.core.management import CommandError, call_command

from lists.models import FavoriteTitle, TitleFavoriteCount
from lists.services import favorite_person_set, favorite_title_move, favorite_title_set

pytestmark = pytest.mark.django_db


def favorite_url(kind, pk) -> str:
    return f"/favorites/{kind}/{pk}/"


def test_favoring_counts_once_and_unfavoring_uncounts(user, user_factory, title_factory):
    title = title_factory()
    assert favorite_title_set(user=user, title=title, favorite=True)
    assert not favorite_title_set(user=user, title=title, favorite=True)  # twice: no change
    favorite_title_set(user=user_factory(), title=title, favorite=True)
    assert TitleFavoriteCount.objects.get(title=title).count == 2
    assert favorite_title_set(user=user, title=title, favorite=False)
    assert not favorite_title_set(user=user, title=title, favorite=False)
    assert TitleFavoriteCount.objects.get(title=title).count == 1
    call_command("recount_favorites", "--check", stdout=io.StringIO())


def test_a_member_orders_their_favorites(user, title_factory):
    titles = title_factory.create_batch(3)
    for title in titles:
        favorite_title_set(user=user, title=title, favorite=True)
    favorite_title_move(user=user, title=titles[2], up=True)
    favorite_title_move(user=user, title=titles[0], up=True)  # already first: nothing moves
    order = FavoriteTitle.objects.filter(user=user).order_by("position")
    assert [f.title_id for f in order] == [titles[0].pk, titles[2].pk, titles[1].pk]


def test_the_title_page_counts_favorites_and_members_toggle_in_place(client, user, title_factory):
    title = title_factory()
    html = client.get(title.get_absolute_url()).content.decode()
    assert "Favorites: <strong>0</strong>" in html and "Add to favorites" not in html
    client.force_login(user)
    assert "Add to favorites" in client.get(title.get_absolute_url()).content.decode()

    headers = {"HX-Request": "true"}
    part = client.post(favorite_url("title", title.pk), {"favorite": "1"}, headers=headers)
    html = part.content.decode()
    assert "Favorites: <strong>1</strong>" in html
    assert 'aria-pressed="true">In your favorites</button>' in html
    # The stored page moved with the write: the next reader sees the new count.
    client.logout()
    assert "Favorites: <strong>1</strong>" in client.get(title.get_absolute_url()).content.decode()


def test_without_javascript_favoring_comes_back_with_a_message(client, user, person_factory):
    person = person_factory(name="Sawajiri Erika")
    client.force_login(user)
    response = client.post(favorite_url("person", person.pk), {"favorite": "1"}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [(person.get_absolute_url(), 302)]
    assert "Sawajiri Erika is one of your favorites." in html
    assert "Favorites: <strong>1</strong>" in html
    response = client.post(favorite_url("person", person.pk), {"favorite": "0"}, follow=True)
    assert "Sawajiri Erika is no longer one of your favorites." in response.content.decode()


def test_favoring_needs_a_signed_in_post_of_something_that_exists(client, user, title_factory):
    title = title_factory()
    assert client.post(favorite_url("title", title.pk), {"favorite": "1"}).status_code == 302
    assert not FavoriteTitle.objects.exists()
    client.force_login(user)
    assert client.get(favorite_url("title", title.pk)).status_code == 405
    assert client.post(favorite_url("title", 999_999), {"favorite": "1"}).status_code == 404
    assert client.post(favorite_url("review", title.pk), {"favorite": "1"}).status_code == 404


def test_the_profile_leads_with_four_favorite_titles_and_the_people(
    client, django_assert_num_queries, user, title_factory, person_factory
):
    titles = [title_factory(title=f"Loved {n}") for n in range(5)]
    for title in titles:
        favorite_title_set(user=user, title=title, favorite=True)
    favorite_person_set(user=user, person=person_factory(name="Nishikido Ryo"), favorite=True)
    # Expect 6 queries: the member, the stored statistics (whose totals say the list is empty,
    # so no entries are read), the newest reviews, the favorite titles, the favorite people
    # and the member's lists.
    # (+1: the header's bell, the member's unread count, read once and then cached)
    with django_assert_num_queries(7):
        html = client.get(f"/users/{user.username}/").content.decode()
    favorites = html[html.index('aria-label="Favorite titles"') :]
    assert [favorites.find(f"Loved {n}") for n in range(4)] == sorted(
        favorites.find(f"Loved {n}") for n in range(4)
    )
    assert "Loved 4" not in html
    assert "Nishikido Ryo" in html


def test_the_recount_finds_and_corrects_a_wrong_count(user, title_factory):
    title = title_factory()
    favorite_title_set(user=user, title=title, favorite=True)
    TitleFavoriteCount.objects.filter(title=title).update(count=7)
    with pytest.raises(CommandError, match="1 count"):
        call_command("recount_favorites", "--check", stdout=io.StringIO())
    call_command("recount_favorites", stdout=io.StringIO())
    assert TitleFavoriteCount.objects.get(title=title).count == 1
