import pytest
from django.contrib.contenttypes.models import ContentType

from comments.models import Comment
from comments.services import comment_hide

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def post_url(target) -> str:
    content_type = ContentType.objects.get_for_model(target)
    return f"/comments/post/{content_type.pk}/{target.pk}/"


def test_signed_out_the_reply_link_leads_to_sign_in(client, title, comment_factory):
    parent = comment_factory(target=title)
    response = client.get(f"/comments/{parent.pk}/reply/")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/comments/{parent.pk}/reply/"


def test_the_reply_page_quotes_the_parent_and_posts_with_it(client, user, title, comment_factory):
    parent = comment_factory(target=title, body="Is it too sad?")
    client.force_login(user)

    html = client.get(f"/comments/{parent.pk}/reply/").content.decode()

    assert "<h1" in html and "Reply to a comment" in html
    assert "Is it too sad?" in html
    assert f'<input type="hidden" name="parent" value="{parent.pk}">' in html
    assert f'action="{post_url(title)}"' in html


def test_with_htmx_the_reply_form_comes_alone_aimed_at_the_parents_replies(
    client, user, title, comment_factory
):
    parent = comment_factory(target=title)
    client.force_login(user)

    html = client.get(f"/comments/{parent.pk}/reply/", **HTMX).content.decode()

    assert "<html" not in html
    assert f'data-hx-target="#replies-{parent.pk}"' in html
    assert f'id="id_reply_{parent.pk}_body"' in html


def test_posting_a_reply_without_javascript_returns_to_it_on_the_title_page(
    client, user, title, comment_factory
):
    parent = comment_factory(target=title)
    client.force_login(user)

    response = client.post(post_url(title), {"body": "My answer.", "parent": parent.pk})

    reply = Comment.objects.get(parent=parent)
    assert response["Location"] == f"{title.get_absolute_url()}#comment-{reply.pk}"
    html = client.get(response["Location"]).content.decode()
    assert html.index(f'id="replies-{parent.pk}"') < html.index("My answer.")


def test_posting_a_reply_with_htmx_returns_it_and_empties_the_form_slot(
    client, user, title, comment_factory
):
    parent = comment_factory(target=title)
    client.force_login(user)

    response = client.post(post_url(title), {"body": "In place.", "parent": parent.pk}, **HTMX)

    html = response.content.decode()
    reply = Comment.objects.get(parent=parent)
    assert html.lstrip().startswith(f'<li class="comment" id="comment-{reply.pk}"')
    assert "In place." in html
    assert f'id="reply-slot-{parent.pk}" data-hx-swap-oob="true"' in html


def test_a_refused_reply_with_htmx_stays_in_its_form(client, user, title, comment_factory):
    parent = comment_factory(target=title)
    client.force_login(user)

    response = client.post(post_url(title), {"body": " ", "parent": parent.pk}, **HTMX)

    assert response.status_code == 422
    assert response["HX-Retarget"] == f"#reply-slot-{parent.pk}"
    assert response["HX-Reswap"] == "innerHTML"
    assert "the comment is empty" in response.content.decode()
    assert not Comment.objects.filter(parent=parent).exists()


def test_a_hidden_comment_takes_no_replies(client, user, moderator, title, comment_factory):
    parent = comment_factory(target=title)
    comment_hide(comment=parent, moderator=moderator)
    client.force_login(user)

    page = client.get(f"/comments/{parent.pk}/reply/")
    response = client.post(post_url(title), {"body": "Hello", "parent": parent.pk})

    assert page.status_code == 404
    assert "takes no replies" in page.content.decode()
    assert "A moderator hid the comment you are replying to" in response.content.decode()
    assert not Comment.objects.filter(parent=parent).exists()


def test_with_htmx_a_hidden_comments_reply_link_is_refused_in_place_with_422(
    client, user, moderator, title, comment_factory
):
    parent = comment_factory(target=title)
    comment_hide(comment=parent, moderator=moderator)
    client.force_login(user)

    response = client.get(f"/comments/{parent.pk}/reply/", **HTMX)

    # 422, like every refusal htmx shows in place (base.html's htmx configuration swaps it).
    assert response.status_code == 422
    html = response.content.decode()
    assert "takes no replies" in html and "<html" not in html


def test_a_reply_at_the_indent_cap_follows_its_parent(
    client, user, title, comment_factory, settings
):
    settings.COMMENT_INDENT_CAP = 1
    root = comment_factory(target=title)
    deep = comment_factory(parent=root)
    client.force_login(user)

    html = client.get(f"/comments/{deep.pk}/reply/", **HTMX).content.decode()

    assert f'data-hx-target="#comment-{deep.pk}" data-hx-swap="afterend"' in html


def test_a_reply_in_place_updates_the_count_and_clears_an_earlier_warning(
    client, user, user_factory, title
):
    from comments.services import comment_post

    parent = comment_post(author=user_factory(), target=title, body="First.", is_spoiler=False)
    client.force_login(user)

    response = client.post(post_url(title), {"body": "In place.", "parent": parent.pk}, **HTMX)

    html = response.content.decode()
    assert '<h2 class="h4" id="comments-heading" data-hx-swap-oob="true">Comments (2)</h2>' in html
    # A fresh top form replaces one that may still show a refusal from before.
    top_form = html[html.index('id="comment-form"') :]
    assert 'data-hx-swap-oob="true"' in top_form.split(">")[0]
    assert "alert" not in top_form and "invalid-feedback" not in top_form
