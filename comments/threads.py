"""A page of threads on a target's own page (a title's comments), newest first, each with its
first replies, read in two steps.

First the page itself: its threads, each with a digest of every field its markup shows of its
root and of the replies read under it, made by PostgreSQL (one query; no comment becomes a
model instance). A page made of stored parts (core/part_cache.py) keeps each thread's markup
under that digest, so only the threads it does not hold are read whole, when first shown: their
roots with their authors and their first replies, two queries for all of them. After a new
comment the page reads one thread's rows, not the page's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.db.models.expressions import RawSQL

from core.pagination import CountlessPage, countless_page

from .models import Comment
from .nesting import arrange

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
        # The nesting differs for those who see hidden comments.
        self.identity = f"{digest} {rows.include_hidden}"

    @property
    def root(self) -> Comment:
        return self._rows.root(self.root_id)

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

    def ready(self, threads: Iterable[Thread]) -> None:
        self.rows.load([thread.root_id for thread in threads])


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
    two more when threads are first shown, whatever their number."""
    per_page = per_page or settings.COMMENT_THREADS_PER_PAGE
    if replies_per_thread is None:
        replies_per_thread = settings.COMMENT_REPLIES_PER_THREAD_ON_PAGE
    # One reply more than a thread shows tells whether it has more.
    read = replies_per_thread + 1
    page = countless_page(
        Comment.objects.for_target(target)
        .roots()
        .shown_as_threads()
        .newest_first()
        .annotate(digest=RawSQL(_digest_sql(), [read]))
        .values_list("pk", "digest"),
        page_number,
        per_page,
    )
    rows = _Rows(replies_per_thread, include_hidden)
    threads = Threads(rows, [Thread(rows, pk, digest) for pk, digest in page.object_list])
    rows.root_ids = [thread.root_id for thread in threads]
    return ThreadPage(page.number, threads, has_next=page.has_next)


class _Rows:
    """The rows of a page's threads, read when first needed and nested for showing."""

    def __init__(self, replies_per_thread: int, include_hidden: bool) -> None:
        self.replies_per_thread = replies_per_thread
        self.include_hidden = include_hidden
        self.root_ids: list[int] = []
        self.roots: dict[int, Comment] = {}

    def root(self, root_id: int) -> Comment:
        if root_id not in self.roots:
            self.load(self.root_ids)
        return self.roots[root_id]

    def load(self, root_ids: list[int]) -> None:
        wanted = [pk for pk in root_ids if pk not in self.roots]
        if not wanted:
            return
        found = Comment.objects.select_related("author").in_bulk(wanted)
        replies = _first_replies(wanted, self.replies_per_thread + 1)
        for pk in wanted:
            # Gone since the page was read (its target deleted meanwhile): shown as deleted.
            root = found.get(pk) or Comment(pk=pk, state=Comment.State.DELETED, depth=0)
            shown = replies.get(pk, [])
            arrange(root, shown[: self.replies_per_thread], include_hidden=self.include_hidden)
            root.has_more_replies = len(shown) > self.replies_per_thread
            self.roots[pk] = root


def _column(name: str, model: type[models.Model] = Comment) -> str:
    """The quoted database column of `model`'s field `name`: only concrete fields have one."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model._meta.label}.{name} is not a column")
    return connection.ops.quote_name(field.column)


def _digest_sql() -> str:
    """A root's digest, as a column of the page's query (whose comment table is not aliased):
    its shown fields and those of its first replies in reading order, each row as PostgreSQL
    writes a record (fields quoted as needed, so no two rows read alike)."""
    table = connection.ops.quote_name(Comment._meta.db_table)
    root = ", ".join(f"{table}.{_column(name)}" for name in SHOWN)
    reply = ", ".join(f"reply.{_column(name)}" for name in SHOWN)
    return f"""md5(concat(ROW({root})::text, (
        SELECT string_agg(ROW({reply})::text, ' ' ORDER BY reply.{_column("path")})
          FROM (SELECT * FROM {table} AS reply
                 WHERE reply.{_column("root")} = {table}.{_column("id")}
                 ORDER BY reply.{_column("path")} LIMIT %s) AS reply)))"""


def _first_replies_sql() -> str:
    """The LATERAL query of `_first_replies`, with the comment and user tables named by their
    models (the user model is swappable, and its table belongs to another app)."""
    user_model = get_user_model()
    user = user_model._meta
    comments = Comment._meta.db_table
    username, avatar = (_column(name, user_model) for name in ("username", "avatar"))
    return f"""
        SELECT reply.*, author.{username} AS author_username, author.{avatar} AS author_avatar
          FROM unnest(%s::bigint[]) AS root(id)
         CROSS JOIN LATERAL (
               SELECT * FROM {comments}
                WHERE root_id = root.id AND root_id IS NOT NULL
                ORDER BY path LIMIT %s) AS reply
          LEFT JOIN {user.db_table} AS author ON author.{user.pk.column} = reply.author_id
    """


def _first_replies(root_ids: list[int], limit: int) -> dict[int, list[Comment]]:
    """The first `limit` replies of each root in reading order, in one query.

    A LATERAL join runs one LIMITed scan of the (root, path) index per root, so the cost
    follows the page, never the size of a thread; being one short statement, it is also
    cheap to build, where a UNION of one ORM query per root cost more to compile than to run.
    The authors come in the same row, as instances holding just what the page shows.
    """
    if not root_ids or limit <= 0:
        return {}
    replies = Comment.objects.raw(_first_replies_sql(), [root_ids, limit])
    user_model = get_user_model()
    by_root: dict[int, list[Comment]] = {}
    for reply in sorted(replies, key=lambda reply: (reply.root_id, reply.path)):
        if reply.author_id is not None:
            reply.author = user_model.from_db(
                replies.db,
                ["id", "username", "avatar"],
                [reply.author_id, reply.author_username, reply.author_avatar],
            )
        by_root.setdefault(reply.thread_id, []).append(reply)
    return by_root
