"""A page of threads on a target's own page (a title's comments), newest first, each with its
first replies, read in two steps.

First the page itself: its threads, each with a digest of every field its markup shows of its
root and of the replies read under it, made by PostgreSQL (one query; no comment becomes a
model instance). A page made of stored parts (core/part_cache.py) keeps each thread's markup
under that digest, so only the threads it does not hold are read whole, when first shown: their
roots and first replies with their authors, in one statement for all of them, which reads each
thread's digest again. After a new comment the page reads one thread's rows, not the page's.

A thread written to between the two reads is shown as read the second time but not stored
(`Thread.moved`): its markup is not what the first digest names, and a digest can come back
(a like taken back), so storing it would keep the wrong markup under a right key.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.db.models.expressions import RawSQL

from core.models import column
from core.pagination import CountlessPage, parse_page_number

from .models import Comment
from .nesting import arrange, indent_cap

# Every field `_comment.html` shows of a comment: a thread's digest is made of these, for its
# root and for each reply read under it. Its author's name and avatar are not here: a page
# that stores threads moves with the MEMBERS version, which covers them.
SHOWN = ("id", "parent", "author", "object_id", "depth", "state", "hidden_reason",
         "is_spoiler", "episode", "like_count", "reply_count", "created_at", "edited_at",
         "body")  # fmt: skip


class Thread:
    """One thread of a page: its `identity` read with the page, its rows when first shown."""

    def __init__(self, rows: _Rows, root_id: int, digest: str) -> None:
        self._rows = rows
        self.root_id = root_id
        self.digest = digest
        # What else decides its markup: hidden comments shown or not, how many replies show
        # and where the indent stops.
        self.identity = f"{digest} {rows.include_hidden} {rows.replies_per_thread} {indent_cap()}"

    @property
    def root(self) -> Comment:
        return self._rows.root(self.root_id)

    @property
    def moved(self) -> bool:
        """Written to since the page was read: its rows are not what `identity` names."""
        return self._rows.digests.get(self.root_id, self.digest) != self.digest

    @property
    def replies(self) -> list[Comment]:
        return self.root.shown_replies

    @property
    def reply_count(self) -> int:
        return self.root.reply_count

    @property
    def has_more(self) -> bool:
        return self.root.has_more_replies


class Threads(list[Thread]):
    """A page's threads. The `fragments` tag calls `ready` with those it is about to render,
    so their rows are read in one go; any other first use reads the rows of all of them."""

    def __init__(self, rows: _Rows, threads: Iterable[Thread]) -> None:
        super().__init__(threads)
        self.rows = rows

    def ready(self, threads: Iterable[Thread]) -> list[Thread]:
        """Read the rows of `threads`; returns those written to since the page was read, whose
        markup must not be stored under their identity."""
        threads = list(threads)
        self.rows.load([thread.root_id for thread in threads])
        return [thread for thread in threads if thread.moved]


class ThreadPage(CountlessPage):
    """A page of threads; `threads` is its object list."""

    @property
    def threads(self) -> Threads:
        return cast(Threads, self.object_list)


def thread_page(
    *,
    target: models.Model,
    page_number: str | int | None = 1,
    per_page: int | None = None,
    replies_per_thread: int | None = None,
    include_hidden: bool = False,
) -> ThreadPage:
    """A page of threads, newest first: one query for the page and its threads' identities,
    one more when threads are first shown, whatever their number."""
    per_page = per_page or settings.COMMENT_THREADS_PER_PAGE
    if replies_per_thread is None:
        replies_per_thread = settings.COMMENT_REPLIES_PER_THREAD_ON_PAGE
    number = parse_page_number(page_number)
    offset = (number - 1) * per_page
    threads = Comment.objects.for_target(target).roots().shown_as_threads().newest_first()
    # The page's roots are picked first, so a far page makes digests for its own threads
    # only, not for every thread it skips.
    on_page = threads.values("pk")[offset : offset + per_page + 1]
    found = list(
        Comment.objects.filter(pk__in=on_page)
        .newest_first()
        .annotate(digest=RawSQL(_digest_sql(), [replies_per_thread + 1]))
        .values_list("pk", "digest")
    )
    rows = _Rows(replies_per_thread, include_hidden)
    page = Threads(rows, [Thread(rows, pk, digest) for pk, digest in found[:per_page]])
    rows.root_ids = [thread.root_id for thread in page]
    return ThreadPage(number, page, has_next=len(found) > per_page)


class _Rows:
    """The rows of a page's threads, read when first needed and nested for showing."""

    def __init__(self, replies_per_thread: int, include_hidden: bool) -> None:
        self.replies_per_thread = replies_per_thread
        self.include_hidden = include_hidden
        self.root_ids: list[int] = []
        self.roots: dict[int, Comment] = {}
        # Each thread's digest as read with its rows.
        self.digests: dict[int, str] = {}

    def root(self, root_id: int) -> Comment:
        if root_id not in self.roots:
            self.load(self.root_ids)
        return self.roots[root_id]

    def load(self, root_ids: list[int]) -> None:
        wanted = [pk for pk in root_ids if pk not in self.roots]
        if not wanted:
            return
        threads = _threads(wanted, self.replies_per_thread + 1)
        for pk in wanted:
            comments = threads.get(pk, [])
            if comments and comments[0].pk == pk:
                root, replies = comments[0], comments[1:]
                self.digests[pk] = root.thread_digest
            else:  # gone since the page was read (its target deleted meanwhile)
                root, replies = Comment(pk=pk, state=Comment.State.DELETED, depth=0), []
                self.digests[pk] = ""
            shown = replies[: self.replies_per_thread]
            arrange(root, shown, include_hidden=self.include_hidden)
            root.has_more_replies = len(replies) > self.replies_per_thread
            self.roots[pk] = root


@cache
def _digest_sql() -> str:
    """A root's digest, as a column of a query over the comment table (not aliased): its shown
    fields and those of its first replies in reading order, each row as PostgreSQL writes a
    record (fields quoted as needed, so no two rows read alike)."""
    table = connection.ops.quote_name(Comment._meta.db_table)

    def named(name: str) -> str:
        return connection.ops.quote_name(column(Comment, name))

    root = ", ".join(f"{table}.{named(name)}" for name in SHOWN)
    reply = ", ".join(f"reply.{named(name)}" for name in SHOWN)
    return f"""md5(concat(ROW({root})::text, (
        SELECT string_agg(ROW({reply})::text, ' ' ORDER BY reply.{named("path")})
          FROM (SELECT * FROM {table} AS reply
                 WHERE reply.{named("root")} = {table}.{named("id")}
                 ORDER BY reply.{named("path")} LIMIT %s) AS reply)))"""


@cache
def _threads_sql() -> str:
    """The statement of `_threads`, with the comment and user tables named by their models (the
    user model is swappable, and its table belongs to another app)."""
    user_model = get_user_model()
    user = user_model._meta
    comments = Comment._meta.db_table
    username, avatar = (column(user_model, name) for name in ("username", "avatar"))
    return f"""
        WITH thread AS (
            SELECT {comments}.id, {_digest_sql()} AS digest
              FROM {comments} WHERE {comments}.id = ANY(%s::bigint[]))
        SELECT comment.*, thread.digest AS thread_digest,
               author.{username} AS author_username, author.{avatar} AS author_avatar
          FROM thread
         CROSS JOIN LATERAL (
               (SELECT * FROM {comments} WHERE id = thread.id)
               UNION ALL
               (SELECT * FROM {comments} WHERE root_id = thread.id AND root_id IS NOT NULL
                 ORDER BY path LIMIT %s)) AS comment
          LEFT JOIN {user.db_table} AS author ON author.{user.pk.column} = comment.author_id
    """


def _threads(root_ids: list[int], limit: int) -> dict[int, list[Comment]]:
    """Each root with its first `limit` replies in reading order (a root's path starts every
    path in its thread, so it comes first), with their authors, and each thread's digest as
    this same statement sees it (`thread_digest`).

    A LATERAL join runs one LIMITed scan of the (root, path) index per root, so the cost
    follows the page, never the size of a thread; being one short statement, it is also
    cheap to build, where a UNION of one ORM query per root cost more to compile than to run.
    The authors come in the same row, as instances holding just what the page shows.
    """
    rows = Comment.objects.raw(_threads_sql(), [limit, root_ids, limit])
    user_model = get_user_model()
    by_root: dict[int, list[Comment]] = {}
    for comment in sorted(rows, key=lambda comment: (comment.thread_id, comment.path)):
        if comment.author_id is not None:
            comment.author = user_model.from_db(
                rows.db,
                ["id", "username", "avatar"],
                [comment.author_id, comment.author_username, comment.author_avatar],
            )
        by_root.setdefault(comment.thread_id, []).append(comment)
    return by_root
