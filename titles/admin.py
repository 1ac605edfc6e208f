from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django_countries.filters import CountryFilter

from core.history_admin import HistoryAdmin
from core.versions import CATALOGUE

from .models import (
    AlternativeTitle,
    Credit,
    Episode,
    Genre,
    Network,
    Person,
    RelatedTitle,
    Tag,
    Title,
)
from .services import create_episodes


class CatalogueAdmin(HistoryAdmin):
    """Titles, their names, credits, people, genres, tags, networks and related titles appear
    on almost every page, and editors change them rarely: a save moves the one site-wide
    version of the catalogue."""

    def pages_of(self, obj: object) -> list[str]:
        return [CATALOGUE]


class AlternativeTitleInline(admin.TabularInline):
    model = AlternativeTitle
    extra = 1


class TitleCreditInline(admin.TabularInline):
    model = Credit
    fk_name = "title"
    extra = 1
    autocomplete_fields = ["person"]
    fields = ["person", "kind", "character_name", "order"]
    ordering = ["kind", "order"]


class RelatedTitleInline(admin.TabularInline):
    model = RelatedTitle
    fk_name = "title"
    extra = 0
    autocomplete_fields = ["related"]
    verbose_name = "related title (shown on both titles)"
    verbose_name_plural = "related titles (shown on both titles)"


class EpisodeInline(admin.TabularInline):
    """Numbers, names and dates at a glance; synopses and stills on each episode's page."""

    model = Episode
    extra = 0
    fields = ["number", "name", "air_date", "runtime_minutes"]
    show_change_link = True


class TitleAdminForm(forms.ModelForm):
    """The weekdays as checkboxes; the admin supplies the model and the fields."""

    aired_weekdays = forms.TypedMultipleChoiceField(
        choices=Title.Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Aired on",
    )


class PersonCreditInline(admin.TabularInline):
    model = Credit
    fk_name = "person"
    extra = 0
    autocomplete_fields = ["title"]
    fields = ["title", "kind", "character_name", "order"]


@admin.register(Title)
class TitleAdmin(CatalogueAdmin):
    form = TitleAdminForm
    list_display = ["title", "native_title", "year", "kind", "country", "network", "episodes"]
    list_filter = ["kind", ("country", CountryFilter), "network", "genres"]
    search_fields = ["title", "native_title", "alternative_titles__name"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["genres", "tags"]
    list_select_related = ["network"]
    inlines = [AlternativeTitleInline, TitleCreditInline, RelatedTitleInline, EpisodeInline]
    actions = ["add_episodes"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "native_title", "kind", "synopsis", "poster"]}),
        (
            "Details",
            {
                "fields": [
                    "country",
                    "network",
                    "year",
                    "episodes",
                    "aired_from",
                    "aired_to",
                    "aired_weekdays",
                    "air_time",
                    "duration_minutes",
                    "content_rating",
                ]
            },
        ),
        ("Classification", {"fields": ["genres", "tags"]}),
    ]

    @admin.action(
        description="Create the missing episodes from the count, first air date and weekdays",
        permissions=["change"],
    )
    def add_episodes(self, request: HttpRequest, queryset: QuerySet[Title]) -> None:
        made = {title: create_episodes(title, by=request.user) for title in queryset}
        added = sum(made.values())
        uncounted = [title.title for title in made if not title.episodes]
        self.message_user(request, f"Added {added} episode{'s' if added != 1 else ''}.")
        if uncounted:
            self.message_user(
                request,
                "Give these titles a number of episodes first: " + ", ".join(uncounted) + ".",
                messages.WARNING,
            )


@admin.register(Person)
class PersonAdmin(CatalogueAdmin):
    list_display = ["name", "native_name", "birthday"]
    search_fields = ["name", "native_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonCreditInline]


@admin.register(Genre, Tag)
class NameSlugAdmin(CatalogueAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Network)
class NetworkAdmin(CatalogueAdmin):
    list_display = ["name", "country", "time_zone"]
    list_filter = [("country", CountryFilter)]
    search_fields = ["name"]


# Names, credits and links are edited inline on their title; these pages are where each one's
# own history is read and a change of it reverted.


@admin.register(AlternativeTitle)
class AlternativeTitleAdmin(CatalogueAdmin):
    list_display = ["name", "title"]
    search_fields = ["name"]
    autocomplete_fields = ["title"]
    list_select_related = ["title"]


@admin.register(Credit)
class CreditAdmin(CatalogueAdmin):
    list_display = ["person", "character_name", "kind", "title"]
    list_filter = ["kind"]
    search_fields = ["person__name", "character_name", "title__title"]
    autocomplete_fields = ["title", "person"]
    list_select_related = ["title", "person"]


@admin.register(Episode)
class EpisodeAdmin(CatalogueAdmin):
    list_display = ["title", "number", "name", "air_date"]
    search_fields = ["title__title", "name"]
    autocomplete_fields = ["title"]
    list_select_related = ["title"]
    ordering = ["title", "number"]


@admin.register(RelatedTitle)
class RelatedTitleAdmin(CatalogueAdmin):
    list_display = ["title", "kind", "related"]
    list_filter = ["kind"]
    search_fields = ["title__title", "related__title"]
    autocomplete_fields = ["title", "related"]
    list_select_related = ["title", "related"]
