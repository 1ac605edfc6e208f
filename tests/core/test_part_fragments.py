"""Fragments of a stored part (core/part_cache.py): each is stored under its identity, unless
its rows moved between reading its identity and rendering it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from core.part_cache import Parts
from core.versions import MEMBERS

pytestmark = pytest.mark.django_db


def page_parts() -> Parts:
    request = RequestFactory().get("/a-page/")
    request.user = AnonymousUser()
    return Parts(request, "tests", {}, fragments={"row": [MEMBERS]})


def test_a_fragment_whose_rows_moved_is_rendered_but_not_stored():
    rendered: list[str] = []

    def row(word: str):
        def render() -> str:
            rendered.append(word)
            return f"<p>{word}</p>"

        return (word, render)

    asked: list[list[int]] = []

    def before(missing: list[int]) -> list[int]:
        asked.append(missing)
        return [1]  # the second row was written to since its identity was read

    first = page_parts().each("row", [row("a"), row("b")], before)
    again = page_parts()
    second = again.each("row", [row("a"), row("b")])

    assert first == second == ["<p>a</p>", "<p>b</p>"]
    assert asked == [[0, 1]]
    assert rendered == ["a", "b", "b"]  # "b" was not stored, so it is rendered again
    assert again.counts == {"hit": 0, "miss": 0, "fragment hit": 1, "fragment miss": 1}
