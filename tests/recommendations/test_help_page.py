import pytest

pytestmark = pytest.mark.django_db


def test_the_help_page_explains_the_method_with_the_current_settings(client, settings):
    settings.SIMILAR_LIKES_PER_USER = 40
    settings.SIMILAR_MIN_CO_LIKERS = 5
    html = client.get("/help/recommendations/").content.decode()

    assert "People who liked this also liked" in html
    assert "co-likers ÷ √(likers of A × likers of B)" in html
    assert "a score of 8.0 or more" in html
    assert "at most 40 likes" in html
    assert "fewer than 5 co-likers" in html
    assert "at least 50 characters" in html
