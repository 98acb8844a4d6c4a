"""When a stored page changes by itself: a scheduled article's publish time.

A scheduled article needs no job to go public (newsroom.models.live_q), so no purge marks the
moment either. Content apps register a source of "the next moment a page may change by
itself"; the page cache ends every copy it stores no later than that moment, so a scheduled
story is on every page at its time, not up to a TTL later (docs/pagecache.md).

The answer is kept per purge clock: any purge (scheduling an article is one) asks the sources
again, as does the moment passing. One query per source then, none otherwise.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from newsdesk.site.caches import BoundedCache
from newsdesk.site.db import tidy_connections

Source = Callable[[], float | None]  # a moment in time.time() seconds, or None

_sources: dict[str, Source] = {}
# Per purge clock: (the next moment found, the latest moment already passed). The passed one
# is kept so that a reader of older data still learns of it after the next one is found.
_known: BoundedCache[str, tuple[float | None, float | None]] = BoundedCache(
    "pagecache.next_change", max_entries=4
)


def register(name: str, source: Source) -> None:
    """Adds a source of self-made changes (one per name; the newsroom registers scheduling)."""
    _sources[name] = source


def changed_since(stamp: str, since: float) -> bool:
    """Whether a self-made change known under this purge clock came after ``since`` and by
    now (a pin's expiry, a scheduled story's time). No query: for reads inside a request."""
    kept = _known.get(stamp)
    now = time.time()
    return kept is not None and any(m is not None and since < m <= now for m in kept)


def next_change(stamp: str | None) -> float | None:
    """The next moment after now at which some page changes by itself, or None."""
    now = time.time()
    kept = _known.get(stamp) if stamp is not None else None
    if kept is not None and (kept[0] is None or kept[0] > now):
        return kept[0]
    try:
        moments = [m for m in (source() for source in _sources.values()) if m and m > now]
    finally:
        # Asked outside Django's request cycle: hand the connection back as a request would.
        tidy_connections()
    moment = min(moments, default=None)
    if stamp is not None:
        earlier = kept or (None, None)
        _known.set(stamp, (moment, earlier[0] if earlier[0] is not None else earlier[1]))
    return moment


def end_of_life(stored_at: float, ttl: int, stamp: str | None) -> float:
    """The ``stored_at`` that makes a copy expire at the next self-made change, if that comes
    before its TTL runs out; else ``stored_at`` as it was."""
    moment = next_change(stamp)
    if moment is None:
        return stored_at
    return min(stored_at, moment - ttl)
