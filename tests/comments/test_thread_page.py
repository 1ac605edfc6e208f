import pytest

pytestmark = pytest.mark.django_db


def test_it_shows_the_whole_thread_with_a_link_back_to_the_title(client, title, comment_factory):
    root = comment_factory(target=title, body="Thread start.")
    reply = comment_factory(parent=root, body="First answer.")

    html = client.get(f"/comments/{root.pk}/").content.decode()

    assert "A thread on Pure Soul" in html
    assert f'href="{title.get_absolute_url()}#comments"' in html
    assert html.index("Thread start.") < html.index(f'id="replies-{root.pk}"')
    assert html.index(f'id="replies-{root.pk}"') < html.index(f'id="comment-{reply.pk}"')
    assert "1 reply" in html


def test_its_replies_are_paginated(client, title, comment_factory, settings):
    settings.COMMENT_REPLIES_PER_PAGE = 2
    root = comment_factory(target=title)
    for number in range(5):
        comment_factory(parent=root, body=f"Answer {number}.")

    first = client.get(f"/comments/{root.pk}/").content.decode()
    third = client.get(f"/comments/{root.pk}/?page=3").content.decode()

    assert "Answer 1." in first and "Answer 2." not in first
    assert "?page=2" in first
    assert "Answer 4." in third and "Answer 3." not in third


def test_a_replys_address_leads_to_the_page_of_its_thread_that_shows_it(
    client, title, comment_factory, settings
):
    settings.COMMENT_REPLIES_PER_PAGE = 2
    root = comment_factory(target=title)
    replies = [comment_factory(parent=root) for _ in range(3)]

    response = client.get(f"/comments/{replies[2].pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"/comments/{root.pk}/?page=2#comment-{replies[2].pk}"


def test_an_unknown_comment_is_not_found(client, db):
    assert client.get("/comments/424242/").status_code == 404
