"""Demo comments on "1 Litre of Tears", shaped like the reference page's fourteen.

A question with one reply under it, a spoiler, one in French and one very long, some years
old and some from the last few weeks. Every text is the project's own. Running the loader
again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from comments.models import Comment
from comments.services import comment_import
from demo.titles import SEED_TITLE
from titles.models import Title

LONG_COMMENT = """\
I put off watching this for years because everyone told me it would wreck me, and they were \
right, but not in the way I expected. I thought it would be eleven hours of misery. It is not. \
It is eleven hours about a family that keeps making dinner, keeps opening the shop, keeps \
arguing about small things, while something enormous happens to one of them.

What stayed with me most is how patient the show is. The illness does not arrive in one \
dramatic scene. Aya drops things. She misses a step. She laughs it off, and so do we, because \
the first episodes let us believe it might be nothing. By the time the diagnosis comes, we \
have spent so much time in that house that the news lands on us the way it lands on them.

The mother is the quiet centre of the whole drama for me. Every time she sits at the kitchen \
table and writes something down, or goes to ask the doctor one more question, you see a person \
deciding again and again not to give up, even when there is nothing left to fix. The father is \
louder and clumsier and just as loving, and the scenes where he tries to build things to make \
the house easier for his daughter got to me more than any of the hospital scenes.

Ako, the younger sister, deserves more credit than she usually gets in these discussions. \
She starts out resentful, because all the attention in the house goes to Aya, and the show lets \
her be unfair and childish for a while before she grows. That felt honest. Families are not \
saints because someone is sick.

As for Haruto: I was wary of a romance in a story like this, because it could so easily turn \
into the illness serving the love story. It never does. He is awkward, he says the wrong thing, \
he disappears for a while, and he comes back. What the two of them share is less a romance than \
two people taking each other seriously.

If I have one complaint, it is that a couple of the school episodes drag, and some of the \
classmates are drawn with a very thick brush. But the last three episodes are as strong as \
anything I have seen on television, and the diary passages read over the ending will stay with \
me for a long time.

Watch it slowly. One or two episodes a night, with tissues and with someone you love nearby."""

FRENCH_COMMENT = (
    "Je l'ai regardé en version sous-titrée avec ma sœur, un épisode par soir. On s'attend à "
    "un mélodrame, mais c'est surtout l'histoire d'une famille qui apprend à vivre autrement. "
    "La mère est bouleversante, et la fin m'a laissée sans voix pendant un bon moment. "
    "À voir au moins une fois."
)


@dataclass(frozen=True)
class DemoComment:
    key: str
    author: str
    body: str
    # A fixed date for old comments; days before today for recent ones.
    when: datetime | timedelta
    is_spoiler: bool = False
    reply_to: str | None = None


DEMO_COMMENTS = [
    DemoComment(
        "weekend",
        "hanako",
        "I watched the whole drama over one long weekend with my mother. Neither of us said "
        "much afterwards, but we talked about it for weeks.",
        datetime(2011, 4, 2, 20, 15, tzinfo=UTC),
    ),
    DemoComment(
        "question",
        "minsu",
        "Is it worth starting if I already know how the real story ends? I cry very easily "
        "and I am not sure I can get through eleven episodes of this.",
        datetime(2012, 9, 18, 11, 40, tzinfo=UTC),
    ),
    DemoComment(
        "answer",
        "claire",
        "Yes, watch it. You will cry, but the drama is never sad just to be sad; it is about "
        "how the people around Aya choose to keep going. Knowing the ending changes nothing.",
        datetime(2012, 9, 19, 8, 5, tzinfo=UTC),
        reply_to="question",
    ),
    DemoComment(
        "spoiler",
        "rinko",
        "The final episode skips ahead several years, and we learn Aya has died. The scene at "
        "her grave, full of letters from strangers who read her diary, is the one I still "
        "cannot watch without falling apart.",
        datetime(2013, 3, 3, 22, 30, tzinfo=UTC),
        is_spoiler=True,
    ),
    DemoComment(
        "theme",
        "daeho",
        "The theme song plays at exactly the right moments. I had it on repeat for a month.",
        datetime(2013, 11, 9, 14, 0, tzinfo=UTC),
    ),
    DemoComment("french", "claire", FRENCH_COMMENT, datetime(2014, 7, 15, 18, 20, tzinfo=UTC)),
    DemoComment("long", "tomasz", LONG_COMMENT, datetime(2016, 2, 12, 9, 45, tzinfo=UTC)),
    DemoComment(
        "father",
        "hanako",
        "Rewatched it as a parent this time. The father's scenes hit completely differently.",
        datetime(2019, 5, 26, 7, 10, tzinfo=UTC),
    ),
    DemoComment(
        "school",
        "lucia",
        "Our teacher showed us the first episode in class. Half the room asked for the rest.",
        datetime(2021, 10, 4, 16, 25, tzinfo=UTC),
    ),
    DemoComment(
        "sister",
        "minsu",
        "Ako's change over the series is the part nobody talks about, and it is so well done.",
        timedelta(days=75),
    ),
    DemoComment(
        "doctor",
        "daeho",
        "I liked that the doctor is allowed to be unsure. Most medical dramas never do that.",
        timedelta(days=28),
    ),
    DemoComment(
        "diary",
        "rinko",
        "Reading the diary after finishing the drama made me start it all over again.",
        timedelta(days=12),
    ),
    DemoComment(
        "first",
        "lucia",
        "Finished it last night. Still thinking about it this morning.",
        timedelta(days=4),
    ),
    DemoComment(
        "tofu",
        "tomasz",
        "Small detail I loved: the tofu shop is always busy in the background, even on the "
        "worst days.",
        timedelta(days=2, hours=5),
    ),
]

DEMO_USERS = ["hanako", "minsu", "claire", "rinko", "daeho", "tomasz", "lucia"]


@transaction.atomic
def load_comments() -> list[Comment]:
    """The fourteen demo comments on the seed title; existing ones are left alone."""
    title = Title.objects.filter(title=SEED_TITLE, year=2005).first()
    if title is None:
        return []
    users = {name: _demo_user(name) for name in DEMO_USERS}
    now = timezone.now()
    stored: dict[str, Comment] = {}
    for spec in DEMO_COMMENTS:
        author = users[spec.author]
        existing = Comment.objects.for_target(title).filter(author=author, body=spec.body).first()
        if existing is not None:
            stored[spec.key] = existing
            continue
        when = now - spec.when if isinstance(spec.when, timedelta) else spec.when
        stored[spec.key] = comment_import(
            author=author,
            target=title,
            body=spec.body,
            created_at=when,
            is_spoiler=spec.is_spoiler,
            parent=stored[spec.reply_to] if spec.reply_to else None,
        )
    return list(stored.values())


def _demo_user(username: str) -> User:
    user, created = User.objects.get_or_create(username=username)
    if created:
        # Demo people exist to have written things; nobody signs in as them.
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
