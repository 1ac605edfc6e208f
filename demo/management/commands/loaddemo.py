"""Load the demo data: safe to run any number of times."""

from time import monotonic

from django.core.management.base import BaseCommand

from comments import demo as comments_demo
from demo import pictures as demo_pictures
from news import demo as news_demo
from recommendations import demo as recommendations_demo
from reviews import demo as reviews_demo
from reviews import review_demo
from titles import demo as titles_demo


class Command(BaseCommand):
    help = 'Create the demo catalogue around "1 Litre of Tears". Running it again changes nothing.'

    def handle(self, *args, **options) -> None:
        started = monotonic()
        steps = [
            ("catalogue: 1 Litre of Tears", titles_demo.load_seed_title),
            ("catalogue: other titles", titles_demo.load_other_titles),
            ("catalogue: a special, airing and upcoming titles", titles_demo.load_discovery_titles),
            ("users, lists and ratings", self.load_ratings),
            ("reviews", lambda: review_demo.load_reviews(titles_demo.load_seed_title())),
            ("comments: 1 Litre of Tears", comments_demo.load_comments),
            ("recommendations", self.load_recommendations),
            ("similar titles", recommendations_demo.load_similar_titles),
            ("catalogue: the films' running times and directors", titles_demo.load_film_facts),
            ("news & articles", news_demo.load_articles),
            ("pictures: posters, portraits and avatars", demo_pictures.load_pictures),
        ]
        for number, (label, step) in enumerate(steps, start=1):
            self.stdout.write(f"[{number}/{len(steps)}] {label}…", ending="")
            self.stdout.flush()
            step_started = monotonic()
            step()
            self.stdout.write(f" done in {monotonic() - step_started:.1f}s")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {monotonic() - started:.1f}s."))

    def load_ratings(self) -> None:
        reviews_demo.load_ratings(titles_demo.load_seed_title(), titles_demo.load_other_titles())

    def load_recommendations(self) -> None:
        recommendations_demo.load_recommendations(titles_demo.load_seed_title())
