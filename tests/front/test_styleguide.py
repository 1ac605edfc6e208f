"""/styleguide/ shows the design system's components to staff, from samples in memory."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_is_for_staff(client, user_factory):
    assert client.get("/styleguide/").status_code == 404
    client.force_login(user_factory())
    assert client.get("/styleguide/").status_code == 404


def test_staff_see_every_component_without_reading_the_catalogue(
    client, user_factory, django_assert_num_queries
):
    client.force_login(user_factory(is_staff=True))
    # Expect 3 queries: the signed-in member and their permissions, two queries, for the
    # header's menus; the samples are built in memory.
    # (+1: the header's bell, the member's unread count, read once and then cached)
    with django_assert_num_queries(4):
        html = client.get("/styleguide/").content.decode()
    for component in ("--dd-accent", "title-card", "score-chip", 'class="score-scale',
                      'class="filter-bar', 'class="section-nav', 'class="pagination',
                      "alert-warning", "btn-outline-primary"):  # fmt: skip
        assert component in html, component
    assert 'value="8.5" id="id_score_15" checked' in html
    assert "noindex" in html
