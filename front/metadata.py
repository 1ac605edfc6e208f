"""What every page tells search engines and chat apps about itself: its canonical address,
whether it should be indexed, its OpenGraph and Twitter card, and its schema.org data.

`{% page_metadata as page_meta %}` in base.html calls `page_metadata` with the page's template
context. Everything here is read from objects the page's view already loaded, so metadata
adds no query to any page. Whether a page is indexed its view declares (core.metadata).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import SafeString

from accounts.models import User
from core.metadata import is_indexed
from core.pagination import parse_page_number
from core.templatetags.dramadb import score
from news.models import Article
from reviews.models import Review, TitleStats
from titles.models import Credit, PageCredits, Person, Title

from . import structured_data as sd

SITE_DESCRIPTION = "Dramas, films and the people who make them: ratings, reviews and talk."
# Search engines show about this many characters of a description.
DESCRIPTION_LENGTH = 160
DEFAULT_IMAGE = "img/og-default.png"
DEFAULT_IMAGE_SIZE = (1200, 630)
DEFAULT_ALT = (
    f"The {settings.SITE_NAME} logo beside its motto: dramas, films and the people who make them"
)
LOGO = "img/icon-512.png"


@dataclass(frozen=True)
class Image:
    url: str
    alt: str
    width: int | None = None
    height: int | None = None


@dataclass
class PageMeta:
    """The head of a page beyond its <title> and description.

    `title` and `description` are the OpenGraph ones; left empty, sharing falls back on the
    page's <title> and meta description.
    """

    canonical: str = ""
    noindex: bool = False
    og_type: str = "website"
    title: str = ""
    description: str = ""
    image: Image | None = None
    twitter_card: str = "summary_large_image"
    # More OpenGraph properties, such as article:published_time.
    properties: list[tuple[str, str]] = field(default_factory=list)
    data: list[sd.Data] = field(default_factory=list)

    @property
    def json_ld(self) -> list[SafeString]:
        return [sd.json_ld(item) for item in self.data]


def canonical_url(request: HttpRequest) -> str:
    """The page's own address: its path, and the page number of a list past the first."""
    query = ""
    if (number := parse_page_number(request.GET.get("page"))) > 1:
        query = "?" + urlencode({"page": number})
    return request.build_absolute_uri(request.path + query)


def is_noindex(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match is None:
        return True  # no page lives here: an error page
    return not is_indexed(match.func, request.GET)


def summary(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """`text` on one line, cut at a word to at most `limit` characters."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-–— ")
    return f"{cut}…"


def page_metadata(context: Any) -> PageMeta:
    """The metadata of the page being rendered with template `context`."""
    request: HttpRequest | None = context.get("request")
    if request is None:  # the 500 and 503 pages are rendered without one
        return PageMeta(noindex=True)
    meta = PageMeta(canonical=canonical_url(request), noindex=is_noindex(request))
    width, height = DEFAULT_IMAGE_SIZE
    meta.image = Image(
        request.build_absolute_uri(static(DEFAULT_IMAGE)), DEFAULT_ALT, width, height
    )
    if request.resolver_match and (fill := PAGES.get(request.resolver_match.view_name)):
        fill(Page(request, context), meta)
    return meta


@dataclass
class Page:
    """A page being rendered: its request and what its view put in the template context."""

    request: HttpRequest
    context: Any

    def get(self, name: str, kind: type) -> Any:
        """The context's `name` if it is a `kind`: not there when the view answered 404."""
        value = self.context.get(name)
        return value if isinstance(value, kind) else None

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    def upload(self, file: FieldFile | None, alt: str) -> Image | None:
        return Image(self.absolute(file.url), alt) if file else None

    def breadcrumbs(self, *trail: tuple[str, str]) -> sd.Data:
        """The trail down to this page, whose own name comes last with its own address."""
        *above, (name, _) = trail
        return sd.breadcrumb_list([*above, (name, self.request.path)], self.absolute)


def _title_line(title: Title) -> str:
    """A title's description when it has no synopsis."""
    label = title.get_kind_display()
    kind = label if label.startswith("TV") else label.lower()
    facts = f"a {kind}" + (f" from {title.country.name}" if title.country else "")
    if title.episodes and title.kind != Title.Kind.MOVIE:
        facts += f", {title.episodes} episode{'s' if title.episodes != 1 else ''}"
    return f"{title}: {facts}. Ratings, reviews, cast and comments on {settings.SITE_NAME}."


def _title_page(page: Page, meta: PageMeta) -> None:
    title = page.get("title", Title)
    stats = page.get("stats", TitleStats)
    credits = page.get("credits", PageCredits)
    if title is None or stats is None or credits is None:
        return
    url = page.absolute(title.get_absolute_url())
    movie = title.kind == Title.Kind.MOVIE
    meta.og_type = "video.movie" if movie else "video.tv_show"
    meta.title = str(title)
    meta.description = summary(title.synopsis) or _title_line(title)
    if poster := page.upload(title.poster, f"Poster of {title.title}"):
        meta.image, meta.twitter_card = poster, "summary"
    if title.aired_from:
        meta.properties.append(("video:release_date", title.aired_from.isoformat()))
    work = sd.title_data(
        title,
        url=url,
        description=meta.description,
        image=poster.url if poster else None,
        stats=stats,
        cast=credits.cast_preview,
        directors=credits.directors,
        reviews=page.context.get("top_reviews") or [],
        absolute=page.absolute,
    )
    trail = page.breadcrumbs(("Titles", reverse("front:browse")), (title.title, ""))
    meta.data = [work, trail]


def _known_for(groups: list[tuple[str, list[Credit]]], limit: int = 3) -> list[str]:
    names: list[str] = []
    for _, credits in groups:
        for credit in credits:
            if (name := str(credit.title)) not in names:
                names.append(name)
    return names[:limit]


def _person_page(page: Page, meta: PageMeta) -> None:
    person = page.get("person", Person)
    if person is None:
        return
    groups = page.context.get("groups") or []
    known_for = _known_for(groups)
    meta.og_type = "profile"
    meta.title = person.name
    meta.description = summary(person.biography) or summary(
        f"{person.name}"
        + (f" ({person.native_name})" if person.native_name else "")
        + (f", known for {', '.join(known_for)}" if known_for else "")
        + f": every credit on {settings.SITE_NAME}."
    )
    if photo := page.upload(person.photo, f"Photo of {person.name}"):
        meta.image, meta.twitter_card = photo, "summary"
    url = page.absolute(person.get_absolute_url())
    meta.data = [
        sd.person_data(
            person,
            url=url,
            description=meta.description,
            image=photo.url if photo else None,
            absolute=page.absolute,
        ),
        page.breadcrumbs(("People", reverse("front:people")), (person.name, "")),
    ]
    credits = [credit for _, kind_credits in groups for credit in kind_credits]
    if credits:
        meta.data.append(sd.filmography(person, credits, url=url, absolute=page.absolute))


def _review_page(page: Page, meta: PageMeta) -> None:
    review = page.get("review", Review)
    if review is None:
        return
    title, author = review.title, review.user
    overall = f"Overall {score(review.overall)}/10"
    meta.og_type = "article"
    meta.title = f"Review of {title.title} by {author.username}"
    if review.is_spoiler:
        text = f"{review.headline}. " if review.headline else ""
        meta.description = summary(f"{text}{overall}. This review contains spoilers.")
    else:
        headline = review.headline.strip()
        if headline and headline[-1] not in ".!?…":
            headline += "."
        meta.description = summary(f"{headline} {review.body}")
    if poster := page.upload(title.poster, f"Poster of {title.title}"):
        meta.image, meta.twitter_card = poster, "summary"
    _dated(meta, review.created_at, review.updated_at)
    reviews_url = reverse("reviews:title_reviews", kwargs={"pk": title.pk, "slug": title.slug})
    meta.data = [
        sd.review_data(
            review,
            url=page.absolute(review.get_absolute_url()),
            description=meta.description,
            absolute=page.absolute,
        ),
        page.breadcrumbs(
            (title.title, title.get_absolute_url()),
            ("Reviews", reviews_url),
            (f"Review by {author.username}", ""),
        ),
    ]


def _article_page(page: Page, meta: PageMeta) -> None:
    article = page.get("article", Article)
    if article is None:
        return
    meta.og_type = "article"
    meta.title = article.headline
    meta.description = summary(article.blurb)
    if image := page.upload(article.image, article.image_alt or article.headline):
        meta.image = image
    _dated(meta, article.published_at, max(article.updated_at, article.published_at))
    home = page.absolute(reverse("front:home"))
    publisher = sd.organization(settings.SITE_NAME, home, page.absolute(static(LOGO)))
    meta.data = [
        sd.article_data(
            article,
            url=page.absolute(article.get_absolute_url()),
            image=image.url if image else None,
            titles=page.context.get("titles") or [],
            publisher=publisher,
            absolute=page.absolute,
        ),
        page.breadcrumbs(("News & Articles", reverse("news:index")), (article.headline, "")),
    ]


def _dated(meta: PageMeta, published: datetime, modified: datetime) -> None:
    """OpenGraph's dates of an article-like page (a review, an article)."""
    meta.properties += [
        ("article:published_time", published.isoformat()),
        ("article:modified_time", modified.isoformat()),
    ]


def _profile_page(page: Page, meta: PageMeta) -> None:
    member = page.get("member", User)
    if member is None:
        return
    meta.og_type = "profile"
    meta.title = member.username
    meta.description = summary(member.bio) or (
        f"{member.username}'s list of dramas and films, ratings and reviews "
        f"on {settings.SITE_NAME}."
    )
    if avatar := page.upload(member.avatar, f"Avatar of {member.username}"):
        meta.image, meta.twitter_card = avatar, "summary"
    meta.properties.append(("profile:username", member.username))


def _under_title(name: str) -> Callable[[Page, PageMeta], None]:
    """A title's own list (its cast, reviews, recommendations) sits under the title."""

    def fill(page: Page, meta: PageMeta) -> None:
        if (title := page.get("title", Title)) is not None:
            meta.data = [page.breadcrumbs((title.title, title.get_absolute_url()), (name, ""))]

    return fill


def _under_member(name: str) -> Callable[[Page, PageMeta], None]:
    def fill(page: Page, meta: PageMeta) -> None:
        if (member := page.get("member", User)) is not None:
            trail = page.breadcrumbs((member.username, member.get_absolute_url()), (name, ""))
            meta.data = [trail]

    return fill


def _comment_thread(page: Page, meta: PageMeta) -> None:
    target = getattr(page.context.get("detail"), "target", None)
    if target is not None and hasattr(target, "get_absolute_url"):
        trail = page.breadcrumbs((str(target), target.get_absolute_url()), ("Comment thread", ""))
        meta.data = [trail]


PAGES: dict[str, Callable[[Page, PageMeta], None]] = {
    "front:title": _title_page,
    "titles:person": _person_page,
    "reviews:review_detail": _review_page,
    "news:article": _article_page,
    "front:profile": _profile_page,
    "titles:cast": _under_title("Cast and crew"),
    "titles:history": _under_title("Edit history"),
    "reviews:title_reviews": _under_title("Reviews"),
    "recommendations:title_list": _under_title("Recommendations"),
    "reviews:user_list": _under_member("List"),
    "reviews:user_reviews": _under_member("Reviews"),
    "comments:thread": _comment_thread,
}
