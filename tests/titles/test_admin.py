import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from core.renditions import KINDS
from titles.models import Title

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/titles/title/add/"


def title_form(**overrides) -> dict:
    data = {
        "title": "1 Litre of Tears",
        "slug": "1-litre-of-tears",
        "native_title": "1 リットルの涙",
        "kind": "drama",
        "synopsis": "",
        "country": "JP",
        "year": "2005",
        "episodes": "11",
        "aired_from": "2005-10-15",
        "aired_to": "2005-12-20",
        "duration_minutes": "45",
        "alternative_titles-TOTAL_FORMS": "1",
        "alternative_titles-INITIAL_FORMS": "0",
        "alternative_titles-0-name": "Ichi Rittoru no Namida",
        "credits-TOTAL_FORMS": "0",
        "credits-INITIAL_FORMS": "0",
        "related_from-TOTAL_FORMS": "0",
        "related_from-INITIAL_FORMS": "0",
        "episode_list-TOTAL_FORMS": "0",
        "episode_list-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def image_bytes(size=(64, 96), fmt="PNG", mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "teal").save(out, format=fmt)
    return out.getvalue()


@pytest.fixture
def media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


def saved_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


def test_native_script_round_trips_through_admin_database_and_page(editor_client, client, media):
    response = editor_client.post(ADD_URL, title_form())
    assert response.status_code == 302, response.content.decode()[:2000]

    title = Title.objects.get()
    assert title.native_title == "1 リットルの涙"
    assert title.alternative_titles.get().name == "Ichi Rittoru no Namida"
    change_page = editor_client.get(f"/admin/titles/title/{title.pk}/change/").content.decode()
    assert 'value="1 リットルの涙"' in change_page
    assert "1 リットルの涙" in client.get(title.get_absolute_url()).content.decode()


def test_a_valid_poster_is_accepted_and_re_encoded(editor_client, media):
    # A PNG with bytes appended after its end, as a polyglot file would carry.
    payload = image_bytes() + b"<script>alert(1)</script>"
    poster = SimpleUploadedFile("poster.png", payload, content_type="image/png")
    response = editor_client.post(ADD_URL, title_form(poster=poster))
    assert response.status_code == 302

    title = Title.objects.get()
    stored = title.poster.read()
    assert b"<script>" not in stored
    assert Image.open(io.BytesIO(stored)).size == (64, 96)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: SimpleUploadedFile("poster.png", b"%PDF-1.4 not an image", "image/png"),
            "This file is not a JPEG, PNG or WebP image, or it is damaged.",
        ),
        (
            lambda: SimpleUploadedFile("poster.gif", image_bytes(fmt="GIF", mode="P"), "image/gif"),
            "Only JPEG, PNG or WebP images are accepted.",
        ),
        (
            lambda: SimpleUploadedFile(
                "huge.png", image_bytes(size=(20_000, 20_000), mode="1"), "image/png"
            ),
            "This image has too many pixels; images may have at most 40 megapixels.",
        ),
        (
            lambda: SimpleUploadedFile("big.png", image_bytes() + b"\0" * (12 * 1024 * 1024)),
            "This file is 12 MB; images may be at most 10 MB.",
        ),
    ],
    ids=["not-an-image", "gif", "20000x20000", "12MB"],
)
def test_a_bad_poster_is_refused_with_a_clear_message_and_nothing_is_saved(
    editor_client, media, upload, message
):
    response = editor_client.post(ADD_URL, title_form(poster=upload()))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Title.objects.exists()
    assert saved_files(media) == []


def test_a_bad_poster_on_an_existing_title_keeps_the_old_one(editor_client, media):
    editor_client.post(
        ADD_URL, title_form(poster=SimpleUploadedFile("a.png", image_bytes(), "image/png"))
    )
    title = Title.objects.get()
    before = title.poster.name
    data = title_form(
        poster=SimpleUploadedFile("b.png", b"not an image", "image/png"),
        **{"alternative_titles-TOTAL_FORMS": "0"},
    )
    response = editor_client.post(f"/admin/titles/title/{title.pk}/change/", data)

    assert response.status_code == 200
    title.refresh_from_db()
    assert title.poster.name == before
    # Only the first poster, with its renditions.
    assert {p.name for p in saved_files(media)} == {"a.png"} | {
        f"a.w{width}.webp" for width in KINDS["poster"].widths
    }


def test_a_title_that_ends_before_it_starts_is_refused(editor_client, media):
    response = editor_client.post(ADD_URL, title_form(aired_to="2005-01-01"))
    assert "The last air date cannot be before the first." in response.content.decode()
    assert not Title.objects.exists()


def test_the_cast_inline_chooses_people_by_autocomplete(editor_client, media):
    html = editor_client.get(ADD_URL).content.decode()
    assert "admin-autocomplete" in html
    assert 'data-model-name="credit" data-field-name="person"' in html


def test_an_image_just_over_the_pixel_budget_is_refused_with_its_size(editor_client, media):
    with override_settings(IMAGE_MAX_PIXELS=1_000_000):
        upload = SimpleUploadedFile("wide.png", image_bytes(size=(2000, 600)), "image/png")
        response = editor_client.post(ADD_URL, title_form(poster=upload))
    assert "This image has too many pixels (2000 × 600); images may have at most 1 megapixels." in (
        response.content.decode()
    )


def test_an_editor_can_search_and_filter_titles(editor_client, title_factory):
    title_factory(title="Nodame Cantabile")
    title_factory(title="Hana Yori Dango")
    html = editor_client.get("/admin/titles/title/", {"q": "nodame"}).content.decode()
    assert "Nodame Cantabile" in html and "Hana Yori Dango" not in html


def test_a_signed_in_user_who_is_not_an_editor_cannot_reach_the_admin(client, user):
    client.force_login(user)
    assert client.get(ADD_URL).status_code == 302
