"""Reads for the editors' dashboard: views over time and what is being read now."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Sum
from django.utils import timezone

from newsdesk.audience.models import ViewHour
from newsdesk.audience.stores import StoreUnavailable, get_store, hour_of
from newsdesk.newsroom.models import Article

logger = logging.getLogger(__name__)


@dataclass
class TopArticle:
    article: Article
    views: int
    last_7_days: list[int]


def views_per_hour(*, hours: int = 48, now: datetime | None = None) -> list[tuple[datetime, int]]:
    """Counted views in each of the last ``hours`` clock hours (UTC buckets), oldest first."""
    end = hour_of(now or timezone.now())
    start = end - timedelta(hours=hours - 1)
    rows = (
        ViewHour.objects.filter(hour__gte=start, hour__lte=end)
        .values("hour")
        .annotate(total=Sum("views"))
    )
    by_hour = {row["hour"]: row["total"] for row in rows}
    return [
        (start + timedelta(hours=i), by_hour.get(start + timedelta(hours=i), 0))
        for i in range(hours)
    ]


def views_per_day(*, days: int = 30, now: datetime | None = None) -> list[tuple[date, int]]:
    """Counted views on each of the last ``days`` days in the newsroom's time zone."""
    today = timezone.localdate(now or timezone.now())
    first = today - timedelta(days=days - 1)
    start = timezone.make_aware(datetime.combine(first, datetime.min.time()))
    rows = ViewHour.objects.filter(hour__gte=start).values("hour").annotate(total=Sum("views"))
    by_day: dict[date, int] = defaultdict(int)
    for row in rows:
        by_day[timezone.localdate(row["hour"])] += row["total"]
    return [
        (first + timedelta(days=i), by_day.get(first + timedelta(days=i), 0)) for i in range(days)
    ]


def top_articles(*, limit: int = 10, now: datetime | None = None) -> list[TopArticle]:
    """The highest trending articles of the last week, each with its views per day for 7 days."""
    now = now or timezone.now()
    articles = list(
        Article.objects.live(now)
        .filter(publish_at__gte=now - timedelta(days=7), stats__isnull=False)
        .select_related("section", "stats")
        .order_by("-stats__trend")[:limit]
    )
    today = timezone.localdate(now)
    first = today - timedelta(days=6)
    start = timezone.make_aware(datetime.combine(first, datetime.min.time()))
    daily: dict[int, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for row in ViewHour.objects.filter(article__in=articles, hour__gte=start).values(
        "article_id", "hour", "views"
    ):
        daily[row["article_id"]][timezone.localdate(row["hour"])] += row["views"]
    return [
        TopArticle(
            article=a,
            views=a.stats.views,
            last_7_days=[daily[a.pk].get(first + timedelta(days=i), 0) for i in range(7)],
        )
        for a in articles
    ]


def refresh() -> None:
    """Brings views held in Redis (or in this process's view journal) into SQL first, so the
    dashboard shows every counted view.

    With Redis unreachable the dashboard shows what SQL holds (the flush waits for Redis)."""
    try:
        get_store().flush(force=True)
    except StoreUnavailable:
        logger.warning("dashboard shows SQL figures only: Redis unavailable")
