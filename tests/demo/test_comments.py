import pytest
from django.core.management import call_command

from comments.models import Comment
from comments.selectors import comment_count
from demo.comments import load_comments
from demo.titles import load_seed_title

pytestmark = pytest.mark.django_db


def test_it_loads_fourteen_comments_shaped_like_the_reference_and_only_once():
    title = load_seed_title()
    load_comments()
    load_comments()

    comments = list(Comment.objects.for_target(title))
    assert len(comments) == 14
    assert comment_count(title) == 14
    replies = [c for c in comments if c.parent_id]
    assert len(replies) == 1
    assert "?" in replies[0].parent.body
    assert sum(c.is_spoiler for c in comments) == 1
    assert any("Je l'ai regardé" in c.body for c in comments)
    assert max(len(c.body) for c in comments) > 2_000
    assert len({c.author_id for c in comments}) >= 5


@pytest.mark.slow  # loads the whole demo
def test_it_is_a_step_of_loaddemo_and_shows_on_the_title_page(client):
    call_command("loaddemo", stdout=None)
    call_command("loaddemo", stdout=None)
    title = load_seed_title()

    html = client.get(title.get_absolute_url()).content.decode()

    assert "Comments (14)" in html
    assert "Reveal Spoiler »" in html
    assert "Jul 15, 2014" in html
    assert "28 days ago" in html
