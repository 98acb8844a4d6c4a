"""The four lists of the reader site. Each is one query and never lists the page's own article."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from newsdesk.audience.models import ArticleStats, MustRead
from newsdesk.audience.stores import get_store
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
    """The articles of the last seven days with the highest time-decayed view score.

    The score is forward-decayed (audience.trending), so ordering by the stored log score
    is ordering by the decayed score now; unread articles follow, newest first.
    """
    since = timezone.now() - TRENDING_WINDOW
    qs = (
        Article.objects.live()
        .for_listing()
        .filter(publish_at__gte=since)
        .order_by(F("stats__trend").desc(nulls_last=True), "-publish_at", "-id")
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
    """Counted views of an article loaded with its stats, plus any not yet written to SQL."""
    try:
        stored = article.stats.views
    except ArticleStats.DoesNotExist:
        stored = 0
    return stored + get_store().pending([article.pk]).get(article.pk, 0)


def live_view_count(article_id: int) -> int | None:
    """The count for the live counter; None for an article that is not public."""
    row = Article.objects.live().filter(pk=article_id).values_list("pk", "stats__views").first()
    if row is None:
        return None
    return (row[1] or 0) + get_store().pending([article_id]).get(article_id, 0)
