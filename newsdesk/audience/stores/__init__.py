"""Where counted views are kept: SQL alone (the embedded default), or Redis in front of SQL.

SQL store (sql.py): a view is appended to the process's view journal before the endpoint
answers 204, and a thread writes the journal through to SQL in batches (audience.journal); with
NEWSDESK_VIEW_JOURNAL off, one transaction per view, committed before the answer. Either way an
acknowledged view survives the server being killed.

Redis store (redis_store.py): de-duplication keys, a stream of counted views and per-article
pending counters, all changed by one Lua script (atomic). The stream is written through to SQL
in batches; the batch and the stream position it ends at commit in one SQL transaction, so a
flush that dies half way is simply done again and counts nothing twice.
"""

from __future__ import annotations

import functools

from django.conf import settings

from newsdesk.audience.errors import RateLimited, StoreUnavailable
from newsdesk.audience.stores.base import (
    Batch,
    Limits,
    LocalRate,
    apply_batch,
    hour_of,
    window,
)
from newsdesk.audience.stores.redis_store import RedisStore
from newsdesk.audience.stores.sql import SQLStore, _writers_lock, write_views
from newsdesk.site.caches import on_clear

__all__ = [
    "Batch",
    "Limits",
    "LocalRate",
    "RateLimited",
    "RedisStore",
    "SQLStore",
    "StoreUnavailable",
    "_writers_lock",
    "apply_batch",
    "get_store",
    "hour_of",
    "window",
    "write_views",
]


@functools.cache
def _store_for(url: str, prefix: str) -> SQLStore | RedisStore:
    return RedisStore(url, prefix) if url else SQLStore()


def get_store() -> SQLStore | RedisStore:
    return _store_for(settings.REDIS_URL, settings.NEWSDESK_REDIS_PREFIX)


# A fresh store after clear_all: its per-process rate counts go with it.
on_clear("audience.store", _store_for.cache_clear)
