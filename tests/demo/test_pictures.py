import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from accounts.models import User
from core.renditions import KINDS, rendition_name
from demo import pictures as demo_pictures
from reviews.models import Review
from titles.models import Person, Title

pytestmark = pytest.mark.django_db


def pictures() -> dict[str, list[str]]:
    return {
        "posters": sorted(Title.objects.values_list("poster", flat=True)),
        "photos": sorted(Person.objects.values_list("photo", flat=True)),
        "avatars": sorted(User.objects.exclude(avatar="").values_list("avatar", flat=True)),
    }


def stored_files() -> dict[str, int]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def test_the_suite_never_writes_into_the_real_media_folder():
    assert Path(settings.MEDIA_ROOT).resolve() != (Path(settings.BASE_DIR) / "var/media").resolve()


@pytest.mark.slow  # loads the whole demo
def test_loaddemo_draws_the_reference_title_a_poster_with_its_renditions(client):
    call_command("loaddemo", stdout=io.StringIO())
    seed = Title.objects.get(title="1 Litre of Tears")

    assert seed.poster.name.startswith("posters/demo-1-litre-of-tears-")
    with seed.poster.open() as stored:
        assert Image.open(stored).size == (600, 900)
    for width in KINDS["poster"].widths:
        assert default_storage.exists(rendition_name(seed.poster.name, width))

    html = client.get(seed.get_absolute_url()).content.decode()
    header = rendition_name(seed.poster.name, 220)
    assert f'src="/media/{header}"' in html
    assert 'fetchpriority="high"' in html
    assert "ph-portrait" not in html  # every credited person has a drawn portrait


@pytest.mark.slow  # loads the whole demo
def test_avatars_go_to_the_members_the_pages_show_and_not_to_every_viewer():
    call_command("loaddemo", stdout=io.StringIO())

    with_avatar = set(User.objects.exclude(avatar="").values_list("pk", flat=True))
    assert set(Review.objects.values_list("user_id", flat=True)) <= with_avatar
    assert with_avatar == demo_pictures.shown_members()
    assert User.objects.filter(avatar="").count() > 1000
    assert Person.objects.filter(credits__isnull=False, photo="").count() == 0


@pytest.mark.slow  # loads the whole demo
def test_running_loaddemo_again_draws_nothing_and_keeps_every_file():
    call_command("loaddemo", stdout=io.StringIO())
    names, files = pictures(), stored_files()

    call_command("loaddemo", stdout=io.StringIO())

    assert pictures() == names
    assert stored_files() == files
    assert demo_pictures.load_pictures() == {"posters": 0, "portraits": 0, "avatars": 0}


@pytest.mark.slow  # loads the whole demo
def test_a_fresh_database_reuses_the_files_already_drawn():
    call_command("loaddemo", stdout=io.StringIO())
    names, files = pictures(), stored_files()
    Title.objects.update(poster="")
    Person.objects.update(photo="")
    User.objects.update(avatar="")

    assert demo_pictures.load_pictures() == {"posters": 0, "portraits": 0, "avatars": 0}
    assert pictures() == names
    assert stored_files() == files
