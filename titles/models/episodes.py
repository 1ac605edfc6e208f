"""A title's episodes: number, name, air date, runtime, synopsis and a still."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core.history import EditHistory
from core.images import CheckedImageField
from core.links import page_link

from .titles import Title

# How many of the latest aired episodes the title page's guide shows.
GUIDE_LATEST = 3


class EpisodeQuerySet(models.QuerySet):
    def on_days(self, days: list[date], per_day: int) -> list[Episode]:
        """The episodes airing on each of `days`, at most `per_day` of each (in the order
        they were added), with their titles and networks: two queries whatever the
        catalogue's size, a union of one short index read per day, then the rows."""
        if not days:
            return []
        parts = [self.filter(air_date=day).order_by("id").values("id")[:per_day] for day in days]
        ids = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        return list(
            Episode.objects.filter(id__in=[row["id"] for row in ids]).select_related(
                "title__network"
            )
        )

    def guide(self, title: Title, today: date) -> EpisodeGuide:
        """The title page's episode guide in one query: the next episode to air, the latest
        aired ones, and the first ones for a guide without air dates."""
        episodes = self.filter(title=title).order_by()
        parts = [
            episodes.filter(air_date__lte=today).order_by("-number")[:GUIDE_LATEST],
            episodes.filter(air_date__gt=today).order_by("number")[:1],
            episodes.order_by("number")[:GUIDE_LATEST],
        ]
        rows = {episode.pk: episode for episode in parts[0].union(*parts[1:])}.values()
        aired = sorted((e for e in rows if e.air_date and e.air_date <= today), key=_number)
        upcoming = sorted((e for e in rows if e.air_date and e.air_date > today), key=_number)
        first = sorted(rows, key=_number)[:GUIDE_LATEST]
        for episode in rows:
            episode.title = title
        return EpisodeGuide(
            next=upcoming[0] if upcoming else None,
            latest=aired[-GUIDE_LATEST:][::-1],
            first=[] if aired or upcoming else first,
        )


def _number(episode: Episode) -> int:
    return episode.number


class EpisodeGuide:
    def __init__(self, next: Episode | None, latest: list[Episode], first: list[Episode]):
        self.next, self.latest, self.first = next, latest, first

    def __bool__(self) -> bool:
        return bool(self.next or self.latest or self.first)


class Episode(models.Model):
    title = models.ForeignKey(  # episode_unique_number
        Title, on_delete=models.CASCADE, related_name="episode_list", db_index=False
    )
    number = models.PositiveSmallIntegerField()
    name = models.CharField("episode title", max_length=255, blank=True)
    air_date = models.DateField(null=True, blank=True)
    runtime_minutes = models.PositiveSmallIntegerField("runtime (minutes)", null=True, blank=True)
    synopsis = models.TextField(blank=True, max_length=5000)
    still = CheckedImageField(upload_to="stills/", blank=True, kind="still")

    objects = EpisodeQuerySet.as_manager()
    history = EditHistory()

    class Meta:
        ordering = ["title", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "number"],
                name="episode_unique_number",
                violation_error_message="This title already has an episode with that number.",
            ),
            models.CheckConstraint(
                name="episode_number_positive",
                condition=Q(number__gte=1),
                violation_error_message="Episode numbers start at 1.",
            ),
            models.CheckConstraint(
                name="episode_runtime_positive",
                condition=Q(runtime_minutes__isnull=True) | Q(runtime_minutes__gt=0),
                violation_error_message="A runtime must be at least 1 minute.",
            ),
        ]
        indexes = [
            # The schedule: the episodes airing in a week, of every title.
            models.Index(fields=["air_date"], name="episode_air_date_idx"),
        ]

    def __str__(self) -> str:
        return f"Episode {self.number}" + (f": {self.name}" if self.name else "")

    def get_absolute_url(self) -> str:
        """Its own page, with its discussion."""
        return page_link("episode", self.title_id, self.number)

    @property
    def full_name(self) -> str:
        return f"{self.title.title}, episode {self.number}"

    @property
    def airs_at(self) -> datetime | None:
        """When it airs, in its broadcast zone: known with its date and its title's air time."""
        if self.air_date is None or self.title.air_time is None:
            return None
        return datetime.combine(self.air_date, self.title.air_time, self.title.broadcast_zone)

    def clean(self) -> None:
        """An episode's number is within the title's stated count of episodes."""
        super().clean()
        if self.title_id is None or self.number is None:
            return
        count = self.title.episodes
        if count is not None and self.number > count:
            raise ValidationError(
                {"number": f"{self.title.title} has {count} episodes: number 1 to {count}."}
            )
