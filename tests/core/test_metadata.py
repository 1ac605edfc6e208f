"""A view declares whether its pages are indexed (core.metadata); the head renders it."""

from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import ResolverMatch, include, path
from django.views.generic import TemplateView

from core.metadata import PageMeta, filtered_by, is_indexed, not_indexed, not_indexed_urls
from core.page_cache import cached_page, depends_on
from core.versions import CATALOGUE
from front.metadata import page_metadata


def page(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


def other_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


def head(view, address: str, **context) -> PageMeta:
    """The metadata base.html renders for `view` answering `address`."""
    request = RequestFactory().get(address)
    request.resolver_match = ResolverMatch(view, (), {})
    return page_metadata({"request": request, **context})


def test_a_view_is_indexed_unless_it_says_otherwise():
    assert head(page, "/page/?q=anything").noindex is False


def test_a_view_marked_not_indexed_is_not_indexed():
    form = not_indexed(lambda request: HttpResponse())

    assert head(form, "/form/").noindex is True


def test_the_mark_survives_the_page_cache_on_either_side():
    cached = cached_page(depends_on(CATALOGUE))
    inside = cached(not_indexed(lambda request: HttpResponse()))
    outside = not_indexed(cached(lambda request: HttpResponse()))

    assert head(inside, "/").noindex is True
    assert head(outside, "/").noindex is True


def test_a_listing_filtered_by_a_parameter_it_names_is_not_indexed():
    listing = filtered_by("sort", "status")(cached_page(depends_on(CATALOGUE))(page))

    assert head(listing, "/list/?sort=newest").noindex is True
    assert head(listing, "/list/?page=2&status=completed").noindex is True
    assert head(listing, "/list/?page=2&sort=").noindex is False
    assert head(listing, "/list/?colour=red").noindex is False
    assert head(listing, "/list/?page=2").canonical == "http://testserver/list/?page=2"


def test_a_whole_apps_urls_can_be_marked_class_based_views_and_includes_too():
    one = path("one/", other_page)
    two = path("two/", TemplateView.as_view(template_name="base.html"))
    three = path("three/", lambda request: HttpResponse())

    not_indexed_urls([one, two, path("more/", include([three]))])

    views = [one.callback, two.callback, three.callback]
    assert [is_indexed(view, RequestFactory().get("/").GET) for view in views] == [False] * 3
    assert is_indexed(page, RequestFactory().get("/").GET) is True


def test_the_head_keeps_what_the_page_declared_and_adds_the_address():
    declared = PageMeta(og_type="article", title="A page", description="What it is about.")

    meta = head(page, "/page/?page=3&sort=new", page_meta=declared)

    assert (meta.og_type, meta.title, meta.description) == (
        "article",
        "A page",
        declared.description,
    )
    assert meta.canonical == "http://testserver/page/?page=3"
    assert meta.image is not None and meta.image.url.endswith("og-default.png")
    assert declared.canonical == "" and declared.image is None  # the view's own is left alone
