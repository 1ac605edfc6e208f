"""The demo's episode guides: the seed title's eleven episodes with names and stories, and the
episodes of the titles on the air now and soon, dated from the day the demo is loaded."""

from __future__ import annotations

from django.db import transaction

from titles.models import Episode, Title
from titles.services import air_dates, create_episodes

from . import titles

SEED_EPISODES = [
    ("A new uniform",
     "Aya starts at the high school she worked so hard to get into, and trips on the way home "
     "for no reason she can name."),
    ("Falling in the rain",
     "The stumbles come more often. Her mother quietly books a visit to a hospital in the "
     "next town."),
    ("The name of it",
     "Dr. Mizuno explains the illness to her parents, who decide how much to tell their "
     "daughter and when."),
    ("Asking why",
     "Aya learns what is happening to her body and starts the diary that gives the story its "
     "voice."),
    ("The basketball court",
     "She refuses to leave the team. Haruto notices what the others pretend not to see."),
    ("Telling the class",
     "A school trip forces the question of what her classmates should know, and who should "
     "say it."),
    ("Handrails",
     "Stairs, corridors and the walk to the station each need a plan. Ako struggles with "
     "being the healthy sister."),
    ("A different school",
     "The family weighs a school for disabled students against everything Aya wanted to "
     "keep."),
    ("Letters back",
     "At her new school Aya finds that her words can help strangers, and answers the letters "
     "that arrive."),
    ("The same sky",
     "Her speech and her hands begin to fail. Haruto decides what he wants to study, and why."),
    ("One litre",
     "Years pass in a few scenes, and the diary's last pages are read by the people she "
     "wrote them for."),
]  # fmt: skip


@transaction.atomic
def load_episodes() -> None:
    seed = titles.load_seed_title()
    _dated(seed)
    for number, (name, synopsis) in enumerate(SEED_EPISODES, start=1):
        Episode.objects.filter(title=seed, number=number).update(name=name, synopsis=synopsis)
    for title in Title.objects.filter(title__in=[row[0] for row in titles.ON_AIR]):
        _dated(title)


def _dated(title: Title) -> None:
    """The title's episodes, dated from its first air date and weekdays as they stand now (an
    airing title's dates move with the day the demo is loaded)."""
    assert title.aired_from and title.episodes
    create_episodes(title)
    dates = list(air_dates(title.aired_from, title.aired_weekdays, title.episodes))
    episodes = list(Episode.objects.filter(title=title, number__lte=title.episodes))
    for episode in episodes:
        episode.air_date = dates[episode.number - 1]
    Episode.objects.bulk_update(episodes, ["air_date"])
