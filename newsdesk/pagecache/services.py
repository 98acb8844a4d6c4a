"""Purging cached pages. Purges happen when the change is committed, never before."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import transaction

from newsdesk.pagecache import cdn, store

logger = logging.getLogger(__name__)


@dataclass
class _Batch:
    keys: set[str] = field(default_factory=set)
    later: list[Callable[[], Iterable[str]]] = field(default_factory=list)
    everything: bool = False  # past GATHER_LIMIT: nothing more is kept (memory stays flat)

    def size(self) -> int:
        return len(self.keys) + len(self.later)

    def add(self, keys: Iterable[str] = (), later: Callable[[], Iterable[str]] | None = None):
        if self.everything:
            return
        self.keys.update(keys)
        if later is not None:
            self.later.append(later)
        if self.size() > GATHER_LIMIT:
            self.everything = True
            self.keys, self.later = set(), []


# What is purged inside ``purges_gathered``, else None (each purge on its own).
_gathered: ContextVar[_Batch | None] = ContextVar("purges_gathered", default=None)
# Past this many keys a gathered purge makes every page stale instead: one mark, not thousands.
GATHER_LIMIT = 500


def pages_purge(*, keys: Iterable[str]) -> None:
    """Once the current transaction commits, no page showing any of ``keys`` is served again.

    The local cache (Redis: every process) forgets them at once; the CDN is asked to, best
    effort. A failing cache is logged, not raised: the pages expire within the TTL anyway.
    """
    names = sorted(set(keys))
    batch = _gathered.get()
    if batch is not None:
        batch.add(keys=names)
    elif names:
        transaction.on_commit(lambda: _purge_now(names))


def pages_purge_at_commit(keys_of: Callable[[], Iterable[str]]) -> None:
    """As ``pages_purge``, with the keys worked out when the transaction commits (the pages a
    row is on once everything in the transaction is written: its tags, its section)."""
    batch = _gathered.get()
    if batch is not None:
        batch.add(later=keys_of)
    else:
        transaction.on_commit(lambda: pages_purge(keys=keys_of()))


@contextmanager
def purges_gathered() -> Iterator[None]:
    """For bulk writers (imports): inside, purges are only noted; at the end one purge of
    them all is made once the transaction commits, and past GATHER_LIMIT keys one purge of
    every page (no key worked out). An error inside gathers nothing: its transaction is
    rolled back. Without it, 20,000 imported rows meant 20,000 purges at commit, a file
    write each on the embedded store (docs/pagecache.md)."""
    batch = _Batch()
    token = _gathered.set(batch)
    try:
        yield
    finally:
        _gathered.reset(token)
    if batch.everything:
        transaction.on_commit(_purge_all_now)
    elif batch.size():
        transaction.on_commit(lambda: _purge_batch(batch))


def _purge_batch(batch: _Batch) -> None:
    names = set(batch.keys)
    for keys_of in batch.later:
        names.update(keys_of())
    _purge_now(sorted(names))


def _purge_all_now() -> None:
    try:
        store.mark_all_purged()
    except Exception:
        logger.exception("page cache purge of every page failed")


def _purge_now(keys: list[str]) -> None:
    try:
        store.mark_purged(keys)
    except Exception:
        logger.exception("page cache purge failed for %s", keys)
    cdn.purge(keys)


def pages_purge_all() -> None:
    """At once, no page stored until now is served again (after a restore: every row may differ).

    The CDN cannot be asked to forget everything by key: its copies live out s-maxage (60 s).
    Raises what the purge store raises, so the caller can say the pages may be stale.
    """
    store.mark_all_purged()
