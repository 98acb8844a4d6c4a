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
    def get(self, key, default=None, version=None):
        if not redis_breaker.available():
            return default
        try:
            return super().get(key, default, version)
        except RedisError as error:
            _unavailable(error, "get")
            return default

    def get_many(self, keys, version=None):
        if not redis_breaker.available():
            return {}
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            _unavailable(error, "get_many")
            return {}

    def has_key(self, key, version=None):
        if not redis_breaker.available():
            return False
        try:
            return super().has_key(key, version)
        except RedisError as error:
            _unavailable(error, "has_key")
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if not redis_breaker.available():
            return False
        try:
            return super().add(key, value, timeout, version)
        except RedisError as error:
            _unavailable(error, "add")
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if not redis_breaker.available():
            return
        try:
            super().set(key, value, timeout, version)
        except RedisError as error:
            _unavailable(error, "set")

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        if not redis_breaker.available():
            return list(data)
        try:
            return super().set_many(data, timeout, version)
        except RedisError as error:
            _unavailable(error, "set_many")
            return list(data)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        if not redis_breaker.available():
            return False
        try:
            return super().touch(key, timeout, version)
        except RedisError as error:
            _unavailable(error, "touch")
            return False

    def delete(self, key, version=None):
        if not redis_breaker.available():
            return False
        try:
            return super().delete(key, version)
        except RedisError as error:
            _unavailable(error, "delete")
            return False

    def delete_many(self, keys, version=None):
        if not redis_breaker.available():
            return
        try:
            super().delete_many(keys, version)
        except RedisError as error:
            _unavailable(error, "delete_many")
