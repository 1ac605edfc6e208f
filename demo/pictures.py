"""Demo pictures: drawn posters, portraits and avatars (demo.artwork) for the demo's records.

Every title without a poster gets one, every credited person without a photo a portrait, and
the members the demo pages show (reviewers, commenters, recommendation authors and each
title's recent watchers) an avatar; the thousands of other viewers keep the placeholder.
A file's name follows from what is drawn on it, so a second run finds nothing to do, and a
run on a fresh database whose media folder kept the files draws nothing again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import NamedTuple, TypeVar

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.utils.text import slugify
from PIL import Image

from accounts.models import User
from comments.models import Comment
from core.images import CheckedImageField
from core.renditions import make_renditions, missing_renditions
from demo import artwork
from news.models import Article
from recommendations.models import RecommendationReason
from reviews import selectors as reviews_selectors
from reviews.models import Review
from titles.models import Person, Title

# Part of every file name: raise it when the drawings change, so that new files are made.
ARTWORK_VERSION = 1
WORKERS = min(4, os.cpu_count() or 1)

M = TypeVar("M", bound=models.Model)


def load_pictures() -> dict[str, int]:
    """Draw what is missing; returns how many pictures of each kind were drawn."""
    # The news demo's banners come with their renditions; older copies may lack them.
    banner = _picture_field(Article, "image")
    for name in Article.objects.exclude(image="").values_list("image", flat=True):
        if banner.storage.exists(name):
            _complete(banner, name)
    return {
        "posters": _posters(),
        "portraits": _portraits(),
        "avatars": _avatars(),
    }


def _posters() -> int:
    titles = list(Title.objects.filter(poster="").prefetch_related("genres").order_by("pk"))
    jobs = []
    for title in titles:
        genres = sorted(genre.name for genre in title.genres.all())
        caption = " · ".join(filter(None, [title.get_kind_display(), str(title.year or "")]))
        facts = [title.title, title.native_title, title.native_language, *genres, caption]
        draw = partial(
            artwork.poster,
            title=title.title,
            native_title=title.native_title,
            language=title.native_language,
            genres=genres,
            caption=caption,
        )
        jobs.append(Job(title, "poster", _stem(title.title, facts), draw))
    drawn = _attach_all(jobs)
    Title.objects.bulk_update(titles, ["poster"])
    return drawn


def _portraits() -> int:
    people = list(Person.objects.filter(photo="", credits__isnull=False).distinct().order_by("pk"))
    return _named_pictures(Person, people, "photo", artwork.portrait, lambda person: person.name)


def shown_members() -> set[int]:
    """The members whose names the demo pages show beside a picture."""
    ids: set[int] = set()
    ids.update(Review.objects.values_list("user_id", flat=True))
    ids.update(Comment.objects.exclude(author=None).values_list("author_id", flat=True))
    ids.update(RecommendationReason.objects.values_list("user_id", flat=True))
    for title in Title.objects.order_by("pk"):
        watchers = reviews_selectors.recently_watched_by(title, settings.RECENT_WATCHERS_SHOWN)
        ids.update(entry.user_id for entry in watchers)
    return ids


def _avatars() -> int:
    members = list(User.objects.filter(pk__in=shown_members(), avatar="").order_by("pk"))
    return _named_pictures(User, members, "avatar", artwork.avatar, lambda member: member.username)


def _named_pictures(
    model: type[M],
    objects: list[M],
    field: str,
    draw: Callable[..., Image.Image],
    name_of: Callable[[M], str],
) -> int:
    """Draw a picture from each object's name into `field`; how many were drawn."""
    jobs = [
        Job(item, field, _stem(name_of(item), [name_of(item)]), partial(draw, name=name_of(item)))
        for item in objects
    ]
    drawn = _attach_all(jobs)
    model._default_manager.bulk_update(objects, [field])
    return drawn


def _stem(label: str, facts: Iterable[object]) -> str:
    """A file name made of a readable part and a digest of everything drawn."""
    digest = hashlib.sha256("\x1f".join(map(str, [ARTWORK_VERSION, *facts])).encode()).hexdigest()[
        :12
    ]
    return f"demo-{slugify(label)[:48].strip('-') or 'picture'}-{digest}"


class Job(NamedTuple):
    instance: models.Model
    field_name: str
    stem: str
    draw: Callable[[], Image.Image]


def _attach_all(jobs: list[Job]) -> int:
    """Give each job's row (not saved here) the picture stored under its stem: drawn and
    stored with its renditions, unless a file of that name is stored already. Returns how
    many were drawn. Drawing stays in this thread (a font is not to be shared between
    threads); storing and the renditions, mostly resizing and encoding, go to a few workers
    meanwhile."""
    drawn = 0
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        pending: list[Future[None]] = []
        for instance, field_name, stem, draw in jobs:
            field = _picture_field(type(instance), field_name)
            name = field.generate_filename(instance, f"{stem}.jpg")
            if field.storage.exists(name):
                setattr(instance, field_name, name)
                pending.append(pool.submit(_complete, field, name))
                continue
            content = ContentFile(artwork.jpeg(draw()))
            store = getattr(instance, field_name).save
            pending.append(pool.submit(store, f"{stem}.jpg", content, save=False))
            drawn += 1
        for done in pending:
            done.result()  # raises what a worker raised
    return drawn


def _picture_field(model: type[models.Model], name: str) -> CheckedImageField:
    field = model._meta.get_field(name)
    assert isinstance(field, CheckedImageField) and field.picture_kind is not None
    return field


def _complete(field: CheckedImageField, name: str) -> None:
    """Make the renditions a stored picture lacks."""
    assert field.picture_kind is not None
    if missing := missing_renditions(field.storage, name, field.picture_kind):
        make_renditions(field.storage, name, field.picture_kind, widths=missing)
