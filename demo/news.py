"""Demo articles: one on dramas built around an illness, one on filming locations.

The texts are the project's own. Each article gets a simple generated banner image, stored
once under a fixed name. Running it twice changes nothing.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import TypedDict

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image, ImageDraw

from news.models import Article
from titles.models import Title


class DemoArticle(TypedDict):
    slug: str
    headline: str
    blurb: str
    published_at: datetime
    titles: list[str]  # linked by their exact names
    colours: tuple[str, str]  # the banner's background and accent
    image_alt: str
    body: str


ARTICLES: list[DemoArticle] = [
    {
        "slug": "when-the-illness-is-the-story",
        "headline": "When the illness is the story: dramas that stay with you",
        "blurb": "A diary kept through a degenerative illness, a love tested by fading memory: "
        "why these dramas hit so hard, and how they avoid easy tears.",
        "published_at": datetime(2024, 4, 12, 9, 0, tzinfo=UTC),
        "titles": ["1 Litre of Tears", "Pure Soul", "Taiyou no Uta", "A Moment to Remember"],
        "colours": ("#3b5b7a", "#c9d8e6"),
        "image_alt": "Soft blue circles on a darker blue background.",
        "body": """\
Some dramas use an illness as a twist in the last act. The ones people still talk about years
later do the opposite: they put the illness at the centre from the first episode and then spend
their whole length on the people living around it.

1 Litre of Tears is the clearest example. We learn early that Aya's condition will not get
better, so the drama never asks whether she will be cured. It asks something harder: how a
fifteen-year-old and her family go on making ordinary days worth living when each month takes
something away. The diary that gives the story its shape keeps the focus
on her voice rather than on the medicine.

Pure Soul takes the same approach to memory. A young wife is diagnosed with early-onset
Alzheimer's disease, and the story follows the husband who decides to stay while she forgets
him, day by day. A Moment to Remember later told a version of the same story as a film.

Taiyou no Uta is gentler on the surface: a girl who cannot go out in sunlight sings on the
street at night and falls in love. The illness sets the limits of her world, and the drama is
about everything she still does inside them.

What these stories share is restraint. The big scenes are rarely at the hospital; they are at
the dinner table, in a school corridor, on a walk home. That is why they stay with viewers long
after the last episode, and why fans keep recommending them to each other.""",
    },
    {
        "slug": "on-location-visiting-the-places-behind-the-scenes",
        "headline": "On location: visiting the places behind the scenes",
        "blurb": "Schools, shops and lakeside piers become places of pilgrimage for fans. A few "
        "tips for visiting filming locations with care.",
        "published_at": datetime(2024, 6, 3, 8, 30, tzinfo=UTC),
        "titles": ["1 Litre of Tears", "Crash Landing on You"],
        "colours": ("#4d6b3c", "#e6dcc3"),
        "image_alt": "Green hills drawn as simple shapes under a pale sky.",
        "body": """\
For many viewers a drama does not end with its final episode. They want to stand where the
characters stood: the corner shop, the school gate, the bridge where a confession happened.
Visiting filming locations has become a small travel genre of its own.

Crash Landing on You is a well-known case. Its Swiss scenes made the small lakeside village of
Iseltwald, on Lake Brienz, a stop on many fans' itineraries, and the little pier from the drama
draws visitors from all over the world.

Quieter dramas have their pilgrims too. Fans of 1 Litre of Tears often go looking for the kind
of places the story is built from: a family shop on a residential street, a school, a hospital
corridor. Many such places are homes, schools or working businesses, not attractions.

A few habits keep these visits pleasant for everyone. Check whether a place is private before
you go, and keep to public streets when it is. Do not photograph residents, pupils or staff
without asking. Buy something if you visit a shop that appeared on screen, and leave quickly if
it is busy. Go early in the day, in small groups, and take your rubbish with you.

Most of all, remember that the people who live and work there did not sign up to be part of the
story. A respectful visit is the best way to make sure the next fan is welcome too.""",
    },
]


def _paragraphs(text: str) -> str:
    """Join the lines of each paragraph: the body shows single newlines as line breaks."""
    return "\n\n".join(" ".join(p.split()) for p in text.split("\n\n"))


def _banner(colours: tuple[str, str], seed: int) -> bytes:
    """A simple abstract banner, so the demo articles show an image without any downloads."""
    background, accent = colours
    image = Image.new("RGB", (1200, 630), background)
    draw = ImageDraw.Draw(image)
    for i in range(7):
        x = (seed * 173 + i * 211) % 1200
        y = (seed * 97 + i * 131) % 630
        radius = 60 + (i * 37 + seed * 11) % 140
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=accent, width=6)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


@transaction.atomic
def load_articles() -> list[Article]:
    articles = []
    for seed, data in enumerate(ARTICLES, start=1):
        fields = {k: v for k, v in data.items() if k not in {"slug", "titles", "colours"}}
        fields["body"] = _paragraphs(data["body"])
        article, created = Article.objects.get_or_create(slug=data["slug"], defaults=fields)
        if not article.image:
            name = f"demo-{data['slug'][:40]}.png"
            if default_storage.exists(f"news/{name}"):
                article.image.name = f"news/{name}"
            else:  # through the field, which stores the renditions with it
                article.image.save(name, ContentFile(_banner(data["colours"], seed)), save=False)
            article.save(update_fields=["image"])
        article.titles.add(*Title.objects.filter(title__in=data["titles"]))
        if created:  # written when it was published, not when the demo was loaded
            Article.objects.filter(pk=article.pk).update(updated_at=article.published_at)
            article.updated_at = article.published_at
        articles.append(article)
    return articles
