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

import contextvars
import functools
import hashlib
import math
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from newsdesk.site.caches import BoundedCache, on_clear

GENERATION = "pagecache:generation"
CLOCK = "pagecache:clock"  # moved after a purge's marks are written (see _Memory)
EVERY_PAGE = "pagecache:every-page"  # a mark every stored page is checked against (mark_all_purged)
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


def shared() -> bool:
    """Whether the pages live in Redis (REDIS_URL set)."""
    return isinstance(_cache(), RedisCache)


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


class _Memory:
    """This process's first level: pages it has already checked, with the purge clock seen.

    A hit here costs one read of the purge clock (a small file, or one Redis GET) instead of
    the page and one purge mark per surrogate key from the shared store. A page is served
    from memory only while the clock still reads what it read when the page was last
    checked against the marks, so a purge anywhere (another worker, another node) sends
    every process back to the shared store at once.
    """

    def __init__(self) -> None:
        self._pages: OrderedDict[str, tuple[Entry, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, address: str, stamp: str) -> Entry | None:
        with self._lock:
            hit = self._pages.get(address)
            if hit is None:
                return None
            if hit[1] != stamp:
                del self._pages[address]
                return None
            self._pages.move_to_end(address)
            return hit[0]

    def put(self, address: str, entry: Entry, stamp: str) -> None:
        size = int(settings.NEWSDESK_PAGE_CACHE_MEMORY_PAGES)
        if size <= 0:
            return
        with self._lock:
            self._pages[address] = (entry, stamp)
            self._pages.move_to_end(address)
            while len(self._pages) > size:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


memory = _Memory()
on_clear("pagecache.memory", memory.clear)

# When a request of this process began re-rendering each address (refresh_due).
_refreshing: BoundedCache[str, float] = BoundedCache("pagecache.refreshing", max_entries=10_000)
_refreshing_lock = threading.Lock()


def refresh_due(address: str, entry: Entry) -> bool:
    """True for the one request (per process) that should render a page about to expire.

    In the last quarter of its life (at most the last 5 s) a page is rendered again by the
    first request that asks for it, while this process goes on serving the stored copy to the
    others, so a busy page never expires for everyone at once (a stampede of renders) and is
    still never served past its TTL.
    """
    lifetime = ttl()
    ahead = min(5.0, lifetime / 4)
    now = time.time()
    if now - entry.stored_at < lifetime - ahead:
        return False
    with _refreshing_lock:
        claimed = _refreshing.get(address)
        if claimed is not None and now - claimed < ahead:
            return False  # another request of this process is rendering it
        _refreshing.set(address, now)
        return True


# The oldest moment any part of the page being rendered was read at, when a part was kept from
# an earlier read (the shared lists): the page is as old as that part.
_read_at: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "newsdesk_page_read_at", default=None
)


def note_read_at(moment: float) -> None:
    """Tells the page cache that the page now rendering shows data read at ``moment``."""
    current = _read_at.get()
    if current is None or moment < current:
        _read_at.set(moment)


def render_begins() -> None:
    _read_at.set(None)


def render_read_at(rendered_at: float) -> float:
    """When the page just rendered was current: its oldest kept part's time, or its own."""
    moment = _read_at.get()
    return rendered_at if moment is None else min(moment, rendered_at)


@functools.cache  # read on every hit; the cache settings do not change while serving
def _clock_file() -> Path | None:
    location = settings.CACHES[settings.NEWSDESK_PAGE_PURGE_ALIAS].get("LOCATION")
    backend = settings.CACHES[settings.NEWSDESK_PAGE_PURGE_ALIAS]["BACKEND"]
    if not backend.endswith("FileBasedCache") or not location:
        return None
    return Path(location) / "purge-clock"


def clock() -> str | None:
    """What the last purge wrote; changes with every purge. None: no shared clock here."""
    purges = _purges()
    if isinstance(purges, RedisCache):
        value = purges.get(CLOCK)
        if value is None:
            # Never set, or lost with Redis: a fresh value from the clock, so no page kept in
            # memory under an earlier value can match it again.
            purges.add(CLOCK, time.time_ns(), timeout=None)
            value = purges.get(CLOCK)
        return str(value)
    path = _clock_file()
    if path is None:
        return None
    try:
        return path.read_text()
    except FileNotFoundError:
        return ""


def _tick_clock(current: int) -> None:
    purges = _purges()
    if isinstance(purges, RedisCache):
        try:
            purges.incr(CLOCK)
        except ValueError:  # never set, or evicted: any new value will do
            purges.set(CLOCK, time.time_ns(), timeout=None)
        return
    path = _clock_file()
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"purge-clock.{os.getpid()}.{threading.get_ident()}")
    temporary.write_text(str(current))
    os.replace(temporary, path)  # atomic: a reader sees the old value or the new one


def _fresh(entry: Entry) -> bool:
    # stored_at is when the page's data was current, which may precede its render (kept lists).
    return time.time() - entry.stored_at < ttl()


def get(address: str) -> Entry | None:
    """The page stored for ``address``, unless it has expired or one of its keys was purged."""
    stamp = clock()  # read before the marks: a purge after this changes it
    if stamp is not None:
        entry = memory.get(address, stamp)
        if entry is not None and _fresh(entry):
            return entry
    entry = _cache().get(_page_key(address))
    if entry is None or not _fresh(entry):
        return None
    purged = _purges().get_many([_marker(k) for k in entry.keys] + [EVERY_PAGE])
    if any(g > entry.generation for g in purged.values()):
        return None
    if stamp is not None:
        memory.put(address, entry, stamp)
    return entry


def put(address: str, entry: Entry, stamp: str | None = None) -> None:
    """Stores a page rendered from data read after the purge clock said ``stamp``."""
    # A page showing kept parts was current before it was rendered: it expires that much sooner.
    remaining = ttl() - (time.time() - entry.stored_at)
    _cache().set(_page_key(address), entry, timeout=max(1, math.ceil(remaining)))
    if stamp is not None:
        memory.put(address, entry, stamp)  # a purge since then moved the clock: not served


def mark_purged(keys: list[str]) -> None:
    """Makes every page showing any of ``keys``, rendered until now, stale at once."""
    if not keys:
        return
    _mark({_marker(k) for k in keys})


def mark_all_purged() -> None:
    """Makes every stored page, rendered until now, stale at once (the data under all changed)."""
    _mark({EVERY_PAGE})


def _mark(markers: set[str]) -> None:
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
    purges.set_many(dict.fromkeys(markers, current), timeout=2 * MAX_TTL + 60)
    # Only after the marks: a process that reads the new clock is sure to find them.
    _tick_clock(current)
