"""The four lists of the reader site. Each is one query and never lists the page's own article."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from newsdesk.audience.models import ArticleStats, MustRead
from newsdesk.newsroom.models import Article, Section

TRENDING_WINDOW = timedelta(days=7)


def _length() -> int:
    return settings.NEWSDESK_LIST_LENGTH


def _take(queryset, exclude_id: int | None) -> list[Article]:
    """The first list-length items, skipping the page's own article.

    Fetching one extra row and filtering here keeps each list to a single, index-backed query.
    """
    items = [a for a in queryset[: _length() + 1] if a.pk != exclude_id]
    return items[: _length()]


def just_in(*, exclude_id: int | None = None) -> list[Article]:
    """The newest published articles site-wide."""
    return _take(Article.objects.live().for_listing().order_by("-publish_at", "-id"), exclude_id)


def latest_stories(
    *, section: Section | None = None, exclude_id: int | None = None
) -> list[Article]:
    """The newest in one section; without a section, the most recently updated site-wide."""
    qs = Article.objects.live().for_listing()
    if section is not None:
        return _take(qs.filter(section=section).order_by("-publish_at", "-id"), exclude_id)
    last_update = Coalesce("substantively_updated_at", "publish_at")
    return _take(qs.order_by(last_update.desc(), "-id"), exclude_id)


def popular_now(*, exclude_id: int | None = None) -> list[Article]:
    """The most-read articles published in the last seven days; unread ones rank by recency."""
    since = timezone.now() - TRENDING_WINDOW
    qs = (
        Article.objects.live()
        .for_listing()
        .filter(publish_at__gte=since)
        .order_by(F("stats__views").desc(nulls_last=True), "-publish_at")
    )
    return _take(qs, exclude_id)


def must_reads(
    *, exclude_id: int | None = None, popular: list[Article] | None = None
) -> list[Article]:
    """Editors' live pins in order, then the week's most-read not already in Popular Now."""
    now = timezone.now()
    pinned = [
        pin.article
        for pin in MustRead.objects.active(now)
        .filter(article__in=Article.objects.live(now))
        .select_related("article", "article__section")
        .order_by("position", "-created_at")[: _length() + 1]
        if pin.article_id != exclude_id
    ][: _length()]
    if len(pinned) >= _length():
        return pinned
    skip = {a.pk for a in pinned} | {a.pk for a in (popular or [])}
    if exclude_id is not None:
        skip.add(exclude_id)
    fill = (
        Article.objects.live(now)
        .for_listing()
        .filter(publish_at__gte=now - TRENDING_WINDOW)
        .exclude(pk__in=skip)
        .order_by(F("stats__views").desc(nulls_last=True), "-publish_at")[: _length() - len(pinned)]
    )
    return pinned + list(fill)


def view_count(article: Article) -> int:
    try:
        return article.stats.views
    except ArticleStats.DoesNotExist:
        return 0
