import pytest
from django.urls import reverse

from bench.views import FLOOR_PAGE

pytestmark = pytest.mark.django_db


def test_it_returns_the_fixed_page_without_a_query(client, django_assert_num_queries):
    # Expect 0 queries: the floor reads no session, no user and no table.
    with django_assert_num_queries(0):
        response = client.get(reverse("bench:floor"))
    assert response.status_code == 200
    assert response.content == FLOOR_PAGE


def test_it_stays_query_free_for_a_signed_in_user(client, user_factory, django_assert_num_queries):
    client.force_login(user_factory())
    # Expect 0 queries: the session is loaded lazily and the view never asks for it.
    with django_assert_num_queries(0):
        response = client.get(reverse("bench:floor"))
    assert response.content == FLOOR_PAGE


def test_it_goes_through_the_middleware(client):
    # The clickjacking and security middleware add their headers to every response,
    # so the floor pays the same per-request stack cost as the real pages.
    response = client.get(reverse("bench:floor"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
