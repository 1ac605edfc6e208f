"""A title's country comes from a fixed list: the admin offers a menu, the pages show the
country's name, and Browse finds the title under that country."""

import pytest

from tests.titles.test_admin import ADD_URL, title_form
from titles.models import Title

pytestmark = pytest.mark.django_db


def test_the_admin_refuses_a_country_typed_as_free_text(editor_client):
    response = editor_client.post(ADD_URL, title_form(country="Korea"))

    assert response.status_code == 200
    assert "Select a valid choice. Korea is not one of the available choices." in (
        response.content.decode()
    )
    assert not Title.objects.exists()


def test_the_admin_offers_the_countries_as_a_menu_with_the_catalogues_first(editor_client):
    html = editor_client.get(ADD_URL).content.decode()

    menu = html[html.index('<select name="country"') :]
    menu = menu[: menu.index("</select>")]
    assert '<option value="KR">South Korea</option>' in menu
    assert menu.index('value="JP"') < menu.index('value="AF"')  # Japan before Afghanistan


def test_a_title_set_to_south_korea_is_found_under_browse_south_korea(editor_client, client):
    response = editor_client.post(ADD_URL, title_form(country="KR", title="Stairway to Heaven"))
    assert response.status_code == 302, response.content.decode()[:2000]
    title = Title.objects.get()

    browse = client.get("/titles/", {"country": "KR"}).content.decode()
    page = client.get(title.get_absolute_url()).content.decode()

    assert "Stairway to Heaven" in browse and "Country: South Korea" in browse
    assert "2005 · South Korea · Drama" in browse  # the title's card
    assert '<dt>Country</dt><dd><a href="/titles/?country=KR">South Korea</a></dd>' in page


def test_the_admin_list_filters_by_country_name(editor_client, title_factory):
    title_factory(title="Winter Sonata", country="KR")
    title_factory(title="Hana Yori Dango", country="JP")

    html = editor_client.get("/admin/titles/title/", {"country": "KR"}).content.decode()

    assert "Winter Sonata" in html and "Hana Yori Dango" not in html
    assert 'href="?country=KR"' in html and ">South Korea</a>" in html
