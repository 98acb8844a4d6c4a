"""What readers do with articles: how often each is read, and the editors' Must-Reads."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from newsdesk.newsroom.models import Article


class ArticleStats(models.Model):
    """One row per article that has been read; ``views`` counts real, de-duplicated readers."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="stats"
    )
    views = models.PositiveBigIntegerField("views", default=0)

    class Meta:
        verbose_name = "article statistics"
        verbose_name_plural = "article statistics"
        indexes = [models.Index(fields=["-views"], name="stats_views_idx")]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.views} views"


class MustReadQuerySet(models.QuerySet):
    def active(self, now=None) -> MustReadQuerySet:
        now = now or timezone.now()
        return self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class MustRead(models.Model):
    """An editor's pin on the Must-Reads list. A pin past its expiry drops out by itself."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="must_read", verbose_name="article"
    )
    position = models.PositiveSmallIntegerField(
        "position", default=0, help_text="Lower numbers come first."
    )
    expires_at = models.DateTimeField(
        "expires", null=True, blank=True, help_text="Leave empty to keep the pin until removed."
    )
    created_at = models.DateTimeField("pinned", default=timezone.now, editable=False)

    objects = MustReadQuerySet.as_manager()

    class Meta:
        ordering = ["position", "-created_at"]
        verbose_name = "Must-Read pin"

    def __str__(self) -> str:
        return f"Must-Read #{self.position}: {self.article}"
