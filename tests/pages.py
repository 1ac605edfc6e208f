"""The site's page types on the demo data: the address of each, signed out, signed in, and
for moderators. The every-page browser test opens them all; tests/page_snapshots.py renders
them to compare one version of the site with another.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db.models import Q

from comments.models import Comment
from lists.models import CustomList, CustomListItem
from lists.services import custom_list_add, custom_list_create
from news.models import Article
from recommendations.models import Recommendation
from reviews.models import Review
from reviews.services import list_entry_save, review_submit
from tests.factories import UserFactory
from titles.models import Title


def pages_signed_out(seed: Title) -> dict[str, str]:
    person = seed.credits.select_related("person").first().person
    review = Review.objects.filter(title=seed).order_by("-created_at").first()
    thread = Comment.objects.filter(parent__isnull=True, reply_count__gt=0).first()
    recommendation = Recommendation.objects.filter(Q(title_low=seed) | Q(title_high=seed)).first()
    article = Article.objects.order_by("pk").first()
    genre = seed.genres.first()
    member = review.user.username
    return {
        "episode": episode_with_talk(seed),
        "home": "/",
        "browse": "/titles/",
        "browse-filtered": f"/titles/?genre={genre.slug}&sort=newest",
        "genre": f"/genres/{genre.slug}/",
        "top": "/top/",
        "popular": "/popular/",
        "airing": "/airing/",
        "upcoming": "/upcoming/",
        "schedule": "/schedule/",
        "people": "/people/",
        "title": seed.get_absolute_url(),
        "cast": f"{seed.get_absolute_url()}cast/",
        "edit-history": f"{seed.get_absolute_url()}history/",
        "episodes": f"{seed.get_absolute_url()}episodes/",
        "person": person.get_absolute_url(),
        "reviews": f"{seed.get_absolute_url()}reviews/",
        "review": review.get_absolute_url(),
        "member": f"/users/{member}/",
        "member-list": f"/users/{member}/list/",
        "member-reviews": f"/users/{member}/reviews/",
        "thread": thread.get_absolute_url(),
        "search": "/search/?q=litre",
        "search-typo": "/search/?q=1+liter+of+teers",
        "search-empty": "/search/?q=zzzzqqq",
        "recommendations": f"/titles/{seed.pk}/recommendations/",
        "recommendation": recommendation.get_absolute_url(),
        "news": "/news/",
        "article": article.get_absolute_url(),
        "custom-list": CustomList.objects.filter(is_private=False).first().get_absolute_url(),
        "help-ratings": "/help/ratings/",
        "help-recommendations": "/help/recommendations/",
        "api-docs": "/api/",
        "sign-in": "/accounts/login/",
        "register": "/accounts/signup/",
        "password-reset": "/accounts/password/reset/",
        "not-found": "/no-such-page/",
    }


def pages_signed_in(seed: Title, member) -> dict[str, str]:
    review = Review.objects.get(title=seed, user=member)
    comment = Comment.objects.filter(author=member).first()
    entry = member.list_entries.get(title=seed)
    return {
        "title-signed-in": seed.get_absolute_url(),
        "home-signed-in": "/",
        "schedule-mine": "/schedule/?mine=on",
        "review-signed-in": review.get_absolute_url(),
        "thread-signed-in": comment.get_absolute_url(),
        "own-profile": f"/users/{member.username}/",
        "own-list": f"/users/{member.username}/list/",
        "entry-form": f"/list/{entry.pk}/edit/",
        "rate-form": f"/titles/{seed.pk}/my-entry/",
        "review-edit": f"/reviews/{review.pk}/edit/",
        "review-delete": f"/reviews/{review.pk}/delete/",
        "comment-edit": f"/comments/{comment.pk}/edit/",
        "comment-delete": f"/comments/{comment.pk}/delete/",
        "recommendation-new": f"/titles/{seed.pk}/recommendations/new/",
        "entry-remove": f"/list/{entry.pk}/remove/",
        "report": f"/report/comment/{someone_elses_comment(member).pk}/",
        "profile-edit": "/accounts/settings/profile/",
        "list-new": "/lists/new/",
        "own-custom-list": CustomList.objects.filter(user=member).first().get_absolute_url(),
        "list-edit": f"/lists/{CustomList.objects.filter(user=member).first().pk}/edit/",
        "list-item-note": item_note_page(member),
        "password-change": "/accounts/password/change/",
        "export": "/accounts/settings/export/",
        "import": "/accounts/settings/import/",
        "api-tokens": "/accounts/settings/api/",
        **import_pages(member, seed),
        **social_pages(member),
        "episode-signed-in": episode_with_talk(seed),
    }


def episode_with_talk(seed: Title) -> str:
    """The seed title's first episode, with a comment on it: its fold shows."""
    from comments.services import comment_post
    from titles.models import Episode

    episode = Episode.objects.filter(title=seed).order_by("number").first()
    if not Comment.objects.filter(object_id=episode.pk, content_type__model="episode").exists():
        writer = Review.objects.filter(title=seed).first().user
        comment_post(author=writer, target=episode, body="The first ten minutes say it all.")
    return episode.get_absolute_url()


def social_pages(member) -> dict[str, str]:
    """The member follows another, who follows back: a notification, a feed, two profiles."""
    from accounts.models import User
    from social import services
    from social.digest import unsubscribe_url

    other = User.objects.filter(is_active=True).exclude(pk=member.pk).order_by("pk").first()
    services.follow(follower=member, followed=other)
    services.follow(follower=other, followed=member)
    return {
        "notifications": "/notifications/",
        "notification-settings": "/notifications/settings/",
        "feed": "/feed/",
        "followed-profile": other.get_absolute_url(),
        "unsubscribe": unsubscribe_url(member.pk).removeprefix(settings.SITE_URL),
    }


def import_pages(member, seed: Title) -> dict[str, str]:
    """An import waiting for the member's review: a row matched, one to choose, one not found."""
    from imports.models import Import, ImportRow

    job = Import.objects.create(user=member, source="csv", source_label="Spreadsheet (CSV)",
                                filename="my list.csv", stage=Import.Stage.REVIEW,
                                status=Import.Status.DONE, total=3, rows_in_file=3)  # fmt: skip
    ImportRow.objects.bulk_create([
        ImportRow(job=job, number=1, names=["1 Litre of Tears"], year=2005, status="completed",
                  score=Decimal("9.5"), match="matched", title=seed, candidates=[seed.pk]),
        ImportRow(job=job, number=2, names=["Ichi Ritoru"], status="watching", match="ambiguous",
                  candidates=[seed.pk], problems=["The finish date 2019-02-30 is not a date."]),
        ImportRow(job=job, number=3, names=["A Title Nobody Made"], match="not_found"),
    ])  # fmt: skip
    review = job.get_absolute_url()
    return {"import-review": f"{review}?show=ambiguous", "import-row": f"{review}rows/2/"}


def item_note_page(member) -> str:
    item = CustomListItem.objects.filter(custom_list__user=member).first()
    return f"/lists/{item.custom_list_id}/titles/{item.title_id}/note/"


def someone_elses_comment(member) -> Comment:
    return Comment.objects.filter(parent__isnull=True).exclude(author=member).first()


def moderators_pages(member, moderators) -> dict[str, str]:
    """The queue and an item's page, with one report waiting."""
    from moderation.models import Report

    comment = someone_elses_comment(member)
    Report.objects.create(reporter=member, kind="comment", object_id=comment.pk,
                          author=comment.author, reason=Report.Reason.SPOILER)  # fmt: skip
    member.groups.add(moderators)
    return {
        "moderation-queue": "/moderation/",
        "moderation-item": f"/moderation/comment/{comment.pk}/",
    }


def staff_pages(member) -> dict[str, str]:
    """The style guide, for staff."""
    member.is_staff = True
    member.save(update_fields=["is_staff"])
    return {"styleguide": "/styleguide/"}


def member_with_entry_review_and_comment(seed: Title):
    from comments.services import comment_post

    member = UserFactory(username="checker")
    list_entry_save(user=member, title=seed, status="completed", score=Decimal("9"))
    review_submit(
        user=member,
        title=seed,
        data={
            "headline": "Gentle and unflinching",
            "body": "A careful story about a family that keeps going. " * 8,
            "is_spoiler": False,
            "episodes_seen": seed.episodes,
            "overall": Decimal("9"),
            "story": Decimal("9"),
            "acting": Decimal("9.5"),
            "music": Decimal("8.5"),
            "rewatch": Decimal("7"),
        },
    )
    comment_post(author=member, target=seed, body="The last episode stays with you.")
    # A title on the air, half seen: "Continue watching" and "+1" on the home and list pages.
    airing = Title.objects.airing().filter(episodes__gt=2).order_by("pk").first()
    list_entry_save(user=member, title=airing, status="watching", score=None, episodes_seen=2)
    # A list of their own, to reorder.
    own = custom_list_create(user=member, name="Checked titles", description="Two of them.")
    for title in (seed, airing):
        custom_list_add(user=member, custom_list=own, title=title, note="A note.")
    return member
