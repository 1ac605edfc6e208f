from decimal import Decimal

import pytest

from reviews.models import ListEntry, TitleStats

pytestmark = pytest.mark.django_db


@pytest.fixture
def title(title_factory):
    return title_factory(title="1 Litre of Tears", episodes=11)


def form_data(**overrides) -> dict:
    data = {
        "status": "watching",
        "score": "9.0",
        "episodes_seen": "4",
        "started_on": "2024-01-02",
        "finished_on": "",
    }
    data.update(overrides)
    return data


def test_a_user_adds_a_title_with_episodes_and_dates(client, user, title):
    client.force_login(user)
    response = client.post(f"/titles/{title.pk}/my-entry/", form_data())
    assert response.status_code == 302
    entry = ListEntry.objects.get(user=user)
    assert (entry.status, entry.episodes_seen, str(entry.started_on)) == (
        "watching",
        4,
        "2024-01-02",
    )


def test_more_episodes_than_the_title_has_are_refused_and_the_input_kept(client, user, title):
    client.force_login(user)
    response = client.post(f"/titles/{title.pk}/my-entry/", form_data(episodes_seen="12"))
    html = response.content.decode()
    assert response.status_code == 422
    assert "1 Litre of Tears has 11 episodes; you cannot have seen 12." in html
    assert 'value="2024-01-02"' in html
    assert not ListEntry.objects.exists()


def test_finishing_before_starting_is_refused(client, user, title, rate):
    entry = rate(user, title, "8.0")
    client.force_login(user)
    response = client.post(
        f"/list/{entry.pk}/edit/", form_data(started_on="2024-05-01", finished_on="2024-04-01")
    )
    assert response.status_code == 422
    assert "You cannot finish a title before you started it." in response.content.decode()
    entry.refresh_from_db()
    assert entry.score == Decimal("8.0")


def test_editing_changes_the_statistics(client, user, title, rate):
    entry = rate(user, title, "8.0")
    client.force_login(user)
    client.post(f"/list/{entry.pk}/edit/", form_data(score="5.0"))
    assert TitleStats.objects.get(title=title).ratings_sum == Decimal("5.0")


def test_someone_elses_entry_cannot_be_edited_or_removed(client, user, user_factory, title, rate):
    entry = rate(user_factory(username="bob"), title, "8.0")
    client.force_login(user)

    assert client.get(f"/list/{entry.pk}/edit/").status_code == 404
    assert client.post(f"/list/{entry.pk}/edit/", form_data(score="1.0")).status_code == 404
    assert client.post(f"/list/{entry.pk}/remove/").status_code == 404
    assert client.get(f"/list/{entry.pk}/remove/").status_code == 404
    entry.refresh_from_db()
    assert entry.score == Decimal("8.0")


def test_signed_out_users_cannot_edit_or_remove(client, user, title, rate):
    entry = rate(user, title, "8.0")
    assert client.post(f"/list/{entry.pk}/remove/")["Location"].startswith("/accounts/login/")
    assert ListEntry.objects.filter(pk=entry.pk).exists()


def test_removing_asks_first_and_says_the_score_goes_with_it(client, user, title, rate):
    entry = rate(user, title, "8.0")
    client.force_login(user)
    back = f"/users/{user.username}/list/"
    listed = client.get(back).content.decode()
    assert f'href="/list/{entry.pk}/remove/?next=' in listed  # a link to the question

    page = client.get(f"/list/{entry.pk}/remove/", {"next": back}).content.decode()
    assert f"Remove {title.title} from your list?" in page
    assert "Your rating of 8.0 goes with it" in page
    assert f'name="next" value="{back}"' in page and f'href="{back}">Keep it' in page
    assert ListEntry.objects.filter(pk=entry.pk).exists()  # asking removed nothing
    assert TitleStats.objects.get(title=title).ratings_count == 1


def test_removing_an_entry_updates_the_statistics(client, user, title, rate):
    entry = rate(user, title, "8.0")
    client.force_login(user)
    back = f"/users/{user.username}/list/?status=completed"
    response = client.post(f"/list/{entry.pk}/remove/", {"next": back})
    assert response["Location"] == back
    stats = TitleStats.objects.get(title=title)
    assert (stats.ratings_count, stats.watchers) == (0, 0)


def test_a_next_address_on_another_site_is_ignored(client, user, title):
    client.force_login(user)
    response = client.post(
        f"/titles/{title.pk}/my-entry/", {**form_data(), "next": "//evil.example/"}
    )
    assert response["Location"] == title.get_absolute_url()


def test_the_removal_question_says_that_a_reviewed_title_stays(
    client, user, title, rate, submit_review
):
    entry = rate(user, title, "8.0")
    submit_review(user, title)
    client.force_login(user)
    page = client.get(f"/list/{entry.pk}/remove/").content.decode()
    assert "While your review of it stands, the title stays on your list" in page
