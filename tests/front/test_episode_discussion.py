"""Each episode has its own thread, folded for whoever has not seen the episode yet: "You are
at episode M" for a member behind, a reveal for visitors, open for those caught up. The fold
is the member's own part of a shared page: it costs no query of its own."""

import pytest

from comments.services import comment_post
from core.versions import member_version, pages_changed
from reviews.services import list_entry_save
from social.models import Notification
from titles.models import Episode

pytestmark = pytest.mark.django_db


@pytest.fixture
def fifth(title_factory):
    title = title_factory(title="Pure Soul", episodes=12)
    Episode.objects.bulk_create(Episode(title=title, number=n) for n in range(1, 13))
    return Episode.objects.get(title=title, number=5)


def _fold(client, episode) -> str:
    html = client.get(episode.get_absolute_url()).content.decode()
    start = html.index('<details class="episode-fold"')
    return html[start : html.index("</summary>", start)]


def test_the_thread_is_folded_by_the_viewers_progress(client, fifth, user_factory):
    writer = user_factory(username="writer")
    said = comment_post(author=writer, target=fifth, body="The letter in the hospital!")
    assert fifth.get_absolute_url() == f"/titles/{fifth.title_id}/episodes/5/"
    html = client.get(fifth.get_absolute_url()).content.decode()
    assert "The letter in the hospital!" in html and "Episode 6 ›" in html
    assert "open" not in _fold(client, fifth) and "may spoil it" in _fold(client, fifth)
    member = user_factory()
    client.force_login(member)
    assert "which you have not marked as seen" in _fold(client, fifth)
    list_entry_save(user=member, title=fifth.title, status="watching", score=None,
                    episodes_seen=3)  # fmt: skip
    assert "You are at episode 3: this is about episode 5" in _fold(client, fifth)
    assert " open>" not in _fold(client, fifth)
    list_entry_save(user=member, title=fifth.title, status="watching", score=None,
                    episodes_seen=5)  # fmt: skip
    assert _fold(client, fifth).startswith('<details class="episode-fold" open>')
    comment_post(author=member, target=fifth, body="Same.", parent_id=said.pk)
    (told,) = Notification.objects.for_member(writer.pk)
    assert told.text == "replied to your comment on Pure Soul, episode 5"


def test_an_episode_page_costs_the_same_with_the_fold(client, fifth, user_factory,
                                                      django_assert_num_queries):  # fmt: skip
    for n in range(3):
        comment_post(author=user_factory(), target=fifth, body=f"Thought {n} on episode five.")
    member = user_factory()
    client.force_login(member)
    url = fifth.get_absolute_url()
    client.get(url)
    # From their own stored page (core/page_cache.py), and the member from the cache: nothing.
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200
    # After something of theirs changed, from the shared cache: their entry for the title (for
    # the fold) and their reports among the comments shown (none has a like, so their likes
    # are not asked).
    pages_changed(member_version(member.pk))
    with django_assert_num_queries(2):
        assert client.get(url).status_code == 200
    assert client.get(f"/titles/{fifth.title_id}/episodes/99/").status_code == 404


def test_a_title_comment_about_an_episode_is_folded_the_same_way(client, fifth, user_factory):
    title = fifth.title
    writer, reader = user_factory(), user_factory()
    client.force_login(writer)
    post = f"/comments/post/{_title_type()}/{title.pk}/"
    refused = client.post(
        post, {"body": "The finale!", "episode": "99"}, headers={"HX-Request": "true"}
    )
    assert refused.status_code == 422 and f"{title} has no episode 99." in refused.content.decode()
    assert 'id="id_comment_episode"' in client.get(title.get_absolute_url()).content.decode()
    client.post(post, {"body": "Her speech at the ceremony.", "episode": "7"})
    client.post(post, {"body": "About the whole show."})
    client.force_login(reader)
    html = client.get(title.get_absolute_url()).content.decode()
    assert html.count('<details class="episode-fold"') == 1
    assert "This is about episode 7, which you have not marked as seen" in html
    list_entry_save(user=reader, title=title, status="completed", score=None)
    html = client.get(title.get_absolute_url()).content.decode()
    assert '<details class="episode-fold" open><summary>About episode 7' in html


def _title_type() -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get(app_label="titles", model="title").pk


def test_words_about_an_episode_stay_out_of_quotes_and_the_feed(client, fifth, user_factory):
    """Notifications, the digest and the feed cannot fold words: a comment on an episode's own
    page, a title thread tagged with an episode and every reply in it are never quoted there."""
    from social.services import follow

    reader, writer = user_factory(username="reader"), user_factory(username="writer")
    follow(follower=reader, followed=writer)
    title = fifth.title
    on_page = comment_post(author=reader, target=fifth, body="Who sent the letter?")
    comment_post(author=writer, target=fifth, body="Her mother did, sadly.", parent_id=on_page.pk)
    tagged = comment_post(author=reader, target=title, body="The ward scene.", episode=5)
    comment_post(author=writer, target=title, body="Her brother visits.", parent_id=tagged.pk)
    plain = comment_post(author=reader, target=title, body="Lovely soundtrack.")
    comment_post(author=writer, target=title, body="The piano theme, yes.", parent_id=plain.pk)
    quotes = sorted(n.quote for n in Notification.objects.for_member(reader.pk))
    assert quotes == ["", "", "The piano theme, yes."]
    client.force_login(reader)
    feed = client.get("/feed/").content.decode()
    assert "The piano theme, yes." in feed
    for words in ("Her mother did", "Her brother visits"):
        assert words not in feed
