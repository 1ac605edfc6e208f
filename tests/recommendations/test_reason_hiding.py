"""Moderators hide and restore recommendation reasons through the services; counts stay true.

The title pages are read with the page cache on, as the site runs: a hide or a restore shows
on the very next request.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.test import Client

from recommendations.models import Recommendation, RecommendationReason, TitleRecommendationCount
from recommendations.services import reason_hide, reason_restore, recommendation_reason_remove

pytestmark = pytest.mark.django_db

FIRST = "A slow family story about illness, told with the same patience and the same warmth."
SECOND = "Both have a lead who keeps a diary of small good days; fans of one will love the other."
WHY = "It gives away the ending of both series."


@pytest.fixture
def pair(title_factory, user_factory, recommend):
    """Two titles recommended together by "first", then by "second"."""
    title = title_factory(title="Orange Days")
    other = title_factory(title="Pure Soul")
    recommendation = recommend(user_factory(username="first"), title, other, FIRST)
    recommend(user_factory(username="second"), title, other, SECOND)
    return title, other, recommendation


def reason_of(username: str) -> RecommendationReason:
    return RecommendationReason.objects.get(user__username=username)


def page(url: str, member=None) -> str:
    client = Client()
    if member is not None:
        client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def recommendations_of(html: str) -> str:
    return html[html.index('id="recommendations"') :]


def assert_counts_true() -> None:
    # Each raises CommandError on any stored count that differs from its rows.
    call_command("recount_recommendations", "--check")
    call_command("recompute_stats", "--check")


def test_hiding_takes_the_reason_off_the_title_page_and_out_of_the_count(client, pair, moderator):
    title, _, recommendation = pair
    before = client.get(title.get_absolute_url())
    assert before["X-Page-Cache"] == "miss"
    shown = recommendations_of(before.content.decode())
    assert "told with the same patience" in shown and "and 1 other</a>" in shown

    reason_hide(reason=reason_of("first"), moderator=moderator, why=WHY)

    after = recommendations_of(client.get(title.get_absolute_url()).content.decode())
    assert "told with the same patience" not in after
    assert "keeps a diary of small good days" in after
    assert 'Recommended by <a href="/users/second/">second</a>' in after
    assert "other</a>" not in after
    recommendation.refresh_from_db()
    assert recommendation.reasons_count == 1
    assert_counts_true()


def test_the_author_reads_why_and_everyone_else_the_placeholder(pair, moderator):
    _, _, recommendation = pair
    first = reason_of("first")
    reason_hide(reason=first, moderator=moderator, why="Spoils <b>the</b> ending")
    url = recommendation.get_absolute_url()

    mine = page(url, first.user)
    theirs = page(url, reason_of("second").user)
    visitors = page(url)

    assert "[hidden by a moderator]" in mine
    assert "A moderator hid your reason: Spoils &lt;b&gt;the&lt;/b&gt; ending" in mine
    for html in (theirs, visitors):
        assert "[hidden by a moderator]" in html
        assert "A moderator hid your reason" not in html and "Spoils" not in html
    for html in (mine, theirs, visitors):
        assert "told with the same patience" not in html
        assert "keeps a diary of small good days" in html
        assert "Recommended by 1 user." in html


def test_moderators_read_the_hidden_text_with_a_badge(pair, moderator):
    _, _, recommendation = pair
    reason_hide(reason=reason_of("first"), moderator=moderator, why=WHY)

    html = page(recommendation.get_absolute_url(), moderator)

    assert "told with the same patience" in html
    assert "Hidden by a moderator</span>" in html
    assert f"Why it is hidden: {WHY}" in html
    assert "[hidden by a moderator]" not in html


def test_restoring_brings_the_reason_back_everywhere(client, pair, moderator):
    title, _, recommendation = pair
    hidden = reason_hide(reason=reason_of("first"), moderator=moderator, why=WHY)
    client.get(title.get_absolute_url())

    restored = reason_restore(reason=hidden, moderator=moderator)

    assert (restored.state, restored.hidden_reason) == ("visible", "")
    shown = recommendations_of(client.get(title.get_absolute_url()).content.decode())
    assert "told with the same patience" in shown and "and 1 other</a>" in shown
    assert "[hidden by a moderator]" not in page(recommendation.get_absolute_url())
    recommendation.refresh_from_db()
    assert recommendation.reasons_count == 2
    assert_counts_true()


def test_hiding_twice_or_restoring_a_visible_reason_changes_nothing(pair, moderator):
    _, _, recommendation = pair
    reason_hide(reason=reason_of("first"), moderator=moderator, why=WHY)
    again = reason_hide(reason=reason_of("first"), moderator=moderator, why="Another why")
    reason_restore(reason=reason_of("second"), moderator=moderator)

    assert (again.state, again.hidden_reason) == ("hidden", WHY)
    recommendation.refresh_from_db()
    assert recommendation.reasons_count == 1
    assert_counts_true()


@pytest.mark.parametrize("who", ["member", "visitor"])
def test_only_members_with_the_permission_may_hide_or_restore(pair, user_factory, who):
    refused = user_factory() if who == "member" else AnonymousUser()
    reason = reason_of("first")

    with pytest.raises(PermissionDenied):
        reason_hide(reason=reason, moderator=refused, why=WHY)
    with pytest.raises(PermissionDenied):
        reason_restore(reason=reason, moderator=refused)

    assert reason_of("first").state == "visible"


@pytest.mark.parametrize("why", ["", "   \n"])
def test_a_blank_why_is_refused(pair, moderator, why):
    with pytest.raises(ValidationError) as refused:
        reason_hide(reason=reason_of("first"), moderator=moderator, why=why)

    assert refused.value.code == "why_missing"
    assert reason_of("first").state == "visible"


def test_a_pair_whose_every_reason_is_hidden_keeps_its_card_and_votes(
    client, title_factory, recommendation_factory, user_factory, moderator
):
    title = title_factory(title="Orange Days")
    recommendation = recommendation_factory(
        title=title, other=title_factory(title="Pure Soul"), reason=FIRST, votes=2
    )
    for reason in RecommendationReason.objects.all():
        reason_hide(reason=reason, moderator=moderator, why=WHY)

    shown = recommendations_of(client.get(title.get_absolute_url()).content.decode())
    assert "Pure Soul" in shown and "Vote (2)" in shown
    assert "told with the same patience" not in shown
    assert "Reasons hidden by a moderator" in shown
    recommendation.refresh_from_db()
    assert (recommendation.reasons_count, recommendation.votes_count) == (0, 2)
    assert TitleRecommendationCount.objects.get(title=title).count == 1
    assert "A moderator hid every reason" in page(recommendation.get_absolute_url())
    assert_counts_true()


def test_the_reasons_page_counts_hidden_reasons_in_its_pages(
    settings, pair, recommend, user_factory, moderator
):
    settings.RECOMMENDATIONS_PER_PAGE = 2
    title, other, recommendation = pair
    last = "The third reason, long enough to count, about two quiet and honest family stories."
    recommend(user_factory(username="third"), other, title, last)
    reason_hide(reason=reason_of("first"), moderator=moderator, why=WHY)

    second_page = page(f"{recommendation.get_absolute_url()}?page=2")

    assert last in second_page


def test_removing_a_reason_counts_only_the_visible_ones(pair, moderator):
    title, other, recommendation = pair
    reason_hide(reason=reason_of("first"), moderator=moderator, why=WHY)

    recommendation_reason_remove(reason=reason_of("second"))
    recommendation.refresh_from_db()
    assert recommendation.reasons_count == 0
    assert_counts_true()

    recommendation_reason_remove(reason=reason_of("first"))
    assert not Recommendation.objects.exists()
    assert TitleRecommendationCount.objects.get(title=title).count == 0
    assert TitleRecommendationCount.objects.get(title=other).count == 0
    assert_counts_true()


def test_the_audit_counts_visible_reasons_only(pair, moderator):
    _, _, recommendation = pair
    reason_hide(reason=reason_of("first"), moderator=moderator, why=WHY)
    # As if the hidden reason were still counted.
    Recommendation.objects.filter(pk=recommendation.pk).update(reasons_count=2)

    with pytest.raises(CommandError):
        call_command("recount_recommendations", "--check")
    call_command("recount_recommendations")

    recommendation.refresh_from_db()
    assert recommendation.reasons_count == 1
