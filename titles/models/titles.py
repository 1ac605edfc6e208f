"""The catalogue's titles, their names, genres, tags and networks."""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import DateField, F, Func, OuterRef, Q, Value
from django.db.models.functions import Coalesce, JSONObject, Lower, Upper
from django.utils import timezone
from django.utils.text import slugify
from django_countries.fields import CountryField

from core.history import EditHistory
from core.images import CheckedImageField
from core.links import page_link
from core.models import TimeStampedModel

from ..countries import NATIVE_LANGUAGES, TIME_ZONES, CatalogueCountries
from ..keys import search_key


def slug_for(text: str) -> str:
    # Non-Latin names slugify to nothing; the id in the URL still finds the object.
    return slugify(text)[:200] or "untitled"


class Genre(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    history = EditHistory()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    history = EditHistory()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Network(models.Model):
    name = models.CharField(max_length=120, unique=True)
    country = CountryField(countries=CatalogueCountries, blank=True)
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        db_default="",
        help_text="Where it broadcasts from, e.g. Asia/Tokyo; empty for its country's.",
    )

    history = EditHistory()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # Checked here rather than as a field validator, which migrations would import.
        if self.time_zone and self.time_zone not in available_timezones():
            raise ValidationError(
                {"time_zone": f"{self.time_zone!r} is not a time zone name "
                              "(like Asia/Tokyo or Asia/Seoul)."}
            )  # fmt: skip

    @property
    def zone(self) -> ZoneInfo:
        """The time zone of its broadcast times: its own, else its country's, else UTC."""
        return ZoneInfo(self.time_zone or TIME_ZONES.get(self.country.code or "", "UTC"))


def best_date() -> Coalesce:
    """A title's first air date, or the first of January of its year when only that is known."""
    year_start = Func(F("year"), Value(1), Value(1), function="make_date", output_field=DateField())
    return Coalesce(F("aired_from"), year_start)


class TitleQuerySet(models.QuerySet):
    def newest_first(self) -> TitleQuerySet:
        """By the best date known: the first air date, else the first of January of its year."""
        return self.order_by(best_date().desc(nulls_last=True), "-id")

    def airing(self) -> TitleQuerySet:
        """On the air today: started, and not finished (no end date yet counts as airing)."""
        today = timezone.localdate()
        return self.filter(Q(aired_to__isnull=True) | Q(aired_to__gte=today), aired_from__lte=today)

    def upcoming(self) -> TitleQuerySet:
        today = timezone.localdate()
        return self.filter(
            Q(aired_from__gt=today) | Q(aired_from__isnull=True, year__gte=today.year)
        )

    def finished(self) -> TitleQuerySet:
        today = timezone.localdate()
        return self.filter(Q(aired_to__lt=today) | Q(aired_from__isnull=True, year__lt=today.year))

    def with_status(self, status: str) -> TitleQuerySet:
        return {"airing": self.airing, "upcoming": self.upcoming, "finished": self.finished}[
            status
        ]()

    def for_page(self) -> TitleQuerySet:
        """Titles as their page shows them, in one query: each with its network and, read in
        the same row, `genre_links` and `tag_links` (by name, each {"name", "slug"}) and
        `other_names` (its alternative titles, in the order they were added).

        Three prefetches would cost a query each, three times what these columns cost.
        """
        links = JSONObject(name="name", slug="slug")
        return self.select_related("network").annotate(
            genre_links=ArraySubquery(
                Genre.objects.filter(titles=OuterRef("pk")).order_by("name").values(json=links)
            ),
            tag_links=ArraySubquery(
                Tag.objects.filter(titles=OuterRef("pk")).order_by("name").values(json=links)
            ),
            other_names=ArraySubquery(
                AlternativeTitle.objects.filter(title=OuterRef("pk")).order_by("id").values("name")
            ),
        )

    def search(self, query: str) -> TitleQuerySet:
        """Titles whose English, native or alternative name contains `query`, newest first.

        Each name is matched on its own and the ids united, so every part uses its trigram
        index (on UPPER(name), which is what `icontains` compares); one OR across the three
        would scan the whole catalogue.
        """
        query = query.strip()
        if not query:
            return self.none()
        matches = (
            Title.objects.filter(title__icontains=query)
            .values("id")
            .union(
                Title.objects.filter(native_title__icontains=query).values("id"),
                AlternativeTitle.objects.filter(name__icontains=query).values("title_id"),
            )
        )
        # Newest first, but sorted after matching: ordered by the indexed columns, PostgreSQL
        # would rather walk the whole date index looking for the few matches.
        newest = Coalesce(best_date(), Value(date.min), output_field=models.DateField())
        return self.filter(id__in=matches).order_by(newest.desc(), "-id")


class Title(TimeStampedModel):
    class Kind(models.TextChoices):
        DRAMA = "drama", "Drama"
        MOVIE = "movie", "Movie"
        TV_SHOW = "tv_show", "TV show"
        SPECIAL = "special", "Special"

    class ContentRating(models.TextChoices):
        NOT_RATED = "", "Not yet rated"
        ALL_AGES = "g", "G - All Ages"
        TEENS_13 = "13", "13+ - Teens 13 or older"
        TEENS_15 = "15", "15+ - Teens 15 or older"
        ADULTS_18 = "18", "18+ Restricted (violence & profanity)"

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    class Status(models.TextChoices):
        AIRING = "airing", "Airing"
        UPCOMING = "upcoming", "Upcoming"
        FINISHED = "finished", "Finished"

    title = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=200, help_text="Used in the address; the id keeps old links working."
    )
    native_title = models.CharField(max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DRAMA)
    country = CountryField(countries=CatalogueCountries, blank=True)
    episodes = models.PositiveSmallIntegerField(null=True, blank=True)
    aired_from = models.DateField(null=True, blank=True)
    aired_to = models.DateField(null=True, blank=True)
    network = models.ForeignKey(
        Network, null=True, blank=True, on_delete=models.SET_NULL, related_name="titles"
    )
    duration_minutes = models.PositiveSmallIntegerField(
        "duration (minutes)", null=True, blank=True, help_text="Length of one episode."
    )
    synopsis = models.TextField(blank=True)
    poster = CheckedImageField(upload_to="posters/", blank=True, kind="poster")
    content_rating = models.CharField(
        max_length=2, choices=ContentRating.choices, default=ContentRating.NOT_RATED, blank=True
    )
    air_time = models.TimeField(
        null=True, blank=True, help_text="When new episodes air, in the network's time zone."
    )
    aired_weekdays = ArrayField(
        models.PositiveSmallIntegerField(choices=Weekday.choices),
        default=list,
        blank=True,
        help_text="The days of the week new episodes air.",
    )
    # Every way a reader might type the title (titles.search.search_key), set on each save.
    search_key = models.TextField(blank=True, editable=False)
    genres = models.ManyToManyField(Genre, blank=True, related_name="titles")
    tags = models.ManyToManyField(Tag, blank=True, related_name="titles")

    objects = TitleQuerySet.as_manager()
    # Read with the title by `TitleQuerySet.for_page()`.
    genre_links: list[dict[str, str]]
    tag_links: list[dict[str, str]]
    other_names: list[str]
    # Every edit, with its genres and tags as they then stood. Not recorded: the search key,
    # which save() derives from the names, and the timestamps, which the records' own dates
    # repeat.
    history = EditHistory(
        excluded_fields=["search_key", "created_at", "updated_at"], m2m_fields=["genres", "tags"]
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="title_kind_valid",
                condition=Q(kind__in=["drama", "movie", "tv_show", "special"]),
            ),
            models.CheckConstraint(
                name="title_aired_to_after_from",
                condition=Q(aired_to__isnull=True)
                | Q(aired_from__isnull=True)
                | Q(aired_to__gte=models.F("aired_from")),
                violation_error_message="The last air date cannot be before the first.",
            ),
            # make_date() in the newest-first index needs a real year.
            models.CheckConstraint(
                name="title_year_in_range",
                condition=Q(year__isnull=True) | Q(year__gte=1, year__lte=9999),
                violation_error_message="The year must be between 1 and 9999.",
            ),
            models.CheckConstraint(
                name="title_content_rating_valid",
                condition=Q(content_rating__in=["", "g", "13", "15", "18"]),
            ),
            models.CheckConstraint(
                name="title_aired_weekdays_valid",
                condition=Q(aired_weekdays__contained_by=[0, 1, 2, 3, 4, 5, 6]),
                violation_error_message="Weekdays run from Monday (0) to Sunday (6).",
            ),
            models.CheckConstraint(
                name="title_episodes_positive",
                condition=Q(episodes__isnull=True) | Q(episodes__gt=0),
                violation_error_message="Episodes must be at least 1.",
            ),
            models.CheckConstraint(
                name="title_duration_positive",
                condition=Q(duration_minutes__isnull=True) | Q(duration_minutes__gt=0),
                violation_error_message="Duration must be at least 1 minute.",
            ),
        ]
        indexes = [
            # Home page: newest titles first (TitleQuerySet.newest_first).
            models.Index(
                best_date().desc(nulls_last=True), models.F("id").desc(), name="title_best_date_idx"
            ),
            # Browse and the API sorted by title, a page at a time.
            models.Index(Lower("title"), models.F("id"), name="title_name_order_idx"),
            # Home page: recently added titles.
            models.Index(models.F("created_at").desc(), name="title_created_idx"),
            # Search: forgiving matches on the stored keys (titles.search).
            GinIndex(OpClass("search_key", name="gin_trgm_ops"), name="title_search_key_trgm"),
            # Search: substring match on the English and native names (see TitleQuerySet.search).
            GinIndex(OpClass(Upper("title"), name="gin_trgm_ops"), name="title_title_trgm"),
            GinIndex(OpClass(Upper("native_title"), name="gin_trgm_ops"), name="title_native_trgm"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title

    def get_absolute_url(self) -> str:
        return page_link("title", self.pk, self.slug)

    @property
    def native_language(self) -> str:
        """A language tag for the native title, so browsers pick the right glyphs."""
        return NATIVE_LANGUAGES.get(self.country.code, "und")

    @property
    def status(self) -> str:
        """Airing, Upcoming or Finished, from the air dates and today's date."""
        today = timezone.localdate()
        if self.aired_from is None:
            if self.year is None:
                return ""  # nothing known
            return self.Status.FINISHED if self.year < today.year else self.Status.UPCOMING
        if self.aired_from > today:
            return self.Status.UPCOMING
        if self.aired_to is None or self.aired_to >= today:
            return self.Status.AIRING
        return self.Status.FINISHED

    @property
    def has_aired(self) -> bool:
        """Has the first episode been shown (or is nothing known of the dates)? Before then a
        title can only be planned: nobody can score, review or have watched it."""
        return self.status != self.Status.UPCOMING

    @property
    def status_label(self) -> str:
        return self.Status(self.status).label if self.status else ""

    @property
    def broadcast_zone(self) -> ZoneInfo:
        """The time zone its air time is in: its network's, else its country's (read with the
        network), else UTC."""
        if self.network is not None:
            return self.network.zone
        return ZoneInfo(TIME_ZONES.get(self.country.code or "", "UTC"))

    @property
    def aired_on(self) -> list[str]:
        return [self.Weekday(day).label for day in sorted(self.aired_weekdays)]

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slug_for(self.title)
        if self.year is None and self.aired_from is not None:
            self.year = self.aired_from.year
        self.search_key = search_key(self.title, self.native_title)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_key"}
        super().save(*args, **kwargs)


class AlternativeTitle(models.Model):
    title = models.ForeignKey(  # alternativetitle_unique_per_title
        Title, on_delete=models.CASCADE, related_name="alternative_titles", db_index=False
    )
    name = models.CharField(max_length=255)
    search_key = models.TextField(blank=True, editable=False)

    history = EditHistory(excluded_fields=["search_key"])  # derived from the name on each save

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "name"],
                name="alternativetitle_unique_per_title",
                violation_error_message="This title already has that alternative name.",
            )
        ]
        indexes = [
            # Search: substring match on alternative names.
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="alttitle_name_trgm"),
            GinIndex(OpClass("search_key", name="gin_trgm_ops"), name="alttitle_search_key_trgm"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)
