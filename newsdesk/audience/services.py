"""Counting a view: the rules that decide whether a beacon is a reader's view."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from newsdesk.audience import readers
from newsdesk.audience.errors import BadBeacon, CrossSiteBeacon, StoreUnavailable, UnknownArticle
from newsdesk.audience.models import MustRead
from newsdesk.audience.stores import Limits, get_store
from newsdesk.newsroom.models import Article
from newsdesk.site.caches import BoundedCache


@dataclass(frozen=True)
class Beacon:
    article_id: int
    ip: str
    user_agent: str
    is_staff: bool
    origin: str  # site.http.post_origin: "same-origin", "cross-site" or "unknown"


def beacon_article_id(raw: str) -> int:
    """The article number a beacon names: digits only, 1 to 18 of them; else BadBeacon.

    The one parser for the Django view and the WSGI fast path.
    """
    if not (raw.isascii() and raw.isdigit() and 0 < len(raw) <= 18):
        raise BadBeacon()
    return int(raw)


def view_record(*, beacon: Beacon, now: datetime | None = None) -> bool:
    """Counts the view if it is a real reader's first in the window and their address's share
    of readers is not spent; True when counted.

    Raises (audience.errors) CrossSiteBeacon for a report from another site's page,
    UnknownArticle for an article that does not exist or is not public (the same answer),
    RateLimited past the per-reader or per-address rate, and StoreUnavailable when the view
    store (Redis, or the database) cannot answer now. Returns once a counted view is stored.
    """
    try:
        return _record(beacon, now or timezone.now())
    except OperationalError as error:  # the database restarting, locked, a deadlock victim
        raise StoreUnavailable from error


def _record(beacon: Beacon, now: datetime) -> bool:
    if beacon.origin == "cross-site":
        raise CrossSiteBeacon
    row = _article_state(beacon.article_id)
    if row is None or not _is_live(*row, now=now):
        raise UnknownArticle  # a draft's id must tell no more than an id never used
    if beacon.is_staff or readers.is_bot(beacon.user_agent):
        return False
    day = now.date()
    # The store checks the rates and records in one step: one round trip to Redis.
    return get_store().record(
        article_id=beacon.article_id,
        reader=readers.reader_key(ip=beacon.ip, user_agent=beacon.user_agent, day=day),
        address=readers.address_key(ip=beacon.ip, day=day),
        now=now,
        limits=Limits.from_settings(),
    )


def _is_live(status: str, publish_at: datetime | None, *, now: datetime) -> bool:
    return status == Article.Status.PUBLISHED and publish_at is not None and publish_at <= now


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


def must_read_pin(*, article: Article, position: int = 0) -> tuple[MustRead, bool]:
    """Pins an article on Must-Reads (kept until removed); an article already pinned keeps
    its pin as it is. (pin, created). One or two queries."""
    return MustRead.objects.get_or_create(article=article, defaults={"position": position})
