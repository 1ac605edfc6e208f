"""`link()` makes the same addresses as `reverse()`, for any id, under any script prefix, and
`page_link()` those of the pages the settings name by role."""

import pytest
from django.http import HttpResponse
from django.template import Context, Template
from django.urls import (
    NoReverseMatch,
    clear_script_prefix,
    path,
    register_converter,
    reverse,
    set_script_prefix,
)

from core.links import link, page_link


class HexConverter:
    regex = "[0-9a-f]+"

    def to_python(self, value: str) -> int:
        return int(value, 16)

    def to_url(self, value: int) -> str:
        return format(value, "x")


register_converter(HexConverter, "hex")
# This module is also the URLconf of the test of an argument written otherwise.
urlpatterns = [path("hex/<hex:pk>/", lambda request, pk: HttpResponse(), name="hex")]


@pytest.mark.parametrize(
    "viewname, args",
    [
        ("comments:reply", (1,)),
        ("comments:reply", (987654321,)),
        ("comments:thread", (42,)),
        ("moderation:report", ("comment", 7)),
        ("moderation:report", ("review", 7)),
        ("comments:post", (3, 44)),
        ("comments:post", (44, 3)),
        ("front:title", (1, "1-litre-of-tears")),
        ("front:title", (12, "pure_soul-2")),
        ("front:profile", ("mika_watches",)),
        # Not ids or words: reverse() itself, quoting and all.
        ("front:profile", ("mika.watches@home",)),
        ("front:profile", ("美香",)),
        ("front:profile", ("2024",)),
        ("comments:reply", ("12",)),
    ],
)
def test_the_same_address_as_reverse(viewname, args):
    assert link(viewname, *args) == reverse(viewname, args=args)


def test_the_script_prefix_of_the_moment_is_used():
    plain = link("comments:reply", 5)
    set_script_prefix("/site/")
    try:
        assert link("comments:reply", 5) == "/site" + plain == reverse("comments:reply", args=[5])
    finally:
        clear_script_prefix()
    assert link("comments:reply", 5) == plain


@pytest.mark.parametrize(
    "viewname, args",
    [("front:browse", (5,)), ("comments:reply", ("twelve",)), ("front:title", (1, ""))],
)
def test_arguments_that_do_not_fit_fail_as_with_reverse(viewname, args):
    with pytest.raises(NoReverseMatch):
        reverse(viewname, args=args)
    with pytest.raises(NoReverseMatch):
        link(viewname, *args)


def test_an_id_written_otherwise_in_the_address_is_refused(settings):
    settings.ROOT_URLCONF = __name__
    with pytest.raises(ValueError, match="does not appear as it is"):
        link("hex", 255)


def test_the_template_tag():
    html = Template('{% load dramadb %}{% link "comments:edit" pk %}').render(Context({"pk": 9}))
    assert html == reverse("comments:edit", args=[9])


def test_a_page_link_is_the_address_of_the_url_the_settings_name_for_the_role():
    assert page_link("title", 12, "pure_soul-2") == reverse("front:title", args=[12, "pure_soul-2"])
    assert page_link("report", "review", 7) == reverse("moderation:report", args=["review", 7])


def test_a_page_link_follows_the_settings(settings):
    settings.PAGE_URLS = {**settings.PAGE_URLS, "home": "news:index"}
    assert page_link("home") == reverse("news:index")


def test_the_page_link_template_tag():
    template = Template('{% load dramadb %}{% page_link "member" name %}')
    assert template.render(Context({"name": "mika_watches"})) == reverse(
        "front:profile", args=["mika_watches"]
    )
