"""What an editor or moderator saves in the admin shows on the next visit of every cached page
that shows it: the save moves the page's versions, as the site's own writes do."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.forms import MultiWidget
from django.test import Client, override_settings
from PIL import Image

from comments.services import comment_post
from reviews.services import review_submit
from tests.moderation.test_queue_queries import REVIEW

pytestmark = pytest.mark.django_db


@pytest.fixture
def title(title_factory):
    return title_factory(title="Quiet Harbour", episodes=12)


@pytest.fixture
def media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


def visit(url: str) -> str:
    """A visitor's read, warming the cache the first time."""
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


def change_form_data(admin_client, url: str, **changes) -> dict:
    """The admin change form's current values as a browser would post them, with `changes`."""
    form = admin_client.get(url).context["adminform"].form
    data: dict = {}
    for field in form:
        value, widget = field.value(), field.field.widget
        if field.field.disabled or value is None:
            continue
        if isinstance(widget, MultiWidget):
            for n, part in enumerate(widget.decompress(value)):
                data[f"{field.html_name}_{n}"] = "" if part is None else part
        elif isinstance(value, bool):
            if value:
                data[field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[field.html_name] = [str(v) for v in value]
        elif not isinstance(value, FieldFile):  # a stored file stays unless a new one is sent
            data[field.html_name] = value
    data.update(changes)
    return data


def test_marking_a_comment_as_a_spoiler_folds_it_on_the_cached_title_page(
    admin_client, title, user
):
    comment = comment_post(author=user, target=title, body="The ferry never comes back.",
                           is_spoiler=False)  # fmt: skip
    before = visit(title.get_absolute_url())
    assert '<details class="spoiler">' not in before

    url = f"/admin/comments/comment/{comment.pk}/change/"
    assert admin_client.post(url, {"is_spoiler": "on"}).status_code == 302

    assert '<details class="spoiler">' in visit(title.get_absolute_url())


def test_renaming_a_member_changes_the_links_on_cached_pages(admin_client, title, user):
    comment_post(author=user, target=title, body="Lovely harbour scenes.", is_spoiler=False)
    review = review_submit(user=user, title=title, data=REVIEW)
    pages = [title.get_absolute_url(), f"/reviews/{review.pk}/"]
    for page in pages:
        assert "/users/alice/" in visit(page)

    url = f"/admin/accounts/user/{user.pk}/change/"
    response = admin_client.post(url, change_form_data(admin_client, url, username="alicia"))
    assert response.status_code == 302

    for page in pages:
        html = visit(page)
        assert "/users/alice/" not in html
        assert "/users/alicia/" in html


def test_a_new_avatar_from_the_admin_shows_on_cached_pages(admin_client, title, user, media):
    comment_post(author=user, target=title, body="Lovely harbour scenes.", is_spoiler=False)
    visit(title.get_absolute_url())
    out = io.BytesIO()
    Image.new("RGB", (64, 64), "teal").save(out, format="PNG")
    avatar = SimpleUploadedFile("face.png", out.getvalue(), content_type="image/png")

    url = f"/admin/accounts/user/{user.pk}/change/"
    response = admin_client.post(url, change_form_data(admin_client, url, avatar=avatar))
    assert response.status_code == 302

    user.refresh_from_db()
    stem = user.avatar.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert stem in visit(title.get_absolute_url())


def test_a_new_avatar_from_the_profile_form_shows_on_cached_pages(client, title, user, media):
    comment_post(author=user, target=title, body="Lovely harbour scenes.", is_spoiler=False)
    visit(title.get_absolute_url())
    out = io.BytesIO()
    Image.new("RGB", (64, 64), "teal").save(out, format="PNG")
    client.force_login(user)

    response = client.post("/accounts/settings/profile/", {
        "bio": "", "avatar": SimpleUploadedFile("face.png", out.getvalue(), "image/png")
    })  # fmt: skip
    assert response.status_code == 302

    user.refresh_from_db()
    stem = user.avatar.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert stem in visit(title.get_absolute_url())
