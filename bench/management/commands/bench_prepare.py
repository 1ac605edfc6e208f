"""Prepare a benchmark database and print, as JSON, everything the load needs.

Run by `bench/run.py` with the same environment as the server it measures (DEBUG off, the same
SECRET_KEY), so the sessions made here are valid there. It picks the pages to load, signs in a
few bench users, makes what their writes need, and counts each page's SQL queries with Django's
test client against this database.
"""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import F, Max
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.crypto import get_random_string

from accounts.models import User
from bench.social import prepare_social
from reviews import services as review_services
from reviews.forms import ReviewForm
from reviews.models import ListEntry, MemberStats, Review
from titles.models import Title

USER_PREFIX = "bench_user_"
MANY_TITLES = 200
# Long enough for the slowest run; expired sessions are cleared at the start of the next one.
SESSION_SECONDS = 24 * 3600
SCORES = ["7.0", "7.5", "8.0", "8.5", "9.0", "9.5"]
REVIEW_TEXT = (
    "Written by the load benchmark, which edits this review again and again. The story holds "
    "up, the cast carries it, and the music stays with you after the last episode."
)


class Command(BaseCommand):
    help = "Prepare the current database for the load benchmark and print the plan as JSON."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--users", type=int, default=8, help="bench users to sign in")
        parser.add_argument(
            "--check-data", action="store_true", help="only print how many titles there are"
        )

    def handle(self, *args, users: int, check_data: bool, **options) -> None:
        if check_data:
            self.stdout.write(json.dumps({"titles": Title.objects.count()}))
            return
        self.stdout.write(json.dumps(prepare(users)))


def prepare(user_count: int) -> dict:
    SessionStore.clear_expired()
    by_reviews = F("stats__review_count").desc(nulls_last=True)
    hot = Title.objects.order_by(by_reviews, "pk").first()
    if hot is None or not Review.objects.filter(title=hot).exists():
        raise CommandError("No title has a review: load or generate data first.")
    by_watchers = F("stats__watchers").desc(nulls_last=True)
    followed, followed_note = _progress_title(hot)
    busy = [hot.pk, *([followed.pk] if followed else [])]
    others = list(Title.objects.exclude(pk__in=busy).order_by(by_watchers, "pk")[:4])
    if not others:
        raise CommandError("The benchmark needs at least two titles.")
    # The bench users review one title and rate others: rating the title one has reviewed
    # would also move the review's Overall, which is not the write being measured.
    reviewed, rated = others[0], [hot, *others[1:]]
    users = [_bench_user(n) for n in range(user_count)]
    prepare_social(users[0], exclude_prefix=USER_PREFIX)
    reviews = [_own_review(user, reviewed) for user in users]
    if followed:
        _start_watching(users, followed)
    voted = list(
        Review.objects.filter(title=hot).visible().exclude(user__in=users).most_helpful()[:4]
    )  # the reviews the title page shows first, which are the ones people vote on
    sessions = [_session_for(user) for user in users]
    csrf = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
    comments, comments_note = _comment_targets(hot)

    pages = {
        "floor": reverse("bench:floor"),
        "title": hot.get_absolute_url(),
        "reviews": reverse("reviews:title_reviews", kwargs={"pk": hot.pk, "slug": hot.slug}),
        "search": reverse("titles:search") + "?" + urlencode({"q": _search_word(hot)}),
        "search_typo": reverse("titles:search") + "?" + urlencode({"q": _with_typo(hot.title)}),
        "browse": reverse("front:browse") + "?" + urlencode(_two_filters(hot)),
        "top": reverse("front:top"),
        "people": reverse("front:people") + "?" + urlencode({"q": _person_query(hot)}),
        "api_title": reverse("api:title", kwargs={"title_id": hot.pk}),
        "api_browse": reverse("api:titles") + "?" + urlencode(_two_filters(hot)),
        "feed": reverse("front:feed"),
    }
    if comments:
        pages["thread"] = comments["thread"]
    lister = _longest_list()
    pages["list"] = reverse("reviews:user_list", kwargs={"username": lister.username})
    pages["profile"] = lister.get_absolute_url()
    pages["schedule"] = reverse("front:schedule") + "?" + urlencode({"week": _airing_week()})
    writes = _interleave(
        [
            _rate_writes(users, rated),
            _vote_writes(users, voted),
            _review_writes(users, reviews),
            _comment_writes(users, comments) if comments else [],
            _progress_writes(users, followed) if followed else [],
        ]
    )
    # The mixed target reads many titles, the most watched first, as visitors.
    many_titles = [
        title.get_absolute_url()
        for title in Title.objects.only("pk", "slug").order_by(by_watchers, "pk")[:MANY_TITLES]
    ]
    return {
        "data": {
            "titles": Title.objects.count(),
            "users": User.objects.count(),
            "list entries": ListEntry.objects.count(),
            "reviews": Review.objects.count(),
            "longest list": MemberStats.objects.get(user=lister).titles,
        },
        "hot_title": {"id": hot.pk, "title": hot.title, "reviews": hot.stats.review_count},
        "pages": pages,
        "many_titles": many_titles,
        "sessions": sessions,
        "csrf": csrf,
        "writes": writes,
        "queries": _count_queries(pages, writes, sessions[0], csrf),
        "notes": [note for note in (comments_note, followed_note) if note],
    }


def _bench_user(n: int) -> User:
    user, created = User.objects.get_or_create(
        username=f"{USER_PREFIX}{n}", defaults={"email": f"{USER_PREFIX}{n}@example.invalid"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _own_review(user: User, title: Title) -> Review:
    review = Review.objects.filter(user=user, title=title).first()
    if review is None:
        # Through the form, as the site writes it, so the service gets cleaned values.
        form = ReviewForm(_review_data(title, SCORES[0]), title=title)
        if not form.is_valid():
            raise CommandError(f"The bench review does not validate: {form.errors.as_json()}")
        review = review_services.review_submit(user=user, title=title, data=form.cleaned_data)
    return review


def _review_data(title: Title, overall: str) -> dict:
    return {
        "overall": overall,
        "story": overall,
        "acting": "8.0",
        "music": "7.5",
        "rewatch": "7.0",
        "headline": "Edited under load",
        "body": REVIEW_TEXT,
        "is_spoiler": False,
        "episodes_seen": title.episodes or 0,
    }


def _session_for(user: User) -> str:
    """A signed-in session, exactly as django.contrib.auth.login() would store it."""
    session = SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "accounts.backends.MembersBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.set_expiry(SESSION_SECONDS)
    session.create()
    # create() has just saved the session under a fresh key.
    assert session.session_key is not None
    return session.session_key


def _longest_list() -> User:
    """The member whose list is longest (`generate` makes one of 2,000 or 5,000 titles)."""
    stats = MemberStats.objects.select_related("user").order_by("-titles", "user_id").first()
    if stats is None:
        raise CommandError("No member has a list: load or generate data first.")
    return stats.user


def _airing_week() -> str:
    """The week after the latest series began that has not ended: `generate` starts as many
    such series on every scale, so each scale's schedule shows as much, however long ago the
    data was made."""
    latest = Title.objects.filter(aired_to__isnull=True).aggregate(latest=Max("aired_from"))
    day = latest["latest"] or timezone.localdate()
    return (day + timedelta(days=7 - day.weekday())).isoformat()


def _progress_title(hot: Title) -> tuple[Title | None, str | None]:
    """The title the bench users "+1": the most watched one whose episode count is not known
    yet, so that no number of +1s reaches a last episode and is refused. The other writes
    leave it alone."""
    title = (
        Title.objects.filter(episodes__isnull=True)
        .exclude(pk=hot.pk)
        .order_by(F("stats__watchers").desc(nulls_last=True), "pk")
        .first()
    )
    if title is None:
        return None, "no title has an unknown episode count: no +1 writes"
    return title, None


def _start_watching(users: list[User], title: Title) -> None:
    """Each run starts the bench users again at episode 0 of `title`, as Watching."""
    for user in users:
        review_services.list_entry_save(
            user=user, title=title, status=ListEntry.Status.WATCHING, score=None,
            episodes_seen=0, started_on=None, finished_on=None,
        )  # fmt: skip


def _search_word(title: Title) -> str:
    return max(title.title.split(), key=len)


def _with_typo(name: str) -> str:
    """The name as someone in a hurry types it: one letter of its longest word dropped."""
    word = max(name.split(), key=len)
    return name.replace(word, word[:-2] + word[-1], 1)


def _two_filters(title: Title) -> dict[str, str]:
    """Country and genre of `title`: a browse page with two filters that has results."""
    genre = title.genres.order_by("slug").values_list("slug", flat=True).first()
    return {"country": title.country.code, **({"genre": genre} if genre else {})}


def _person_query(title: Title) -> str:
    """The lead's name, family and given name swapped, as many people type it."""
    lead = title.credits.cast().in_display_order().select_related("person").first()
    name = lead.person.name if lead else "Sawajiri Erika"
    return " ".join(reversed(name.split()))


def _comment_targets(title: Title) -> tuple[dict | None, str | None]:
    """The deepest thread on `title` and where to post, once the comments app has its pages."""
    try:
        from comments.models import Comment

        reverse("comments:thread", kwargs={"pk": 1})
    except (ImportError, NoReverseMatch):
        return None, "comments have no pages yet: no thread page and no comment writes"
    deepest = Comment.objects.for_target(title).visible().order_by("-depth", "pk").first()
    if deepest is None:
        return None, f"{title.title} has no comments: no thread page and no comment writes"
    content_type = ContentType.objects.get_for_model(title)
    post = reverse(
        "comments:post", kwargs={"content_type_id": content_type.pk, "object_id": title.pk}
    )
    thread = reverse("comments:thread", kwargs={"pk": deepest.root_id or deepest.pk})
    return {"thread": thread, "post": post, "parent": deepest.pk}, None


def _write(kind: str, user: int, path: str, data: dict, htmx: bool) -> dict:
    # A browser leaves an unticked checkbox out of the form, so False is left out too.
    fields = {name: value for name, value in data.items() if value is not False}
    return {"kind": kind, "user": user, "path": path, "body": urlencode(fields), "htmx": htmx}


def _rate_writes(users: list[User], titles: list[Title]) -> list[dict]:
    # "Your Rating" on the title page posts with htmx and gets a fragment back.
    return [
        _write("rate", n, reverse("reviews:rate", args=[title.pk]),
               {"status": "completed", "score": SCORES[(n + i) % len(SCORES)]}, htmx=True)
        for n in range(len(users))
        for i, title in enumerate(titles)
    ]  # fmt: skip


def _vote_writes(users: list[User], reviews: list[Review]) -> list[dict]:
    # Each user alternates yes and no, so every vote after the first changes a count.
    return [
        _write("vote", n, reverse("reviews:review_vote", args=[review.pk]),
               {"helpful": answer}, htmx=True)
        for n in range(len(users))
        for review in reviews
        for answer in ("yes", "no")
    ]  # fmt: skip


def _review_writes(users: list[User], reviews: list[Review]) -> list[dict]:
    # The edit form is a plain form: a saved edit answers with a redirect to the review.
    return [
        _write("review", n, reverse("reviews:review_edit", args=[review.pk]),
               _review_data(review.title, score), htmx=False)
        for n, review in enumerate(reviews)
        for score in (SCORES[2], SCORES[4])
    ]  # fmt: skip


def _comment_writes(users: list[User], comments: dict) -> list[dict]:
    # A new thread, then a reply at the bottom of the deepest one.
    return [
        _write("comment", n, comments["post"], {"body": text, **parent}, htmx=False)
        for n in range(len(users))
        for text, parent in (
            ("Posted by the load benchmark.", {}),
            ("A reply from the load benchmark.", {"parent": comments["parent"]}),
        )
    ]


def _progress_writes(users: list[User], title: Title) -> list[dict]:
    # "+1" on the list page posts with htmx and gets the progress part back.
    return [
        _write("+1", n, reverse("reviews:progress", args=[title.pk]), {}, htmx=True)
        for n in range(len(users))
    ]


def _interleave(groups: list[list[dict]]) -> list[dict]:
    """One of each kind in turn, so any stretch of the rotation is an even mix."""
    groups = [group for group in groups if group]
    longest = max(len(group) for group in groups)
    return [group[i % len(group)] for i in range(longest) for group in groups]


def _count_queries(pages: dict, writes: list[dict], session: str, csrf: str) -> dict:
    """SQL queries per request, signed out and signed in, as a warm worker runs them.

    Each request runs once before it is counted, so per-process caches (content types,
    permissions) are filled as they are in a server that has been up a while. The client
    enforces CSRF with the same cookie and header the load sends, so a mistake there
    shows up here, before any load runs. Writes go first: the signed-in pages are then
    counted with the user's rating in place, as the load sees them after its warm-up, and
    the same on every run. The page cache is off while counting: these are the queries of
    a page rendered afresh (one served from the cache makes none).
    """
    with override_settings(PAGE_CACHE=False):
        return _count_all(pages, writes, session, csrf)


def _count_all(pages: dict, writes: list[dict], session: str, csrf: str) -> dict:
    guest = Client(SERVER_NAME="127.0.0.1")
    member = Client(SERVER_NAME="127.0.0.1", enforce_csrf_checks=True)
    member.cookies[settings.SESSION_COOKIE_NAME] = session
    member.cookies[settings.CSRF_COOKIE_NAME] = csrf
    counts: dict[str, dict[str, int]] = {}
    for write in writes:
        kind = write["kind"]
        if write["user"] != 0 or kind in counts:
            continue  # one write of each kind, by the user whose session the client holds
        headers = {"X-CSRFToken": csrf, **({"HX-Request": "true"} if write["htmx"] else {})}
        counts[kind] = {
            "in": _count(
                lambda write=write, headers=headers: member.post(
                    write["path"],
                    write["body"],
                    content_type="application/x-www-form-urlencoded",
                    headers=headers,
                )
            )
        }
    for name, path in pages.items():
        counts[name] = {
            "out": _count(lambda path=path: guest.get(path)),
            "in": _count(lambda path=path: member.get(path)),
        }
    return counts


def _count(send) -> int:
    send()
    with CaptureQueriesContext(connection) as queries:
        response = send()
    if response.status_code >= 400:
        raise CommandError(
            f"{response.request['PATH_INFO']} answered {response.status_code}: "
            f"{response.content[:300]!r}"
        )
    return len(queries)
