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
from tests.titles.test_admin import title_form
from titles.models import Title

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


def admin_form_data(admin_client, url: str, **changes) -> dict:
    """`change_form_data` with the change form's inlines as they stand."""
    response = admin_client.get(url)
    data = change_form_data(admin_client, url)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for field in formset.management_form:
            data[field.html_name] = field.value()
        for form in formset.initial_forms:
            for field in form:
                if (value := field.value()) is not None:
                    data[field.html_name] = value.pk if hasattr(value, "pk") else value
    data.update(changes)
    return data


def test_catalogue_edits_in_the_admin_show_at_once(admin_client, title, person_factory,
                                                   credit_factory):  # fmt: skip
    person = person_factory(name="Mori Kaito")
    credit = credit_factory(title=title, person=person, character_name="Harbour master")
    assert "Harbour master" in visit(title.get_absolute_url())
    visit(person.get_absolute_url())

    url = f"/admin/titles/credit/{credit.pk}/change/"
    data = change_form_data(admin_client, url, character_name="Lighthouse keeper")
    assert admin_client.post(url, data).status_code == 302
    assert "Lighthouse keeper" in visit(title.get_absolute_url())

    url = f"/admin/titles/person/{person.pk}/change/"
    assert (
        admin_client.post(url, admin_form_data(admin_client, url, name="Mori Kaitou")).status_code
        == 302
    )
    assert "Mori Kaitou" in visit(person.get_absolute_url())
    assert "Mori Kaitou" in visit(title.get_absolute_url())

    # Deleted with the change list's action: the credit leaves the title page.
    response = admin_client.post("/admin/titles/credit/", {
        "action": "delete_selected", "_selected_action": [credit.pk], "post": "yes",
    })  # fmt: skip
    assert response.status_code == 302
    assert "Mori Kaitou" not in visit(title.get_absolute_url())


def test_an_article_saved_in_the_admin_shows_on_the_news_page_and_its_titles(admin_client, title):
    visit("/news/")
    visit(title.get_absolute_url())

    response = admin_client.post("/admin/news/article/add/", {
        "headline": "Filming begins at the old pier", "slug": "filming-begins",
        "blurb": "The crew arrived at dawn.", "body": "The crew arrived at dawn with a boat.",
        "published_at_0": "2020-01-01", "published_at_1": "10:00:00", "titles": [title.pk],
    })  # fmt: skip
    assert response.status_code == 302

    assert "Filming begins at the old pier" in visit("/news/")
    assert "Filming begins at the old pier" in visit(title.get_absolute_url())


def test_a_change_reverted_in_the_admin_shows_at_once(editor_client):
    editor_client.post("/admin/titles/title/add/", title_form())
    title = Title.objects.get()
    url = f"/admin/titles/title/{title.pk}/change/"
    data = title_form(synopsis="A ferry captain counts the days.",
                      **{"alternative_titles-TOTAL_FORMS": "0"})  # fmt: skip
    assert editor_client.post(url, data).status_code == 302
    assert "counts the days" in visit(title.get_absolute_url())

    change = title.history.order_by("-history_id").first()
    revert = f"/admin/titles/title/{title.pk}/history/{change.history_id}/revert/"
    assert editor_client.post(revert).status_code == 302
    assert "counts the days" not in visit(title.get_absolute_url())
