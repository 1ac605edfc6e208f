"""Synthetic comment threads for the benchmark, and one very deep thread on the hot title.

Threads are made in blocks of five comments of a fixed shape (a root, a reply, a reply to
that reply, a second reply to the root and a fourth level under the first branch), so the
tree columns (`root`, `depth`, `path`, `reply_count`) can be written directly in SQL.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from comments.models import PATH_DEPTH, PATH_SEGMENT, Comment, CommentCount
from core.progress import Progress
from demo.datagen import Scale, chunked, execute, next_id, reset_sequences
from titles.models import Title

DEEP_THREAD = 500
LINES = [
    "Just finished the last episode and I need a minute.",
    "Does anyone know where the bridge scene was filmed?",
    "The soundtrack is on repeat at my place this week.",
    "I liked the first half more than the second, honestly.",
    "Watching this with my sister, we both cried at episode six.",
    "Is it worth continuing after episode three? It feels slow.",
    "Yes, keep going: the middle episodes pay off later.",
    "The supporting cast deserves more credit than it gets.",
    "Rewatching it years later, it hits even harder.",
    "That ending was not what I expected at all.",
    "Someone please recommend something lighter after this.",
    "The lead's performance in the hospital scenes is incredible.",
]
SEG = f"lpad(%s::text, {PATH_SEGMENT}, '0')"

# The five comments of a block: (offset, depth, parent offset or None, path offsets).
BLOCK = [(0, 0, None, [0]), (1, 1, 0, [0, 1]), (2, 2, 1, [0, 1, 2]), (3, 1, 0, [0, 3]),
         (4, 3, 2, [0, 1, 2, 4])]  # fmt: skip


def _block_sql() -> str:
    rows = []
    for offset, depth, parent, path in BLOCK:
        ident = f"b.first + {offset}"
        path_sql = " || ".join(SEG % f"(b.first + {p})" for p in path)
        rows.append(
            f"SELECT {ident} AS id, b.target, b.author + {offset} AS author, "
            f"{'NULL' if parent is None else f'b.first + {parent}'} AS parent, "
            f"{'NULL' if parent is None else 'b.first'} AS root, {depth} AS depth, "
            f"{path_sql} AS path, {4 if offset == 0 else 0} AS replies, "
            f"b.at + {offset} * interval '3 hours' AS at FROM blocks b"
        )
    return f"""
        WITH blocks AS (
            SELECT %(base)s + g * 5 AS first, %(target)s AS target,
                   %(users)s + (g::bigint * 7919) %% (%(n_users)s - 5) AS author,
                   now() - random() * interval '2500 days' AS at
              FROM generate_series(%(lo)s, %(hi)s - 1) g
        )
        INSERT INTO comments_comment (id, content_type_id, object_id, author_id, body,
            is_spoiler, parent_id, root_id, depth, path, reply_count, state, created_at)
        SELECT c.id, %(content_type)s, c.target, c.author,
               (%(lines)s)[1 + c.id %% %(n_lines)s], c.id %% 17 = 0, c.parent, c.root, c.depth,
               c.path, c.replies, 'visible', c.at
          FROM ({" UNION ALL ".join(rows)}) c
    """


def generate_comments(scale: Scale, progress: Progress, *, users: int, titles: int,
                      hot_title: int) -> None:  # fmt: skip
    content_type = ContentType.objects.get_for_model(Title).pk
    common = {"content_type": content_type, "users": users, "n_users": scale.users,
              "lines": LINES, "n_lines": len(LINES)}  # fmt: skip
    spread = "%(titles)s + floor(%(n_titles)s * power(random(), 2.2))::int"
    with progress.step("comment threads") as update:
        general = (scale.comments - scale.hot_title_comments) // 5
        base = next_id("comments_comment")
        chunked(update, _block_sql().replace("%(target)s", spread), general, 20, base=base,
                titles=titles, n_titles=scale.titles, **common)  # fmt: skip
    with progress.step("the hot title's threads") as update:
        base = next_id("comments_comment")
        hot_blocks = (scale.hot_title_comments - DEEP_THREAD) // 5
        chunked(update, _block_sql(), hot_blocks, 4, base=base, target=hot_title, **common)
        _deep_thread(hot_title, common)
    with progress.step("comment counts"):
        recount(content_type)
    reset_sequences(Comment, CommentCount)


def _deep_thread(hot_title: int, common: dict) -> None:
    """One thread hundreds of replies deep: each reply answers the one before it."""
    execute(
        f"""
        INSERT INTO comments_comment (id, content_type_id, object_id, author_id, body,
            is_spoiler, parent_id, root_id, depth, path, reply_count, state, created_at)
        SELECT %(base)s + i, %(content_type)s, %(hot)s, %(users)s + i %% 50,
               (%(lines)s)[1 + i %% %(n_lines)s], false,
               CASE WHEN i = 0 THEN NULL ELSE %(base)s + i - 1 END,
               CASE WHEN i = 0 THEN NULL ELSE %(base)s END, i,
               (SELECT string_agg({SEG % "(%(base)s + j)"}, '' ORDER BY j)
                  FROM generate_series(0, least(i, %(cut)s)) j)
                 || CASE WHEN i > %(cut)s THEN {SEG % "(%(base)s + i)"} ELSE '' END,
               CASE WHEN i = 0 THEN %(deep)s - 1 ELSE 0 END, 'visible',
               now() - interval '20 days' + i * interval '1 minute'
          FROM generate_series(0, %(deep)s - 1) i
        """,
        {
            **common,
            "base": next_id("comments_comment"),
            "hot": hot_title,
            "deep": DEEP_THREAD,
            "cut": PATH_DEPTH,
        },
    )


def recount(content_type: int) -> None:
    """Set every title's stored comment count from its visible comments."""
    execute(
        """
        INSERT INTO comments_commentcount (content_type_id, object_id, count)
        SELECT content_type_id, object_id, count(*) FROM comments_comment
         WHERE content_type_id = %(ct)s AND state = 'visible'
         GROUP BY content_type_id, object_id
        ON CONFLICT (content_type_id, object_id) DO UPDATE SET count = EXCLUDED.count
        """,
        {"ct": content_type},
    )
