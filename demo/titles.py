"""Demo catalogue: "1 Litre of Tears" with its facts, and a handful of other titles.

Facts come from the reference page; every sentence of text here is the project's own.
Each function is idempotent: running it twice changes nothing.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone

from titles.models import AlternativeTitle, Credit, Genre, Network, Person, RelatedTitle, Tag, Title
from titles.services import air_dates

SEED_TITLE = "1 Litre of Tears"

SEED_SYNOPSIS = (
    "Ikeuchi Aya is fifteen, the eldest daughter of a family that runs a small tofu shop, "
    "and she has just won a place at the high school she worked hard to get into. Then small "
    "things start to go wrong: she trips on level ground, falls without knowing why, and her "
    "walk becomes unsteady. Her mother Shioka, worried, takes her to a doctor. After weeks of "
    "tests the answer comes: spinocerebellar degeneration, an illness that slowly takes away "
    "control of the body while leaving the mind clear.\n\n"
    "As her world narrows, Aya keeps a diary. Her parents, her younger sister Ako, her "
    "classmates and a guarded boy named Asou Haruto learn alongside her what it means to go "
    "on living fully, one day at a time."
)

SEED_CREDITS = [
    # (person, native name, kind, character, order)
    ("Sawajiri Erika", "沢尻エリカ", Credit.Kind.MAIN, "Ikeuchi Aya", 1),
    ("Nishikido Ryo", "錦戸亮", Credit.Kind.MAIN, "Asou Haruto", 2),
    ("Yakushimaru Hiroko", "薬師丸ひろ子", Credit.Kind.MAIN, "Ikeuchi Shioka", 3),
    ("Jinnai Takanori", "陣内孝則", Credit.Kind.MAIN, "Ikeuchi Mizuo", 4),
    ("Narumi Riko", "成海璃子", Credit.Kind.SUPPORT, "Ikeuchi Ako", 1),
    ("Fujiki Naohito", "藤木直人", Credit.Kind.SUPPORT, "Mizuno Hiroshi", 2),
    ("Sanada Yuma", "真田佑馬", Credit.Kind.SUPPORT, "Ikeuchi Hiroki", 3),
    ("Miyoshi Ai", "", Credit.Kind.SUPPORT, "Ikeuchi Rika", 4),
    ("Matsuyama Kenichi", "松山ケンイチ", Credit.Kind.SUPPORT, "Kawamoto Yuji", 5),
    ("Koide Saori", "小出早織", Credit.Kind.SUPPORT, "Sugiura Mari", 6),
    ("Sato Yuki", "", Credit.Kind.SUPPORT, "Asou Keisuke", 7),
    ("Katsuno Hiroshi", "勝野洋", Credit.Kind.SUPPORT, "Asou Yoshifumi", 8),
    ("Kito Aya", "木藤亜也", Credit.Kind.ORIGINAL_WORK, "", 1),
    ("Murakami Masanori", "村上正典", Credit.Kind.DIRECTOR, "", 1),
    ("Ishii Yusuke", "石井祐介", Credit.Kind.DIRECTOR, "", 2),
    ("Egashira Michiru", "江頭美智留", Credit.Kind.SCREENWRITER, "", 1),
    ("Yokota Rie", "横田理恵", Credit.Kind.SCREENWRITER, "", 2),
]

PEOPLE_FACTS = {
    "Sawajiri Erika": {
        "birthday": date(1986, 4, 8),
        "biography": "Actress from Tokyo whose breakthrough came with the lead role of a girl "
        "living with a degenerative illness.",
    },
    "Nishikido Ryo": {
        "birthday": date(1984, 11, 3),
        "biography": "Singer and actor from Osaka, known for both music and television work.",
    },
}

# Other titles: (title, native, year, kind, country, network, episodes, genres, synopsis)
OTHER_TITLES = [
    (
        "Pure Soul",
        "Pure Soul ～君が僕を忘れても～",
        2001,
        Title.Kind.DRAMA,
        "JP",
        "Yomiuri TV",
        None,
        ["Drama", "Romance", "Medical"],
        "A young office worker and the carpenter she marries build a happy life together, "
        "until she is found to have early-onset Alzheimer's disease and begins to lose her "
        "memories of him. He decides to stay beside her through every day she forgets.",
    ),
    (
        "Taiyou no Uta",
        "タイヨウのうた",
        2006,
        Title.Kind.DRAMA,
        "JP",
        "TBS",
        None,
        ["Drama", "Romance", "Medical", "Music"],
        "A girl who must avoid all sunlight because of a rare inherited illness sings on the "
        "street at night. When she falls for a boy she has watched from her window, she has "
        "to decide how much of her shrinking world she is willing to risk for him.",
    ),
    (
        "Hana Yori Dango",
        "花より男子",
        2005,
        Title.Kind.DRAMA,
        "JP",
        "TBS",
        9,
        ["Comedy", "Romance", "Youth"],
        "The daughter of an ordinary family at an elite school stands up to the four rich "
        "boys who rule it, and finds that the loudest of them will not leave her alone.",
    ),
    (
        "Nodame Cantabile",
        "のだめカンタービレ",
        2006,
        Title.Kind.DRAMA,
        "JP",
        "Fuji TV",
        11,
        ["Comedy", "Music", "Romance"],
        "A perfectionist piano student who dreams of conducting in Europe keeps crossing "
        "paths with a messy, gifted classmate who plays by ear and lives in chaos next door.",
    ),
    (
        "Crash Landing on You",
        "사랑의 불시착",
        2019,
        Title.Kind.DRAMA,
        "KR",
        "tvN",
        16,
        ["Comedy", "Romance"],
        "A paragliding accident carries a South Korean heiress across the border, where an "
        "officer of the North hides her while they look for a way to send her home.",
    ),
    (
        "Reply 1988",
        "응답하라 1988",
        2015,
        Title.Kind.DRAMA,
        "KR",
        "tvN",
        20,
        ["Comedy", "Family", "Youth"],
        "Five families share one alley in Seoul in the late eighties; their teenagers grow "
        "up together through exams, first loves and the small crises of everyday life.",
    ),
    (
        "Guardian: The Lonely and Great God",
        "쓸쓸하고 찬란하神 - 도깨비",
        2016,
        Title.Kind.DRAMA,
        "KR",
        "tvN",
        16,
        ["Fantasy", "Romance"],
        "An immortal goblin who has lived for centuries waits for the bride who alone can "
        "end his life, and shares a house with a grim reaper who has lost his memories.",
    ),
    (
        "The Full-Time Wife Escapist",
        "逃げるは恥だが役に立つ",
        2016,
        Title.Kind.DRAMA,
        "JP",
        "TBS",
        11,
        ["Comedy", "Romance"],
        "An out-of-work graduate takes a job as housekeeper to a reserved engineer, and the "
        "two agree to a marriage on paper that turns out to be harder to keep businesslike "
        "than either expected.",
    ),
    (
        "Your Name.",
        "君の名は。",
        2016,
        Title.Kind.MOVIE,
        "JP",
        None,
        None,
        ["Animation", "Fantasy", "Romance"],
        "A girl in a mountain town and a boy in Tokyo wake up in each other's bodies, and "
        "start leaving notes to make sense of lives they share without ever having met.",
    ),
]


def _genres(names: list[str]) -> list[Genre]:
    return [
        Genre.objects.get_or_create(slug=name.lower(), defaults={"name": name})[0] for name in names
    ]


def _network(name: str | None, country: str) -> Network | None:
    if name is None:
        return None
    return Network.objects.get_or_create(name=name, defaults={"country": country})[0]


@transaction.atomic
def load_seed_title() -> Title:
    title, _ = Title.objects.update_or_create(
        title=SEED_TITLE,
        year=2005,
        defaults={
            "slug": "1-litre-of-tears",
            "native_title": "1 リットルの涙",
            "kind": Title.Kind.DRAMA,
            "country": "JP",
            "episodes": 11,
            "aired_from": date(2005, 10, 15),
            "aired_to": date(2005, 12, 20),
            "network": _network("Fuji TV", "JP"),
            "duration_minutes": 45,
            "synopsis": SEED_SYNOPSIS,
            "content_rating": Title.ContentRating.TEENS_13,
            "aired_weekdays": [Title.Weekday.TUESDAY],
            "air_time": time(21, 0),
        },
    )
    title.genres.add(*_genres(["Drama", "Medical", "Youth", "Romance"]))
    tags = [
        Tag.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in [
            ("based-on-a-true-story", "Based on a true story"),
            ("chronic-illness", "Chronic illness"),
            ("diary", "Diary"),
        ]
    ]
    title.tags.add(*tags)
    for name in [
        "Ichi Rittoru no Namida",
        "One Litre of Tears",
        "A Diary with Tears",
        "1 Litre no Namida",
    ]:
        AlternativeTitle.objects.get_or_create(title=title, name=name)
    for name, native, kind, character, order in SEED_CREDITS:
        person, _ = Person.objects.get_or_create(
            name=name, defaults={"native_name": native, **PEOPLE_FACTS.get(name, {})}
        )
        Credit.objects.get_or_create(
            title=title,
            person=person,
            kind=kind,
            character_name=character,
            defaults={"order": order},
        )
    return title


@transaction.atomic
def load_other_titles() -> list[Title]:
    titles = []
    for name, native, year, kind, country, network, episodes, genres, synopsis in OTHER_TITLES:
        title, _ = Title.objects.update_or_create(
            title=name,
            year=year,
            defaults={
                "native_title": native,
                "kind": kind,
                "country": country,
                "network": _network(network, country),
                "episodes": episodes,
                "synopsis": synopsis,
            },
        )
        title.genres.add(*_genres(genres))
        titles.append(title)
    return titles


def illness_dramas() -> list[Title]:
    """The two dramas about a degenerative illness that the seed title is paired with."""
    return list(Title.objects.filter(title__in=["Pure Soul", "Taiyou no Uta"]).order_by("year"))


SPECIAL_SYNOPSIS = (
    "Two years on, the family and friends of the first series gather the memories they kept: "
    "a feature-length special told through Haruto's eyes, returning to the places and the "
    "diary pages that mattered."
)
# Titles on the air now and soon, dated from the day the demo is loaded so that "Airing now"
# and "Upcoming" always have something to show: (title, native, country, network, genres,
# days from today to the first episode, episodes, weekdays, synopsis).
ON_AIR = [
    ("Harbor Lights Diary", "港の灯り日記", "JP", "Fuji TV", ["Drama", "Romance"], -24, 10,
     [Title.Weekday.THURSDAY], "A ferry mechanic keeps a diary of the passengers he carries "
     "across a small bay, until one of them starts writing back in its margins."),
    ("Second Bloom Kitchen", "두 번째 꽃 부엌", "KR", "tvN", ["Comedy", "Drama"], -10,
     16, [Title.Weekday.SATURDAY, Title.Weekday.SUNDAY], "Three retired cooks reopen the "
     "neighbourhood canteen they ran forty years ago and clash with its young new owner."),
    ("Paper Moon Station", "纸月车站", "CN", None, ["Drama", "Youth"], 30, 24,
     [Title.Weekday.MONDAY, Title.Weekday.TUESDAY], "At a small railway station on the "
     "last line before the mountains, a new stationmaster learns the stories of its regulars."),
    ("The Quiet Orchard", "조용한 과수원", "KR", "JTBC", ["Drama", "Family"], 60, 12,
     [Title.Weekday.WEDNESDAY], "A family of orchard farmers faces a winter that could end "
     "three generations of harvests."),
]  # fmt: skip


# When each of them airs, in its network's (or country's) time zone.
AIR_TIMES = {
    "Harbor Lights Diary": time(22, 0),
    "Second Bloom Kitchen": time(21, 10),
    "Paper Moon Station": time(19, 30),
    "The Quiet Orchard": time(22, 30),
}


@transaction.atomic
def load_discovery_titles() -> list[Title]:
    """The seed title's special, and titles airing now and soon."""
    seed = load_seed_title()
    special, _ = Title.objects.update_or_create(
        title="1 Litre of Tears Special",
        year=2007,
        defaults={
            "native_title": "1リットルの涙 特別編 追憶",
            "kind": Title.Kind.SPECIAL,
            "country": "JP",
            "network": _network("Fuji TV", "JP"),
            "episodes": 1,
            "aired_from": date(2007, 4, 5),
            "aired_to": date(2007, 4, 5),
            "synopsis": SPECIAL_SYNOPSIS,
        },
    )
    special.genres.add(*_genres(["Drama", "Medical"]))
    RelatedTitle.objects.get_or_create(
        title=seed, related=special, defaults={"kind": RelatedTitle.Kind.SPECIAL}
    )
    titles = [special]
    today = timezone.localdate()
    for name, native, country, network, genres, start, episodes, days, synopsis in ON_AIR:
        first = today + timedelta(days=start)
        title, _ = Title.objects.update_or_create(
            title=name,
            defaults={
                "native_title": native,
                "kind": Title.Kind.DRAMA,
                "country": country,
                "network": _network(network, country),
                "episodes": episodes,
                "year": first.year,
                "aired_from": first,
                "aired_to": list(air_dates(first, days, episodes))[-1],
                "aired_weekdays": days,
                "air_time": AIR_TIMES[name],
                "synopsis": synopsis,
            },
        )
        title.genres.add(*_genres(genres))
        titles.append(title)
    return titles


# The demo's films: running time, and director with the name in their own script.
FILM_FACTS = {
    "Your Name.": (106, "Shinkai Makoto", "新海誠"),
    "A Moment to Remember": (117, "Lee Jae-han", "이재한"),
    "Let Me Eat Your Pancreas": (115, "Tsukikawa Sho", "月川翔"),
}


@transaction.atomic
def load_film_facts() -> None:
    """Each demo film's running time and director (the films come from several steps)."""
    for film in Title.objects.filter(kind=Title.Kind.MOVIE, title__in=FILM_FACTS):
        minutes, director, native = FILM_FACTS[film.title]
        if film.duration_minutes != minutes:
            film.duration_minutes = minutes
            film.save(update_fields=["duration_minutes"])
        person, _ = Person.objects.get_or_create(name=director, defaults={"native_name": native})
        Credit.objects.get_or_create(
            title=film, person=person, kind=Credit.Kind.DIRECTOR, defaults={"order": 1}
        )
