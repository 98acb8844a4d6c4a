"""What readers do with articles: views counted once per reader per half hour, and Must-Reads."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from newsdesk.audience.trending import NO_WEIGHT
from newsdesk.newsroom.models import Article


class ArticleStats(models.Model):
    """One row per article that has been read.

    ``views`` counts real, de-duplicated readers. ``trend`` is the article's forward-decayed
    view score kept as a logarithm: each view adds exp(lambda * (t - epoch)), so scores of
    different articles compare correctly at any moment without ever being recomputed.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="stats"
    )
    views = models.PositiveBigIntegerField("views", default=0)
    trend = models.FloatField("trend (log score)", default=NO_WEIGHT)

    class Meta:
        verbose_name = "article statistics"
        verbose_name_plural = "article statistics"
        indexes = [
            models.Index(fields=["-views"], name="stats_views_idx"),
            models.Index(fields=["-trend"], name="stats_trend_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.views} views"


class ViewHour(models.Model):
    """Counted views of one article in one clock hour: the dashboard's raw material."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="view_hours")
    hour = models.DateTimeField("hour (UTC)")
    views = models.PositiveIntegerField("views", default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "hour"], name="viewhour_unique")]
        indexes = [models.Index(fields=["hour"], name="viewhour_hour_idx")]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}h: {self.views}"


class RecentView(models.Model):
    """A reader's last counted view of an article, kept for the de-duplication window only.

    ``reader`` is a keyed hash of IP address and user agent under a salt that lives for one
    day (DailySalt): no cookie, and nothing that identifies a person once the day is over.
    """

    reader = models.CharField("reader hash", max_length=64)
    article_id = models.BigIntegerField("article")
    seen_at = models.DateTimeField("counted at")
    # seen_at + the window, stored so that a batch of views can be judged against it row by
    # row in one portable upsert (audience.stores.write_views).
    counts_again_at = models.DateTimeField("a new view counts from")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reader", "article_id"], name="recentview_unique")
        ]
        indexes = [models.Index(fields=["counts_again_at"], name="recentview_again_idx")]

    def __str__(self) -> str:
        return f"{self.reader[:8]}… read {self.article_id}"


class DailySalt(models.Model):
    """The salt of one day's reader hashes. Older salts are deleted: old hashes can't be linked."""

    day = models.DateField("day", primary_key=True)
    salt = models.CharField("salt", max_length=64)

    def __str__(self) -> str:
        return str(self.day)


class FlushCursor(models.Model):
    """How far a source of views has been written into SQL; moves in the same transaction.

    ``name`` is the Redis stream (``position``: the last entry id written) or
    ``journal:<file>`` for a view journal (``position``: the byte offset written up to;
    audience.journal).
    """

    name = models.CharField("stream", max_length=64, primary_key=True)
    position = models.CharField("written up to", max_length=64, default="0-0")

    def __str__(self) -> str:
        return f"{self.name}: {self.position}"


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
