import pytest

from core.versions import CATALOGUE, pages_changed
from demo.titles import load_seed_title

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_title():
    return load_seed_title()


def test_it_shows_every_catalogue_fact_of_the_reference_page(client, seed_title):
    response = client.get(seed_title.get_absolute_url())
    html = response.content.decode()

    assert "1 Litre of Tears" in html
    assert "(2005)" in html
    assert "1 リットルの涙" in html
    for name in [
        "Ichi Rittoru no Namida",
        "One Litre of Tears",
        "A Diary with Tears",
        "1 Litre no Namida",
    ]:
        assert name in html
    assert "spinocerebellar degeneration" in html
    assert "read more" in html
    for person, character in [
        ("Sawajiri Erika", "Ikeuchi Aya"),
        ("Nishikido Ryo", "Asou Haruto"),
        ("Yakushimaru Hiroko", "Ikeuchi Shioka"),
        ("Jinnai Takanori", "Ikeuchi Mizuo"),
        ("Narumi Riko", "Ikeuchi Ako"),
        ("Fujiki Naohito", "Mizuno Hiroshi"),
    ]:
        assert person in html
        assert character in html
    assert "Show More Cast (11)" in html
    assert '<dt>Country</dt><dd><a href="/titles/?country=JP">Japan</a></dd>' in html
    assert '<dt>Type</dt><dd><a href="/titles/?type=drama">Drama</a></dd>' in html
    assert "<dt>Episodes</dt><dd>11</dd>" in html
    assert "Oct 15, 2005 to Dec 20, 2005" in html
    assert ">Fuji TV</a></dd>" in html
    assert "45 min." in html


def test_it_previews_only_the_first_cast_members(client, seed_title):
    html = client.get(seed_title.get_absolute_url()).content.decode()
    cast = html[html.index('id="cast-heading"') : html.index("Show More Cast")]
    # Crew belong on the full cast and crew page, not in the preview (the details name the
    # directors and screenwriters).
    assert "Egashira Michiru" not in cast and "Sawajiri Erika" in cast


def test_a_title_nobody_has_rated_shows_no_made_up_numbers(client, seed_title):
    html = client.get(seed_title.get_absolute_url()).content.decode()
    assert "no ratings yet" in html
    assert "<dt>Ranked</dt><dd>N/A <span" in html
    assert "Recently Watched By" not in html


def test_it_redirects_an_old_slug_to_the_current_address(client, seed_title):
    response = client.get(f"/titles/{seed_title.pk}-old-name/")
    assert response.status_code == 301
    assert response["Location"] == seed_title.get_absolute_url()


def test_it_answers_404_for_an_unknown_title(client, db):
    assert client.get("/titles/999999-nothing/").status_code == 404


def test_only_editors_see_add_cast(client, editor, user, seed_title):
    assert "Add Cast" not in client.get(seed_title.get_absolute_url()).content.decode()
    client.force_login(user)
    assert "Add Cast" not in client.get(seed_title.get_absolute_url()).content.decode()
    client.force_login(editor)
    html = client.get(seed_title.get_absolute_url()).content.decode()
    assert f"/admin/titles/title/{seed_title.pk}/change/#credits-group" in html


def test_it_escapes_text_from_the_catalogue(client, title_factory):
    title = title_factory(synopsis="<script>alert('x')</script>")
    html = client.get(title.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_an_old_slug_redirect_keeps_the_query_string(client, seed_title):
    response = client.get(f"/titles/{seed_title.pk}-old-name/?cpage=2")
    assert response["Location"] == f"{seed_title.get_absolute_url()}?cpage=2"


def test_show_more_cast_counts_what_the_cast_page_adds(
    client, settings, title_factory, credit_factory
):
    from titles.models import Credit

    settings.CAST_PREVIEW_SIZE = 3
    title = title_factory()
    credit_factory.create_batch(2, title=title, kind=Credit.Kind.MAIN)
    html = client.get(title.get_absolute_url()).content.decode()
    assert "Show More Cast" not in html  # both actors are already listed

    credit_factory(title=title, kind=Credit.Kind.DIRECTOR, character_name="")
    credit_factory.create_batch(3, title=title, kind=Credit.Kind.SUPPORT)
    pages_changed(CATALOGUE)  # written past the admin, which would move it
    html = client.get(title.get_absolute_url()).content.decode()
    # 6 credits on the cast page, 3 of them already on the title page.
    assert "Show More Cast (3)" in html
