"""compute_similar on a small data set whose answer is worked out by hand."""

import io
import math

import pytest
from django.core.management import call_command

from recommendations.models import SimilarTitle
from recommendations.similar import similar_titles_compute

pytestmark = pytest.mark.django_db

# user: {title: score}. A like is a score of 8.0 or more.
SCORES = {
    "u1": {"A": "9.0", "B": "9.0", "C": "7.5"},  # C is not a like
    "u2": {"A": "8.0", "B": "10.0"},
    "u3": {"A": "9.0", "C": "8.0"},
    "u4": {"B": "8.0", "C": "9.0"},
    # Four likes: with at most three per user, the lowest-scored (D) does not count.
    "u5": {"A": "10.0", "B": "9.5", "C": "9.0", "D": "8.5"},
    "u6": {"A": "8.0", "D": "9.0"},
    "u7": {"B": None, "C": "5.0"},  # no score and a low score: no likes at all
}


@pytest.fixture
def titles(title_factory, user_factory, list_entry_factory, settings):
    settings.SIMILAR_LIKED_SCORE = 8.0
    settings.SIMILAR_LIKES_PER_USER = 3
    settings.SIMILAR_MIN_CO_LIKERS = 2
    settings.SIMILAR_TITLES_KEPT = 10
    made = {name: title_factory(title=name) for name in "ABCD"}
    for username, scores in SCORES.items():
        user = user_factory(username=username)
        for name, score in scores.items():
            list_entry_factory(user=user, title=made[name], score=score)
    return made


def stored(titles) -> dict[str, list[tuple[str, float, int]]]:
    by_id = {t.pk: name for name, t in titles.items()}
    result: dict[str, list[tuple[str, float, int]]] = {}
    for row in SimilarTitle.objects.order_by("title_id", "rank"):
        result.setdefault(by_id[row.title_id], []).append(
            (by_id[row.similar_id], round(row.score, 4), row.co_likers)
        )
    return result


def test_it_stores_the_cosine_of_co_likers_for_each_title_best_first(titles):
    # Likers (capped): A = u1 u2 u3 u5 u6 (5), B = u1 u2 u4 u5 (4), C = u3 u4 u5 (3), D = u6 (1).
    # Co-likers: A·B = u1 u2 u5 (3), A·C = u3 u5 (2), B·C = u4 u5 (2), A·D = u6 (1, too few).
    ab, ac, bc = 3 / math.sqrt(5 * 4), 2 / math.sqrt(5 * 3), 2 / math.sqrt(4 * 3)

    result = similar_titles_compute()

    assert stored(titles) == {
        "A": [("B", round(ab, 4), 3), ("C", round(ac, 4), 2)],
        "B": [("A", round(ab, 4), 3), ("C", round(bc, 4), 2)],
        "C": [("B", round(bc, 4), 2), ("A", round(ac, 4), 2)],
    }
    # 13 likes: two each for u1, u2, u3, u4 and u6, three for u5; 2·1 × 5 + 3·2 ordered pairs.
    assert (result.likes, result.users, result.pairs) == (13, 6, 16)
    assert (result.rows, result.titles) == (6, 3)


def test_raising_the_cap_lets_a_users_fourth_like_count(titles, settings):
    settings.SIMILAR_LIKES_PER_USER = 4
    similar_titles_compute()
    # u5's like of D now counts: D = u5 u6 (2), A·D = u5 u6 (2).
    assert stored(titles)["D"] == [("A", round(2 / math.sqrt(5 * 2), 4), 2)]


def test_each_title_keeps_only_its_best(titles, settings):
    settings.SIMILAR_TITLES_KEPT = 1
    similar_titles_compute()
    assert {name: [s[0] for s in rows] for name, rows in stored(titles).items()} == {
        "A": ["B"],
        "B": ["A"],
        "C": ["B"],
    }


def test_a_rerun_replaces_the_table_instead_of_adding_to_it(titles, list_entry_factory):
    similar_titles_compute()
    before = stored(titles)
    similar_titles_compute()
    assert stored(titles) == before
    assert SimilarTitle.objects.count() == 6


def test_the_command_reports_its_progress(titles):
    out = io.StringIO()
    call_command("compute_similar", stdout=out)
    text = out.getvalue()
    assert "likes: 13 from 6 users (score ≥ 8.0, at most 3 per user), 16 ordered pairs" in text
    assert "pairs: slice 1/1, 6 similar titles kept" in text
    assert "Stored 6 similar titles for 3 titles" in text


def test_slicing_the_work_gives_the_same_answer(titles, monkeypatch):
    similar_titles_compute()
    whole = stored(titles)
    monkeypatch.setattr("recommendations.similar.PAIRS_PER_SLICE", 5)

    result = similar_titles_compute()

    assert result.slices == 4
    assert stored(titles) == whole
