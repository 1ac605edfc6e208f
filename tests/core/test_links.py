"""`page_link()` makes the addresses of the pages the settings name by role, as `reverse()`
does, in Python and in templates."""

from django.template import Context, Template
from django.urls import reverse

from core.links import page_link


def test_a_page_link_is_the_address_of_the_url_the_settings_name_for_the_role():
    assert page_link("title", 12, "pure_soul-2") == reverse("front:title", args=[12, "pure_soul-2"])
    assert page_link("report", "review", 7) == reverse("moderation:report", args=["review", 7])
    assert page_link("member", "mika.watches@home") == reverse(
        "front:profile", args=["mika.watches@home"]
    )


def test_a_page_link_follows_the_settings(settings):
    settings.PAGE_URLS = {**settings.PAGE_URLS, "home": "news:index"}
    assert page_link("home") == reverse("news:index")


def test_the_page_link_template_tag():
    template = Template('{% load dramadb %}{% page_link "member" name %}')
    assert template.render(Context({"name": "mika_watches"})) == reverse(
        "front:profile", args=["mika_watches"]
    )
