"""Synthetic catalogue for the benchmark: networks, titles, alternative names, people, credits."""

from __future__ import annotations

from django.utils import timezone

from core.progress import Progress
from demo.datagen import Scale, chunked, execute, next_id, reset_sequences
from titles.models import (
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

ADJECTIVES = [
    "Silent", "Golden", "Endless", "Hidden", "Last", "First", "Broken", "Bright", "Winter",
    "Summer", "Lonely", "Secret", "Little", "Crimson", "Gentle", "Wild", "Distant", "Burning",
    "Quiet", "Second", "Falling", "Midnight", "Paper", "Glass", "Shining",
]  # fmt: skip
NOUNS = [
    "Garden", "Promise", "River", "Letter", "Station", "Melody", "Harbor", "Kingdom", "Season",
    "Doctor", "Diary", "Bridge", "Lantern", "Detective", "Family", "Island", "Campus", "Palace",
    "Storm", "Kitchen", "Mirror", "Journey", "Heart", "Sky", "Village", "Contract", "Memory",
]  # fmt: skip
FAMILY_NAMES = [
    "Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kim",
    "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Wang", "Li", "Zhang", "Liu", "Chen",
    "Lin", "Huang", "Wu", "Srisai", "Chaiyaporn",
]  # fmt: skip
GIVEN_NAMES = [
    "Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi", "Minjun", "Seoyeon", "Jiho", "Hayoon",
    "Wei", "Mei", "Jun", "Ling", "Kanya", "Niran", "Riku", "Sakura", "Daichi", "Mio",
    "Hyunwoo", "Jiwon", "Yuto", "Emi", "Tae", "Sun", "Hao", "Yan", "Akira", "Nana",
]  # fmt: skip
COUNTRIES = ["JP", "KR", "CN", "TW", "TH"]
NETWORKS = 20
TAGS = 40
CHUNKS = 10


def generate_catalogue(scale: Scale, progress: Progress) -> dict[str, int]:
    """Make the catalogue and return the first generated id of titles and people."""
    first = {"network": next_id("titles_network"), "title": next_id("titles_title"),
             "person": next_id("titles_person")}  # fmt: skip
    with progress.step("networks and titles") as update:
        execute(
            """
            INSERT INTO titles_network (id, name, country)
            SELECT %(base)s + g, 'Network ' || (%(base)s + g), (%(countries)s)[1 + g %% 5]
              FROM generate_series(0, %(n)s - 1) g
            """,
            {"base": first["network"], "n": NETWORKS, "countries": COUNTRIES},
        )
        chunked(
            update,
            """
            INSERT INTO titles_title (id, created_at, updated_at, title, slug, native_title, year,
                kind, country, episodes, aired_from, aired_to, network_id, duration_minutes,
                synopsis, poster, content_rating, aired_weekdays, search_key)
            SELECT %(base)s + g, now(), now(), t.name, lower(replace(t.name, ' ', '-')),
                   '作品 ' || g, 1990 + g %% %(years)s,
                   (ARRAY['drama', 'drama', 'drama', 'movie', 'tv_show', 'special'])[1 + g %% 6],
                   (%(countries)s)[1 + g %% 5], 6 + g %% 19,
                   make_date(1990 + g %% %(years)s, 1 + g %% 12, 1 + g %% 28),
                   make_date(1990 + g %% %(years)s, 1 + g %% 12, 1 + g %% 28) + (g %% 120),
                   %(network)s + g %% %(networks)s, 30 + g %% 60,
                   'A generated story number ' || g || ' about ' || lower(t.name) ||
                   ', kept short so that every page shows the same shape of data.', '',
                   (ARRAY['', 'g', '13', '15', '18'])[1 + g %% 5], ARRAY[g %% 7]::smallint[],
                   lower(t.name) || ' | 作品 ' || g || ' | zuo pin ' || g
              FROM generate_series(%(lo)s, %(hi)s - 1) g,
                   LATERAL (SELECT (%(adjectives)s)[1 + g %% 25] || ' ' ||
                                   (%(nouns)s)[1 + (g / 25) %% 27] || ' ' || g AS name) t
            """,
            scale.titles,
            CHUNKS,
            base=first["title"],
            countries=COUNTRIES,
            network=first["network"],
            networks=NETWORKS,
            adjectives=ADJECTIVES,
            nouns=NOUNS,
            # Up to last year: what airs now is the few titles of the next step, whatever the
            # catalogue's size, so the schedule shows as much on every scale.
            years=timezone.localdate().year - 1990,
        )
    with progress.step("titles airing now"):
        # Spread over the catalogue, each began on a day of the last three weeks and airs
        # weekly on its weekday, with its end not yet announced.
        execute(
            """
            UPDATE titles_title t
               SET year = extract(year FROM current_date)::int, aired_to = NULL,
                   aired_from = current_date - (k %% 21)
              FROM generate_series(0, %(n)s - 1) k
             WHERE t.id = %(base)s + (k::bigint * %(titles)s / %(n)s)::int
            """,
            {"base": first["title"], "titles": scale.titles,
             "n": min(scale.airing_titles, scale.titles)},
        )  # fmt: skip
    with progress.step("episodes") as update:
        # As titles.services.air_dates makes them: the first on the first air date, then
        # weekly on the title's weekday.
        chunked(
            update,
            """
            INSERT INTO titles_episode (title_id, number, name, air_date, runtime_minutes,
                synopsis, still)
            SELECT t.id, n, '',
                   CASE WHEN n = 1 THEN t.aired_from
                        ELSE t.aired_from + ((t.aired_weekdays[1] - extract(isodow FROM
                             t.aired_from)::int + 7) %% 7) + 1 + 7 * (n - 2) END,
                   t.duration_minutes, '', ''
              FROM titles_title t, generate_series(1, t.episodes) n
             WHERE t.id >= %(base)s + %(lo)s AND t.id < %(base)s + %(hi)s
            """,
            scale.titles,
            CHUNKS,
            base=first["title"],
        )
    with progress.step("genres and alternative titles") as update:
        execute(
            """
            INSERT INTO titles_title_genres (title_id, genre_id)
            SELECT t.id, g.id FROM titles_title t
              JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM titles_genre) g
                ON g.k IN (t.id %% 7, (t.id / 7) %% 7)
             WHERE t.id >= %(base)s
            ON CONFLICT DO NOTHING
            """,
            {"base": first["title"]},
        )
        # Tags: a fixed set, two a title; related titles: every 50th title has a sequel.
        execute(
            """
            INSERT INTO titles_tag (name, slug)
            SELECT 'Theme ' || g, 'theme-' || g FROM generate_series(1, %(n)s) g
            ON CONFLICT DO NOTHING
            """,
            {"n": TAGS},
        )
        execute(
            """
            INSERT INTO titles_title_tags (title_id, tag_id)
            SELECT t.id, tag.id FROM titles_title t
              JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM titles_tag
                     WHERE slug LIKE 'theme-%%') tag
                ON tag.k IN (t.id %% %(n)s, (t.id / %(n)s) %% %(n)s)
             WHERE t.id >= %(base)s
            ON CONFLICT DO NOTHING
            """,
            {"base": first["title"], "n": TAGS},
        )
        execute(
            """
            INSERT INTO titles_relatedtitle (title_id, related_id, kind)
            SELECT t.id, t.id + 1, 'sequel' FROM titles_title t
             WHERE t.id >= %(base)s AND t.id %% 50 = 0
               AND EXISTS (SELECT 1 FROM titles_title n WHERE n.id = t.id + 1)
            ON CONFLICT DO NOTHING
            """,
            {"base": first["title"]},
        )
        chunked(
            update,
            """
            INSERT INTO titles_alternativetitle (title_id, name, search_key)
            SELECT %(base)s + g, 'Also known as ' || g, 'also known as ' || g
              FROM generate_series(%(lo)s, %(hi)s - 1) g
            """,
            scale.titles,
            CHUNKS,
            base=first["title"],
        )
    with progress.step("people and credits") as update:
        execute(
            """
            INSERT INTO titles_person (id, created_at, updated_at, name, slug, native_name, photo,
                birthday, biography, search_key)
            SELECT %(base)s + g, now(), now(), p.name, lower(replace(p.name, ' ', '-')), '', '',
                   make_date(1950 + g %% 50, 1 + g %% 12, 1 + g %% 28), '',
                   lower(p.name) || ' | ' || lower(p.given || ' ' || p.family || ' ' || g)
              FROM generate_series(0, %(n)s - 1) g,
                   LATERAL (SELECT (%(family)s)[1 + g %% 26] AS family,
                                   (%(given)s)[1 + (g / 26) %% 30] AS given) n,
                   LATERAL (SELECT n.family || ' ' || n.given || ' ' || g AS name,
                                   n.family, n.given) p
            """,
            {
                "base": first["person"],
                "n": scale.people,
                "family": FAMILY_NAMES,
                "given": GIVEN_NAMES,
            },
        )
        chunked(
            update,
            """
            INSERT INTO titles_credit (title_id, person_id, kind, character_name, "order")
            SELECT %(title)s + g, %(person)s + (g * 7919 + j * 104729) %% %(people)s,
                   CASE WHEN j < 3 THEN 'main' WHEN j < 7 THEN 'support' WHEN j < 8 THEN 'guest'
                        WHEN j %% 2 = 0 THEN 'director' ELSE 'screenwriter' END,
                   CASE WHEN j < 8 THEN 'Character ' || j ELSE '' END, j
              FROM generate_series(%(lo)s, %(hi)s - 1) g, generate_series(0, %(per)s - 1) j
            ON CONFLICT DO NOTHING
            """,
            scale.titles,
            CHUNKS,
            title=first["title"],
            person=first["person"],
            people=scale.people,
            per=scale.credits_per_title,
        )
    reset_sequences(
        Network, Title, AlternativeTitle, Person, Credit, Genre, Tag, RelatedTitle, Episode
    )
    return first
