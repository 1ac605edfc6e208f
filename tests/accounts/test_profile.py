import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

pytestmark = pytest.mark.django_db


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), "orange").save(out, format="PNG")
    return out.getvalue()


def test_a_profile_shows_the_bio_and_join_date(client, user_factory):
    member = user_factory(username="mika", bio="I watch <b>everything</b> twice.")
    html = client.get("/users/mika/").content.decode()
    assert "I watch &lt;b&gt;everything&lt;/b&gt; twice." in html
    assert f"Joined {member.date_joined:%b} " in html


def test_an_unknown_user_is_404(client, db):
    assert client.get("/users/nobody/").status_code == 404


def test_editing_a_profile_needs_sign_in(client):
    response = client.get("/accounts/settings/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_user_edits_only_their_own_profile(client, user, user_factory, tmp_path):
    other = user_factory(username="other", bio="untouched")
    client.force_login(user)
    with override_settings(MEDIA_ROOT=tmp_path):
        response = client.post(
            "/accounts/settings/profile/",
            {"bio": "New bio", "avatar": SimpleUploadedFile("me.png", png(), "image/png")},
        )
    assert response.status_code == 302
    user.refresh_from_db()
    other.refresh_from_db()
    assert user.bio == "New bio"
    assert user.avatar.name.startswith("avatars/")
    assert other.bio == "untouched"


def test_a_bad_avatar_is_refused_and_the_bio_is_kept_in_the_form(client, user, tmp_path):
    client.force_login(user)
    with override_settings(MEDIA_ROOT=tmp_path):
        response = client.post(
            "/accounts/settings/profile/",
            {"bio": "Keep me", "avatar": SimpleUploadedFile("x.png", b"GIF89a nope", "image/png")},
        )
    html = response.content.decode()
    assert "This file is not a JPEG, PNG or WebP image" in html
    assert "Keep me" in html
    user.refresh_from_db()
    assert user.bio == ""
    assert not any(tmp_path.rglob("*.*"))


def test_a_profile_edit_without_csrf_token_is_refused(user):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(user)
    response = csrf_client.post("/accounts/settings/profile/", {"bio": "sneaky"})
    assert response.status_code == 403


def test_the_admin_offers_no_way_to_delete_a_member(client, user_factory):
    admin = user_factory(username="root", is_staff=True, is_superuser=True)
    member = user_factory(username="member")
    client.force_login(admin)
    response = client.get(f"/admin/accounts/user/{member.pk}/delete/")
    assert response.status_code == 403
