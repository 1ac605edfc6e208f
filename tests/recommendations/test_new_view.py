"""Make a Recommendation: the form page, with and without JavaScript."""

import pytest

from recommendations.models import Recommendation, RecommendationReason

pytestmark = pytest.mark.django_db

REASON = "Both are about a young woman facing an illness that slowly takes her strength."


@pytest.fixture
def title(title_factory):
    return title_factory(title="1 Litre of Tears", year=2005)


@pytest.fixture
def other(title_factory):
    return title_factory(title="Pure Soul", native_title="ピュア・ソウル", year=2001)


def new_url(title) -> str:
    return f"/titles/{title.pk}/recommendations/new/"


def test_signed_out_visitors_are_sent_to_sign_in_and_back_to_the_form(client, title, other):
    url = f"http://testserver{new_url(title)}"
    response = client.post(new_url(title), {"other": other.pk, "reason": REASON}, HTTP_REFERER=url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/accounts/login/?next={new_url(title)}")
    assert not Recommendation.objects.exists()


def test_without_javascript_the_search_box_reloads_the_page_with_choices(
    client, user, title, other, title_factory
):
    title_factory(title="Pure Hearts")
    client.force_login(user)
    html = client.get(new_url(title), {"q": "pure"}).content.decode()

    assert 'name="q" value="pure"' in html
    assert f'type="radio" name="other" id="other-{other.pk}" value="{other.pk}"' in html
    assert "Pure Hearts" in html
    # The title being recommended for is never offered as its own recommendation.
    assert f'value="{title.pk}"' not in html


def test_a_recommendation_is_saved_and_shown_on_its_page(client, user, title, other):
    client.force_login(user)
    response = client.post(new_url(title), {"other": other.pk, "reason": REASON}, follow=True)

    recommendation = Recommendation.objects.get()
    assert response.redirect_chain == [(recommendation.get_absolute_url(), 302)]
    html = response.content.decode()
    assert "Thank you: you recommended Pure Soul for 1 Litre of Tears." in html
    assert REASON in html
    assert RecommendationReason.objects.get().user == user


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"reason": "x" * 49},
            "Please explain your recommendation in at least 50 characters (you wrote 49).",
        ),
        ({"reason": ""}, "Please explain your recommendation in at least 50 characters."),
        ({"other": "999999"}, "There is no title with id 999999; choose one from the search"),
        ({"other": "abc"}, "Choose the title you recommend from the search results."),
        ({"other": ""}, "Choose the title you recommend from the search results."),
        ({"other": "0"}, "There is no such title; choose one from the search results."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client, user, title, other, data, message):
    client.force_login(user)
    response = client.post(new_url(title), {"other": other.pk, "reason": REASON, **data})

    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    assert "nothing was saved" in html
    assert not Recommendation.objects.exists()


def test_recommending_the_title_for_itself_is_refused(client, user, title):
    client.force_login(user)
    response = client.post(new_url(title), {"other": title.pk, "reason": REASON})

    assert response.status_code == 422
    assert "A title cannot be recommended for itself" in response.content.decode()
    assert not Recommendation.objects.exists()


def test_a_refused_form_keeps_the_chosen_title_and_the_reason(client, user, title, other):
    client.force_login(user)
    html = client.post(new_url(title), {"other": other.pk, "reason": "Too short."}).content.decode()
    assert f'value="{other.pk}" checked' in html
    assert ">Too short.</textarea>" in html


def test_recommending_the_same_pair_twice_is_refused(client, user, title, other, recommend):
    recommend(user, other, title)
    client.force_login(user)
    response = client.post(new_url(title), {"other": other.pk, "reason": REASON + " Again!"})

    assert response.status_code == 422
    assert (
        "You have already recommended Pure Soul for 1 Litre of Tears" in response.content.decode()
    )
    assert RecommendationReason.objects.count() == 1


def test_another_users_reason_joins_the_existing_recommendation(
    client, user, user_factory, title, other, recommend
):
    existing = recommend(user_factory(), other, title)
    client.force_login(user)
    client.post(new_url(title), {"other": other.pk, "reason": REASON})

    existing.refresh_from_db()
    assert existing.reasons_count == 2
    assert Recommendation.objects.count() == 1


def test_add_your_reason_preselects_the_other_title(client, user, title, other):
    client.force_login(user)
    html = client.get(new_url(title), {"other": other.pk}).content.decode()
    assert f'value="{other.pk}" checked' in html


def test_an_unknown_title_to_recommend_for_is_not_found(client, user):
    client.force_login(user)
    assert client.get("/titles/999999/recommendations/new/").status_code == 404


@pytest.mark.parametrize("size", [2, 30])
def test_the_form_page_query_count_does_not_grow_with_matches(
    client, django_assert_num_queries, user, title, title_factory, size
):
    title_factory.create_batch(size, title="Pure something")
    client.force_login(user)
    # Expect 5 queries: the signed-in user (the session comes from the cache), the title, the
    # matching titles, and the member's permissions and their groups' (whether the header
    # shows Moderation), read once, then cached.
    # (+1: the header's bell, the member's unread count, read once and then cached)
    with django_assert_num_queries(6):
        response = client.get(new_url(title), {"q": "pure"})
    assert response.content.decode().count('type="radio"') == min(size, 8)
