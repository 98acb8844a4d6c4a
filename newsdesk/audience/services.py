"""Counting a view: the rules that decide whether a beacon is a reader's view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from newsdesk.audience import readers
from newsdesk.audience.stores import get_store
from newsdesk.newsroom.models import Article


class UnknownArticle(Exception):
    pass


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Too many views reported; try again in {retry_after} s.")
        self.retry_after = retry_after


@dataclass(frozen=True)
class Beacon:
    article_id: int
    ip: str
    user_agent: str
    is_staff: bool


def view_record(*, beacon: Beacon, now: datetime | None = None) -> bool:
    """Counts the view if it is a real reader's first in the window; True when counted.

    Raises UnknownArticle for an article that does not exist and RateLimited past the
    per-reader rate. Returns only once a counted view is durably stored.
    """
    now = now or timezone.now()
    row = Article.objects.filter(pk=beacon.article_id).values_list("status", "publish_at").first()
    if row is None:
        raise UnknownArticle(beacon.article_id)
    if beacon.is_staff or readers.is_bot(beacon.user_agent):
        return False
    reader = readers.reader_key(ip=beacon.ip, user_agent=beacon.user_agent, day=now.date())
    _check_rate(reader, now)
    status, publish_at = row
    if status != Article.Status.PUBLISHED or publish_at is None or publish_at > now:
        return False
    return get_store().record(article_id=beacon.article_id, reader=reader, now=now)


def _check_rate(reader: str, now: datetime) -> None:
    limit = int(settings.NEWSDESK_VIEW_RATE_PER_MINUTE)
    key = f"view-rate:{reader}:{int(now.timestamp()) // 60}"
    cache.add(key, 0, timeout=120)
    try:
        used = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.add(key, 1, timeout=120)
        used = 1
    if used > limit:
        raise RateLimited(retry_after=60 - int(now.timestamp()) % 60)
