from datetime import timedelta

import factory
from django.utils import timezone

from news.models import Article


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article; pass `titles=[...]` to link it to titles."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Headline number {n}")
    blurb = "A short line about what the article says."
    body = "First paragraph.\n\nSecond paragraph."
    published_at = factory.Sequence(lambda n: timezone.now() - timedelta(days=1000 - n))

    @factory.post_generation
    def titles(self, create, extracted, **kwargs):
        if create and extracted:
            self.titles.add(*extracted)
