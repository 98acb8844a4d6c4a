"""Cached pages and their purges, kept in one of Django's caches (shared through Redis).

A purge never looks for pages: it records, per surrogate key, the generation at which the
key was last purged. Each page is stored with the generation read *before* it was rendered,
and a page any of whose keys was purged at a later generation is stale. So a page rendered
from data older than a purge can never be served after it, even when its render finished
after the purge, and a purge costs one write per key however many pages show the key.

Pages live in the ``pages`` cache; purge marks in the ``page-purges`` cache, which every
process shares: Redis when REDIS_URL is set (generations from Redis INCR, exact across
hosts), else files in the data folder (generations from the clock, one host). So a purge
reaches every worker at once even when each keeps its own pages in memory.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

GENERATION = "pagecache:generation"
MAX_TTL = 60  # figures that refresh by nature (views, Popular Now) are never older than this


@dataclass
class Entry:
    status: str
    headers: list[tuple[str, str]]
    body: bytes
    keys: tuple[str, ...]
    etag: str
    stored_at: float
    generation: int
    # Rendered for a request without cookies and marked Vary: Cookie: the cookie-less variant,
    # served only to requests without cookies.
    cookieless: bool = False


def ttl() -> int:
    """Seconds a page is kept: NEWSDESK_PAGE_CACHE_SECONDS, never more than 60; 0 turns it off."""
    return max(0, min(int(settings.NEWSDESK_PAGE_CACHE_SECONDS), MAX_TTL))


def _cache():
    return caches[settings.NEWSDESK_PAGE_CACHE_ALIAS]


def _purges():
    return caches[settings.NEWSDESK_PAGE_PURGE_ALIAS]


def _page_key(address: str) -> str:
    return "pagecache:page:" + hashlib.sha256(address.encode("latin-1")).hexdigest()


def _marker(key: str) -> str:
    return "pagecache:purged:" + key


def generation() -> int:
    """The current purge generation (read before a render)."""
    purges = _purges()
    if not isinstance(purges, RedisCache):
        return time.time_ns()  # one host, one clock: no shared counter needed
    value = purges.get(GENERATION)
    if value is None:
        _seed(purges)
        value = purges.get(GENERATION, 0)
    return int(value)


def _seed(purges) -> None:
    # Seeded from the clock, so a generation lost with an evicted key restarts above every
    # generation recorded before, and no old page can pass as newer than a later purge.
    purges.add(GENERATION, time.time_ns(), timeout=None)


def get(address: str) -> Entry | None:
    """The page stored for ``address``, unless it has expired or one of its keys was purged."""
    entry = _cache().get(_page_key(address))
    if entry is None:
        return None
    purged = _purges().get_many([_marker(k) for k in entry.keys])
    if any(g > entry.generation for g in purged.values()):
        return None
    return entry


def put(address: str, entry: Entry) -> None:
    _cache().set(_page_key(address), entry, timeout=ttl())


def mark_purged(keys: list[str]) -> None:
    """Makes every page showing any of ``keys``, rendered until now, stale at once."""
    if not keys:
        return
    purges = _purges()
    if isinstance(purges, RedisCache):
        _seed(purges)
        try:
            current = purges.incr(GENERATION)
        except ValueError:  # evicted between add and incr
            _seed(purges)
            current = purges.incr(GENERATION)
    else:
        current = time.time_ns()
    # A mark must outlive every page rendered before it; pages live at most MAX_TTL.
    purges.set_many({_marker(k): current for k in keys}, timeout=2 * MAX_TTL + 60)
