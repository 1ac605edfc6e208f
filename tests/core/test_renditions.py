import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from core.renditions import KINDS, rendition_name
from titles.models import Person, Title

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def image_bytes(size: tuple[int, int], fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, format=fmt)
    return out.getvalue()


def stored_sizes(name: str, kind: str) -> dict[int, tuple[str, tuple[int, int]]]:
    sizes = {}
    for width in KINDS[kind].widths:
        with default_storage.open(rendition_name(name, width)) as stored:
            image = Image.open(stored)
            sizes[width] = (image.format, image.size)
    return sizes


def exact(kind: str) -> dict[int, tuple[str, tuple[int, int]]]:
    return {w: ("WEBP", (w, KINDS[kind].height(w))) for w in KINDS[kind].widths}


def test_rendition_names_follow_from_the_original():
    assert rendition_name("posters/x.jpg", 64) == "posters/x.w64.webp"
    assert rendition_name("avatars/me.png", 96) == "avatars/me.w96.webp"


def test_every_kind_has_1x_and_2x_widths_of_each_display_size():
    for kind in KINDS.values():
        for width in kind.sizes.values():
            assert {width, 2 * width} <= set(kind.widths)
    assert KINDS["poster"].height(220) == 330
    assert KINDS["banner"].height(800) == 420


def test_saving_a_poster_stores_its_renditions_at_their_exact_sizes(media, title_factory):
    title = title_factory()
    # Wider than 2:3: the renditions are cropped to the poster's shape, never stretched.
    title.poster.save("cover.png", ContentFile(image_bytes((500, 300))))

    title.refresh_from_db()
    assert title.poster.name == "posters/cover.png"
    assert stored_sizes(title.poster.name, "poster") == exact("poster")


def test_an_editor_uploading_a_photo_in_the_admin_gets_portrait_renditions(editor_client, media):
    person = Person.objects.create(name="Sawajiri Erika")
    response = editor_client.post(
        f"/admin/titles/person/{person.pk}/change/",
        {
            "name": person.name,
            "slug": person.slug,
            "native_name": "",
            "biography": "",
            "credits-TOTAL_FORMS": "0",
            "credits-INITIAL_FORMS": "0",
            "photo": SimpleUploadedFile("erika.jpg", image_bytes((300, 300), "JPEG")),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    person.refresh_from_db()
    assert person.photo.name == "people/erika.jpg"
    assert stored_sizes(person.photo.name, "portrait") == exact("portrait")


def test_a_member_uploading_an_avatar_gets_square_renditions(client, user, media):
    client.force_login(user)
    response = client.post(
        "/accounts/settings/profile/",
        {"bio": "", "avatar": SimpleUploadedFile("me.png", image_bytes((120, 80)), "image/png")},
    )
    assert response.status_code == 302

    user.refresh_from_db()
    assert stored_sizes(user.avatar.name, "avatar") == exact("avatar")


def test_an_uploaded_name_cannot_pass_for_another_images_rendition(media, title_factory):
    title = title_factory()
    title.poster.save("other.w64.webp", ContentFile(image_bytes((200, 300), "WEBP")))

    assert title.poster.name == "posters/other-w64.webp"


def test_deleting_an_image_deletes_its_renditions(media, title_factory):
    title = title_factory()
    title.poster.save("gone.png", ContentFile(image_bytes((200, 300))))
    names = [rendition_name(title.poster.name, w) for w in KINDS["poster"].widths]

    title.poster.delete()

    assert not any(default_storage.exists(name) for name in names)


def test_the_command_makes_only_the_missing_renditions(media, title_factory):
    title = title_factory()
    default_storage.save("posters/old.jpg", ContentFile(image_bytes((400, 600), "JPEG")))
    Title.objects.filter(pk=title.pk).update(poster="posters/old.jpg")
    out = io.StringIO()

    call_command("make_renditions", stdout=out)

    assert stored_sizes("posters/old.jpg", "poster") == exact("poster")
    assert f"Made {len(KINDS['poster'].widths)} renditions." in out.getvalue()
    call_command("make_renditions", stdout=(again := io.StringIO()))
    assert "Made 0 renditions." in again.getvalue()


def test_the_command_reports_an_image_whose_file_is_missing(media, title_factory):
    title_factory(poster="posters/lost.jpg")
    out, err = io.StringIO(), io.StringIO()

    call_command("make_renditions", stdout=out, stderr=err)

    assert "posters/lost.jpg" in err.getvalue()
    assert "1 images could not be read" in out.getvalue()
