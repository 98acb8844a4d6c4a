"""Purging cached pages. Purges happen when the change is committed, never before."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction

from newsdesk.pagecache import cdn, store

logger = logging.getLogger(__name__)


def pages_purge(*, keys: Iterable[str]) -> None:
    """Once the current transaction commits, no page showing any of ``keys`` is served again.

    The local cache (Redis: every process) forgets them at once; the CDN is asked to, best
    effort. A failing cache is logged, not raised: the pages expire within the TTL anyway.
    """
    names = sorted(set(keys))
    if names:
        transaction.on_commit(lambda: _purge_now(names))


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
