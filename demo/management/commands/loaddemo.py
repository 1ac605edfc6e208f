"""Load the demo data: safe to run any number of times."""

from time import monotonic
from typing import Any

from django.core.management.base import BaseCommand

from core.versions import SITE_WIDE, pages_changed
from demo import (
    comments,
    episodes,
    favorites,
    lists,
    news,
    pictures,
    ratings,
    recommendations,
    reviews,
    titles,
)


class Command(BaseCommand):
    help = 'Create the demo catalogue around "1 Litre of Tears". Running it again changes nothing.'

    def handle(self, *args: Any, **options: Any) -> None:
        started = monotonic()
        steps = [
            ("catalogue: 1 Litre of Tears", titles.load_seed_title),
            ("catalogue: other titles", titles.load_other_titles),
            ("catalogue: a special, airing and upcoming titles", titles.load_discovery_titles),
            ("catalogue: episodes", episodes.load_episodes),
            ("users, lists and ratings", self.load_ratings),
            ("reviews", lambda: reviews.load_reviews(titles.load_seed_title())),
            ("favorites", favorites.load_favorites),
            ("comments: 1 Litre of Tears", comments.load_comments),
            ("recommendations", self.load_recommendations),
            ("similar titles", recommendations.load_similar_titles),
            ("catalogue: the films' running times and directors", titles.load_film_facts),
            ("news & articles", news.load_articles),
            ("lists of titles", lists.load_lists),
            ("pictures: posters, portraits and avatars", pictures.load_pictures),
        ]
        for number, (label, step) in enumerate(steps, start=1):
            self.stdout.write(f"[{number}/{len(steps)}] {label}…", ending="")
            self.stdout.flush()
            step_started = monotonic()
            step()
            self.stdout.write(f" done in {monotonic() - step_started:.1f}s")
        pages_changed(*SITE_WIDE)  # written past the services: every page is made afresh
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {monotonic() - started:.1f}s."))

    def load_ratings(self) -> None:
        ratings.load_ratings(titles.load_seed_title(), titles.load_other_titles())

    def load_recommendations(self) -> None:
        recommendations.load_recommendations(titles.load_seed_title())
