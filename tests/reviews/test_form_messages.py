"""Messages on refused forms read as a person would write them."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_one_character_review_is_one_character(client, user, title_factory, review_data):
    title = title_factory(episodes=11)
    client.force_login(user)
    response = client.post(f"/titles/{title.pk}/review/", review_data(body="x"))
    html = response.content.decode()
    assert response.status_code == 422
    assert "Your review is 1 character long; please write at least 100." in html
    assert "1 characters" not in html


@pytest.mark.parametrize("episodes", [11, None])
def test_an_absurd_episode_count_names_the_titles_episodes(client, user, title_factory, episodes):
    title = title_factory(episodes=episodes)
    client.force_login(user)
    data = {"status": "watching", "score": "", "episodes_seen": "40000"}
    response = client.post(f"/titles/{title.pk}/my-entry/", data)
    html = response.content.decode()
    assert response.status_code == 422
    assert "32767" not in html
    if episodes:
        assert f"{title.title} has 11 episodes; you cannot have seen more." in html
    else:
        assert "That is more episodes than any title has" in html
