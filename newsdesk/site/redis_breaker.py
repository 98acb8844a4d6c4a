"""After a Redis error, leave Redis alone for a few seconds (per process).

A Redis that refuses connections costs nothing to ask, but one that hangs costs each call its
socket timeout, and a page asks several times (purge clock, cache reads, pending view counts).
So the first error in a process opens this breaker, and for NEWSDESK_REDIS_RETRY_SECONDS every
caller treats Redis as down without asking: pages render from the database, a view beacon
answers 503. The next call after that asks Redis again.
"""

from __future__ import annotations

import time

from django.conf import settings

from newsdesk.site.caches import on_clear

_open_until = [0.0]


def available() -> bool:
    return time.monotonic() >= _open_until[0]


def trip() -> None:
    _open_until[0] = time.monotonic() + float(settings.NEWSDESK_REDIS_RETRY_SECONDS)


def reset() -> None:
    _open_until[0] = 0.0


on_clear("site.redis_breaker", reset)
