"""Synthetic list entries, reviews and helpful votes for the benchmark."""

from __future__ import annotations

from core.progress import Progress
from demo.datagen import Scale, chunked, execute, next_id, reset_sequences, scalar
from demo.reviews import SENTENCES
from reviews.models import ListEntry, Review, ReviewVote
from reviews.stats import helpfulness_recompute
from titles.models import Title

CHUNKS = 20

# A title's own "quality" (5.5 to 9.5) from its id, so titles differ but stay reproducible;
# each score is that quality plus a bell-shaped spread, on the 0.5 grid from 1 to 10.
SCORE_SQL = """
    CASE WHEN s.status = 'plan_to_watch' OR s.r_unscored < 0.3 THEN NULL ELSE
         greatest(1.0, least(10.0, round((5.5 + 4.0 * ((s.title_id * 2654435761) %% 1000) / 1000.0
             + (s.r1 + s.r2 + s.r3 - 1.5) * 2.0) * 2) / 2)) END
"""
STATUS_SQL = """
    CASE WHEN r_status < 0.55 THEN 'completed' WHEN r_status < 0.70 THEN 'watching'
         WHEN r_status < 0.90 THEN 'plan_to_watch' WHEN r_status < 0.95 THEN 'on_hold'
         ELSE 'dropped' END
"""


def _entries_sql(source: str) -> str:
    return f"""
        INSERT INTO reviews_listentry (created_at, updated_at, user_id, title_id, status,
            episodes_seen, score, started_on, finished_on)
        SELECT s.at, s.at, s.user_id, s.title_id, s.status,
               CASE WHEN s.status = 'completed' THEN 12 ELSE 1 END, {SCORE_SQL}, NULL, NULL
          FROM (SELECT raw.*, {STATUS_SQL} AS status FROM ({source}) raw) s
        ON CONFLICT DO NOTHING
    """


def generate_entries(scale: Scale, progress: Progress, *, users: int, titles: int,
                     hot_title: int) -> None:  # fmt: skip
    with progress.step("list entries") as update:
        # Popular titles get many more entries than the rest: power(random(), 2.2) crowds
        # the picks towards the start of the catalogue, as real popularity does.
        source = """
            SELECT %(users)s + u AS user_id,
                   %(titles)s + floor(%(n_titles)s * power(random(), 2.2))::int AS title_id,
                   random() AS r_status, random() AS r_unscored,
                   random() AS r1, random() AS r2, random() AS r3,
                   now() - random() * interval '3000 days' AS at
              FROM generate_series(%(lo)s, %(hi)s - 1) u, generate_series(1, %(per_user)s) k
        """
        chunked(update, _entries_sql(source), scale.users, CHUNKS, users=users, titles=titles,
                n_titles=scale.titles, per_user=scale.entries_per_user)  # fmt: skip
    with progress.step("the hot title's watchers") as update:
        step = max(scale.users // scale.hot_title_watchers, 1)
        source = """
            SELECT %(users)s + u AS user_id, %(hot)s AS title_id,
                   random() * 0.6 AS r_status, random() AS r_unscored,
                   random() AS r1, random() AS r2, random() AS r3,
                   now() - random() * interval '3000 days' AS at
              FROM generate_series(%(lo)s, %(hi)s - 1) u WHERE u %% %(step)s = 0
        """
        chunked(update, _entries_sql(source), scale.users, 4, users=users, hot=hot_title,
                step=step)  # fmt: skip
    with progress.step("a member with a long list"):
        # The first member keeps a list as long as the scale asks (the catalogue allows),
        # its titles spread evenly over the catalogue: the list page and the profile are
        # measured on it.
        source = """
            SELECT %(users)s AS user_id,
                   %(titles)s + (k::bigint * %(n_titles)s / %(n)s)::int AS title_id,
                   random() AS r_status, random() AS r_unscored,
                   random() AS r1, random() AS r2, random() AS r3,
                   now() - random() * interval '3000 days' AS at
              FROM generate_series(0, %(n)s - 1) k
        """
        n = min(scale.long_list_entries, scale.titles)
        execute(
            _entries_sql(source),
            {"users": users, "titles": titles, "n_titles": scale.titles, "n": n},
        )
    with progress.step("plans only, on titles not aired yet"):
        ListEntry.objects.filter(title__in=Title.objects.upcoming()).exclude(
            status=ListEntry.Status.PLAN_TO_WATCH
        ).update(status=ListEntry.Status.PLAN_TO_WATCH, score=None, episodes_seen=0)


REVIEW_SQL = """
    INSERT INTO reviews_review (created_at, updated_at, user_id, title_id, headline, body,
        is_spoiler, episodes_seen, overall, story, acting, music, rewatch, helpful_yes,
        helpful_total, helpful_lower_bound)
    SELECT e.created_at, e.created_at, e.user_id, e.title_id, '',
           (%(sentences)s)[1 + e.id %% %(n)s] || ' ' || (%(sentences)s)[1 + (e.id / 7) %% %(n)s]
               || ' ' || (%(sentences)s)[1 + (e.id / 49) %% %(n)s],
           e.id %% 13 = 0, e.episodes_seen, e.score,
           greatest(1.0, least(10.0, e.score + (e.id %% 3 - 1) * 0.5)),
           greatest(1.0, least(10.0, e.score + (e.id / 3 %% 3 - 1) * 0.5)),
           greatest(1.0, least(10.0, e.score + (e.id / 9 %% 3 - 1) * 0.5)),
           greatest(1.0, least(10.0, e.score - (e.id / 27 %% 3) * 0.5)),
           0, 0, 0.0
      FROM reviews_listentry e
"""


def generate_reviews(scale: Scale, progress: Progress, *, first_entry: int,
                     hot_title: int) -> None:  # fmt: skip
    """Reviews by users who scored the title, with their score as the Overall."""
    params = {"sentences": SENTENCES, "n": len(SENTENCES), "hot": hot_title}
    with progress.step("reviews") as update:
        last_entry = scalar("SELECT coalesce(max(id), 0) FROM reviews_listentry")
        scored = scalar(
            "SELECT count(*) FROM reviews_listentry WHERE id >= %(first)s AND score IS NOT NULL",
            {"first": first_entry},
        )
        # Keep about `reviews` of the scored entries, picked by a hash of their id.
        share = min(1.0, (scale.reviews - scale.hot_title_reviews) / max(scored, 1))
        chunked(
            update,
            REVIEW_SQL
            + """
             WHERE e.id >= %(first)s + %(lo)s AND e.id < %(first)s + %(hi)s
               AND e.score IS NOT NULL AND e.title_id <> %(hot)s
               AND (e.id * 2654435761) %% 1000003 < %(cut)s
            ON CONFLICT DO NOTHING
            """,
            last_entry - first_entry + 1,
            CHUNKS,
            first=first_entry,
            cut=int(share * 1000003),
            **params,
        )
        execute(
            REVIEW_SQL
            + """
             WHERE e.title_id = %(hot)s AND e.score IS NOT NULL AND e.id >= %(first)s
             ORDER BY e.id LIMIT %(limit)s
            ON CONFLICT DO NOTHING
            """,
            {**params, "first": first_entry, "limit": scale.hot_title_reviews},
        )


def generate_votes(scale: Scale, progress: Progress, *, first_review: int, users: int) -> None:
    with progress.step("helpful votes") as update:
        last_review = scalar("SELECT coalesce(max(id), 0) FROM reviews_review")
        chunked(
            update,
            """
            INSERT INTO reviews_reviewvote (created_at, updated_at, review_id, user_id, helpful)
            SELECT v.at, v.at, v.review_id, v.user_id, v.helpful
              FROM (SELECT r.created_at AS at, r.id AS review_id, r.user_id AS author,
                           %(users)s + (r.id * 7919 + j * 104729) %% %(n_users)s AS user_id,
                           (r.id + j) %% 4 <> 0 AS helpful
                      FROM reviews_review r,
                           generate_series(1, (r.id %% (2 * %(per)s + 1))::int) j
                     WHERE r.id >= %(first)s + %(lo)s AND r.id < %(first)s + %(hi)s) v
             WHERE v.user_id <> v.author
            ON CONFLICT DO NOTHING
            """,
            last_review - first_review + 1,
            CHUNKS,
            first=first_review,
            users=users,
            n_users=scale.users,
            per=scale.votes_per_review,
        )
    with progress.step("helpful counts"):
        helpfulness_recompute()
    reset_sequences(ListEntry, Review, ReviewVote)


def generate_opinions(scale: Scale, progress: Progress, *, users: int, titles: int,
                      hot_title: int) -> None:  # fmt: skip
    """List entries, then reviews of scored entries, then helpful votes on those reviews."""
    first_entry = next_id(ListEntry._meta.db_table)
    generate_entries(scale, progress, users=users, titles=titles, hot_title=hot_title)
    first_review = next_id(Review._meta.db_table)
    generate_reviews(scale, progress, first_entry=first_entry, hot_title=hot_title)
    generate_votes(scale, progress, first_review=first_review, users=users)
