"""Editorial articles about titles ("News & Articles"), written by editors in the admin."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from core.history import EditHistory
from core.images import CheckedImageField
from core.models import TimeStampedModel
from titles.models import Title

BLURB_MAX_LENGTH = 200


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        """Articles whose publication time has come; later ones are scheduled."""
        return self.filter(published_at__lte=timezone.now())

    def newest_first(self) -> ArticleQuerySet:
        return self.order_by("-published_at", "-id")


class Article(TimeStampedModel):
    headline = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, help_text="Used in the address; the id keeps old links working."
    )
    blurb = models.CharField(
        max_length=BLURB_MAX_LENGTH, help_text="One line shown under the headline in lists."
    )
    body = models.TextField(help_text="Plain text; a blank line starts a new paragraph.")
    image = CheckedImageField(upload_to="news/", blank=True, kind="banner")
    image_alt = models.CharField(
        "image description",
        max_length=200,
        blank=True,
        help_text="What the image shows, for readers who cannot see it.",
    )
    published_at = models.DateTimeField(
        "publication date",
        default=timezone.now,
        help_text="The article stays hidden until then.",
    )
    titles = models.ManyToManyField(
        Title, blank=True, related_name="articles", help_text="The titles this article is about."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )

    objects = ArticleQuerySet.as_manager()
    # Every edit, with its linked titles as they then stood; not the timestamps, which the
    # records' own dates repeat.
    history = EditHistory(excluded_fields=["created_at", "updated_at"], m2m_fields=["titles"])

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="article_blurb_one_line",
                condition=~Q(blurb__contains="\n") & ~Q(blurb__contains="\r"),
                violation_error_message="The blurb must be a single line.",
            ),
        ]
        indexes = [
            # News index: published articles, newest first.
            models.Index(F("published_at").desc(), F("id").desc(), name="article_newest_idx"),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return reverse("news:article", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.published_at <= timezone.now()

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.headline)[:200] or "article"
        super().save(*args, **kwargs)
