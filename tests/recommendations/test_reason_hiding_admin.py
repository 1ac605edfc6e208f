"""Moderators hide and restore recommendation reasons in the admin, through the services."""

import pytest
from django.contrib.auth.models import Group, Permission

from recommendations.models import Recommendation, RecommendationReason

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/recommendations/recommendationreason/"
WHY = "It gives away the ending of both series."


@pytest.fixture
def moderator_client(client, user_factory):
    person = user_factory(username="mod", is_staff=True)
    person.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(person)
    return client


@pytest.fixture
def reasons(recommendation_factory, recommend, user_factory):
    recommendation = recommendation_factory()
    recommend(user_factory(), recommendation.title_high, recommendation.title_low)
    return list(RecommendationReason.objects.order_by("pk"))


def hide(client, reasons, **data):
    selected = [reason.pk for reason in reasons]
    return client.post(CHANGELIST, {"action": "hide_reasons", "_selected_action": selected, **data})


def reasons_count() -> int:
    return Recommendation.objects.get().reasons_count


def test_moderators_list_reasons_with_their_state_and_a_filter(moderator_client, reasons):
    html = moderator_client.get(CHANGELIST).content.decode()

    assert "Hide selected reasons" in html and "Restore selected reasons" in html
    assert "?state__exact=hidden" in html
    assert 'class="field-state"' in html
    assert 'value="delete_selected"' not in html


def test_hiding_asks_why_first_then_hides_through_the_service(moderator_client, reasons):
    asked = hide(moderator_client, reasons[:1])

    assert asked.status_code == 200
    assert 'name="reason"' in asked.content.decode()
    assert RecommendationReason.objects.get(pk=reasons[0].pk).state == "visible"

    done = hide(moderator_client, reasons[:1], reason=WHY)

    assert done.status_code == 302
    hidden = RecommendationReason.objects.get(pk=reasons[0].pk)
    assert (hidden.state, hidden.hidden_reason) == ("hidden", WHY)
    assert reasons_count() == 1
    assert "1 reason hidden." in moderator_client.get(done["Location"]).content.decode()
    filtered = moderator_client.get(f"{CHANGELIST}?state__exact=hidden").content.decode()
    assert f"/{hidden.pk}/change/" in filtered and f"/{reasons[1].pk}/change/" not in filtered


def test_hiding_with_a_blank_reason_asks_again(moderator_client, reasons):
    response = hide(moderator_client, reasons, reason="   ")

    assert response.status_code == 422  # refused, as every form of the site answers
    assert "This field is required." in response.content.decode()
    assert not RecommendationReason.objects.filter(state="hidden").exists()
    assert reasons_count() == 2


def test_restoring_brings_the_selected_reasons_back(moderator_client, reasons):
    hide(moderator_client, reasons, reason=WHY)
    assert reasons_count() == 0

    response = moderator_client.post(
        CHANGELIST,
        {"action": "restore_reasons", "_selected_action": [r.pk for r in reasons], "index": 0},
    )

    assert response.status_code == 302
    assert set(RecommendationReason.objects.values_list("state", "hidden_reason")) == {
        ("visible", "")
    }
    assert reasons_count() == 2


def test_staff_outside_the_moderators_group_cannot_hide(client, user_factory, reasons):
    staff = user_factory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_recommendationreason"))
    client.force_login(staff)

    hide(client, reasons, reason=WHY)

    assert not RecommendationReason.objects.filter(state="hidden").exists()
    assert "Hide selected reasons" not in client.get(CHANGELIST).content.decode()


def test_the_change_form_does_not_edit_the_state(client, user_factory, reasons):
    client.force_login(user_factory(is_staff=True, is_superuser=True))
    url = f"{CHANGELIST}{reasons[0].pk}/change/"

    client.post(url, {"state": "hidden", "hidden_reason": WHY, "for_low": "true"})

    assert RecommendationReason.objects.get(pk=reasons[0].pk).state == "visible"
    assert reasons_count() == 2
