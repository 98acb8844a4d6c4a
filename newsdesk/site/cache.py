"""Django's Redis cache, made to degrade instead of fail while Redis is unreachable.

The ``default`` cache only holds figures that can be worked out again (the week's view
ranking, image rendition names), so when Redis stops a read is answered as a miss and a
write is dropped, with a warning in the log: pages keep rendering from the database. After
an error Redis is left alone for a few seconds (newsdesk.site.redis_breaker). The
page cache has its own handling (newsdesk.pagecache.wsgi) and keeps Django's plain backend.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from newsdesk.site import redis_breaker

logger = logging.getLogger(__name__)

_WARN_EVERY = 30.0  # seconds: one warning per outage, not one per request
_last_warning = [0.0]


def _unavailable(error: Exception, operation: str) -> None:
    redis_breaker.trip()
    now = time.monotonic()
    if now - _last_warning[0] >= _WARN_EVERY:
        _last_warning[0] = now
        logger.warning("cache %s skipped, Redis unavailable: %s", operation, error)


class ResilientRedisCache(RedisCache):
    def _guarded(self, operation, fallback, *args):
        """``operation(*args)``, or ``fallback`` while Redis is failing or when it fails now."""
        if redis_breaker.available():
            try:
                return operation(*args)
            except RedisError as error:
                _unavailable(error, operation.__name__)
        return fallback

    def get(self, key, default=None, version=None):
        return self._guarded(super().get, default, key, default, version)

    def get_many(self, keys, version=None):
        return self._guarded(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._guarded(super().has_key, False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(super().add, False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guarded(super().set, None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(super().set_many, list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded(super().delete, False, key, version)

    def delete_many(self, keys, version=None):
        self._guarded(super().delete_many, None, keys, version)
