"""Counting a view: the rules that decide whether a beacon is a reader's view."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from newsdesk.audience import readers
from newsdesk.audience.errors import BadBeacon, StoreUnavailable, UnknownArticle
from newsdesk.audience.stores import get_store
from newsdesk.newsroom.models import Article
from newsdesk.site.caches import BoundedCache


@dataclass(frozen=True)
class Beacon:
    article_id: int
    ip: str
    user_agent: str
    is_staff: bool


def beacon_article_id(raw: str) -> int:
    """The article number a beacon names: digits only, 1 to 18 of them; else BadBeacon.

    The one parser for the Django view and the WSGI fast path.
    """
    if not (raw.isascii() and raw.isdigit() and 0 < len(raw) <= 18):
        raise BadBeacon()
    return int(raw)


def view_record(*, beacon: Beacon, now: datetime | None = None) -> bool:
    """Counts the view if it is a real reader's first in the window; True when counted.

    Raises (audience.errors) UnknownArticle for an article that does not exist, RateLimited
    past the per-reader rate, and StoreUnavailable when the view store (Redis, or the
    database) cannot answer now. Returns only once a counted view is durably stored.
    """
    try:
        return _record(beacon, now or timezone.now())
    except OperationalError as error:  # the database restarting, locked, a deadlock victim
        raise StoreUnavailable from error


def _record(beacon: Beacon, now: datetime) -> bool:
    row = _article_state(beacon.article_id)
    if row is None:
        raise UnknownArticle
    if beacon.is_staff or readers.is_bot(beacon.user_agent):
        return False
    reader = readers.reader_key(ip=beacon.ip, user_agent=beacon.user_agent, day=now.date())
    limit = int(settings.NEWSDESK_VIEW_RATE_PER_MINUTE)
    store = get_store()
    status, publish_at = row
    if status != Article.Status.PUBLISHED or publish_at is None or publish_at > now:
        store.rate(reader=reader, now=now, limit=limit)
        return False
    # The store checks the rate and records in one step: one round trip to Redis.
    return store.record(article_id=beacon.article_id, reader=reader, now=now, limit=limit)


# Per article: (when read, (status, publish time) or None); a burst of ids empties it.
_states: BoundedCache[int, tuple[float, tuple[str, datetime | None] | None]] = BoundedCache(
    "audience.article_states", max_entries=50_000
)


def _article_state(article_id: int) -> tuple[str, datetime | None] | None:
    """(status, publish time) of an article, or None; kept for a few seconds per process.

    The beacon is the hottest write path: a burst of readers on one story would otherwise
    ask the database the same question thousands of times a second. The price: a change of
    state takes up to NEWSDESK_VIEW_ARTICLE_CACHE_SECONDS to reach the counter.
    """
    ttl = float(settings.NEWSDESK_VIEW_ARTICLE_CACHE_SECONDS)
    hit = _states.get(article_id)
    if hit is not None and time.monotonic() - hit[0] < ttl:
        return hit[1]
    row = Article.objects.filter(pk=article_id).values_list("status", "publish_at").first()
    if ttl > 0:
        _states.set(article_id, (time.monotonic(), row))
    return row
