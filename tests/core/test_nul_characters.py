"""A NUL character anywhere in a request is refused once, before any view: a clear 400."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "address",
    [
        "/search/?q=%00",
        "/recommendations/title-search/?q=a%00b",
        "/users/x%00y/",
        "/users/x%00y/list/",
        "/users/x%00y/reviews/",
        "/news/?title=1%00",
        "/?page=%00",
        "/search/?%00=1",
    ],
)
def test_a_nul_in_the_address_is_a_bad_request(client, address):
    response = client.get(address)
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_a_nul_in_a_signed_in_search_is_a_bad_request(client, user, title_factory):
    client.force_login(user)
    title = title_factory()
    response = client.get(f"/titles/{title.pk}/recommendations/new/?q=a%00b")
    assert response.status_code == 400


def test_a_nul_in_a_form_is_a_bad_request_and_nothing_is_saved(client, user, title_factory):
    from django.contrib.contenttypes.models import ContentType

    from comments.models import Comment

    client.force_login(user)
    title = title_factory()
    content_type = ContentType.objects.get_for_model(title)
    response = client.post(
        reverse("comments:post", args=[content_type.pk, title.pk]), {"body": "Hello\x00 there"}
    )
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_nul_in_a_cookie_is_a_bad_request(client):
    response = client.get("/", HTTP_COOKIE='sessionid="abcdefgh\\000x"')
    assert response.status_code == 400
