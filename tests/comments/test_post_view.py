import pytest
from django.contrib.contenttypes.models import ContentType

from comments.models import Comment
from comments.selectors import comment_count

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/titles/"}


def post_url(target) -> str:
    content_type = ContentType.objects.get_for_model(target)
    return f"/comments/post/{content_type.pk}/{target.pk}/"


def test_signed_out_posting_goes_to_sign_in_then_back_to_the_page(client, title):
    page = f"http://testserver{title.get_absolute_url()}?cpage=2"
    response = client.post(post_url(title), {"body": "Hello"}, HTTP_REFERER=page)
    assert response.status_code == 302
    assert response["Location"] == (f"/accounts/login/?next={title.get_absolute_url()}%3Fcpage%3D2")
    assert not Comment.objects.exists()


def test_signed_out_posting_from_elsewhere_returns_home_after_sign_in(client, title):
    response = client.post(post_url(title), {"body": "Hi"}, HTTP_REFERER="https://evil.test/")
    assert response["Location"] == "/accounts/login/?next=/"
    assert not Comment.objects.exists()


def test_signed_out_posting_with_htmx_sends_the_whole_page_to_sign_in(client, title):
    response = client.post(post_url(title), {"body": "Hello"}, **HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith("/accounts/login/?next=/titles/")
    assert not Comment.objects.exists()


def test_posting_returns_to_the_comment_on_the_title_page(client, user, title):
    client.force_login(user)
    response = client.post(post_url(title), {"body": "Loved it.", "is_spoiler": "on"})

    comment = Comment.objects.get()
    assert (comment.author, comment.body, comment.is_spoiler) == (user, "Loved it.", True)
    assert response.status_code == 302
    assert response["Location"] == f"{title.get_absolute_url()}#comment-{comment.pk}"
    assert comment_count(title) == 1
    follow = client.get(response["Location"])
    assert "Your comment is posted." in follow.content.decode()


def test_posting_with_htmx_returns_the_section_with_the_new_comment_first(
    client, user, title, comment_factory
):
    comment_factory(target=title, body="Older.")
    client.force_login(user)

    response = client.post(post_url(title), {"body": "Newest."}, **HTMX)

    html = response.content.decode()
    assert html.lstrip().startswith('<section class="comments')
    assert "Comments (2)" in html
    assert html.index("Newest.") < html.index("Older.")
    assert 'name="body"' in html and "Newest.</textarea>" not in html


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "the comment is empty"),
        ("   \n  ", "the comment is empty"),
        ("x" * 10_001, "at most 10,000 characters long; this one has 10,001"),
    ],
)
def test_bad_text_is_refused_with_a_message_and_nothing_is_stored(
    client, user, title, body, message
):
    client.force_login(user)
    response = client.post(post_url(title), {"body": body})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_bad_text_with_htmx_keeps_the_section_and_shows_the_message(client, user, title):
    client.force_login(user)
    response = client.post(post_url(title), {"body": "  "}, **HTMX)
    assert response.status_code == 422
    assert "the comment is empty" in response.content.decode()
    assert "Comments (0)" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("parent", ["987654", "abc", "-3"])
def test_a_parent_that_does_not_exist_is_refused(client, user, title, parent):
    client.force_login(user)
    response = client.post(post_url(title), {"body": "Hello", "parent": parent})
    assert "does not exist on this page" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_parent_from_another_title_is_refused(
    client, user, title, title_factory, comment_factory
):
    elsewhere = comment_factory(target=title_factory())
    client.force_login(user)
    response = client.post(post_url(title), {"body": "Hello", "parent": elsewhere.pk})
    assert "does not exist on this page" in response.content.decode()
    assert Comment.objects.count() == 1


def test_a_target_outside_the_allow_list_is_not_found(client, user, person_factory):
    client.force_login(user)
    response = client.post(post_url(person_factory()), {"body": "Hello"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_an_unknown_title_or_content_type_is_not_found(client, user, title):
    client.force_login(user)
    content_type = ContentType.objects.get_for_model(title)
    assert (
        client.post(f"/comments/post/{content_type.pk}/999999/", {"body": "x"}).status_code == 404
    )
    assert client.post(f"/comments/post/999999/{title.pk}/", {"body": "x"}).status_code == 404
    assert not Comment.objects.exists()


def test_posting_needs_a_post(client, user, title):
    client.force_login(user)
    assert client.get(post_url(title)).status_code == 405
