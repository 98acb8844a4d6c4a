"""The Redis store: counters and de-duplication keys in Redis, written through to SQL."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from datetime import UTC, datetime

import redis.exceptions
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from newsdesk.audience.errors import RateLimited, StoreUnavailable
from newsdesk.audience.models import FlushCursor
from newsdesk.audience.stores.base import (
    Batch,
    Limits,
    _minute,
    apply_batches,
    window,
    window_slot,
)
from newsdesk.site import redis_breaker

logger = logging.getLogger(__name__)


# KEYS: the reader's key for the article, the stream, the pending counters, the reader's and
# the address's rate keys for this minute, the address's readers of the article this window.
# ARGV: key lifetime (s), article id, this view's time, the window's start (epoch seconds),
# the per-reader and per-address rates, the readers an address may have counted, the reader.
# The window is judged on the application's clock (the stored time of the last counted view);
# the keys' own expiry only clears them away afterwards.
RECORD_SCRIPT = """
local used = redis.call('INCR', KEYS[4])
if used == 1 then redis.call('EXPIRE', KEYS[4], 120) end
local shared = redis.call('INCR', KEYS[5])
if shared == 1 then redis.call('EXPIRE', KEYS[5], 120) end
if used > tonumber(ARGV[5]) or shared > tonumber(ARGV[6]) then return -1 end
local last = redis.call('GET', KEYS[1])
if last and tonumber(last) > tonumber(ARGV[4]) then return 0 end
if redis.call('SISMEMBER', KEYS[6], ARGV[8]) == 0 then
  if redis.call('SCARD', KEYS[6]) >= tonumber(ARGV[7]) then return 0 end
  redis.call('SADD', KEYS[6], ARGV[8])
  redis.call('EXPIRE', KEYS[6], ARGV[1])
end
redis.call('SET', KEYS[1], ARGV[3], 'EX', ARGV[1])
redis.call('XADD', KEYS[2], '*', 'a', ARGV[2], 't', ARGV[3])
redis.call('HINCRBY', KEYS[3], ARGV[2], 1)
return 1
"""

# Deletes written-through entries and takes them off the pending counters, once each:
# XDEL answers 0 for an entry already gone, so running it twice changes nothing.
TRIM_SCRIPT = """
local done = 0
for i = 1, #ARGV, 2 do
  if redis.call('XDEL', KEYS[1], ARGV[i]) == 1 then
    redis.call('HINCRBY', KEYS[2], ARGV[i + 1], -1)
    done = done + 1
  end
end
return done
"""


class RedisStore:
    name = "redis"

    def __init__(self, url: str, prefix: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.prefix = prefix
        self.stream = f"{prefix}:views:stream"
        self.pending_key = f"{prefix}:views:pending"
        self.lock_key = f"{prefix}:views:flush-lock"
        self._record = self.client.register_script(RECORD_SCRIPT)
        self._trim = self.client.register_script(TRIM_SCRIPT)
        self._last_flush = time.monotonic()
        self._flusher_lock = threading.Lock()
        self._flusher_pid = 0  # the process whose flusher thread runs

    def start(self) -> None:
        """Starts this process's flusher thread (the server does, in newsdesk/wsgi.py).

        Without it (the development server, the tests) a request that counts a view runs the
        flush when one is due, which holds that one request up for the flush's duration.
        """
        if not settings.NEWSDESK_VIEW_FLUSH_THREAD:
            return
        with self._flusher_lock:
            if self._flusher_pid != os.getpid():
                self._flusher_pid = os.getpid()
                threading.Thread(target=self._flush_loop, name="view-flush", daemon=True).start()

    def _flush_loop(self) -> None:
        while True:
            time.sleep(max(0.05, float(settings.NEWSDESK_VIEW_FLUSH_SECONDS)))
            try:
                self.maybe_flush()
            except Exception:  # Redis or the database away: the stream keeps the views
                logger.warning("view flush failed; a later one retries it", exc_info=True)
                connection.close()  # a new one next round, should the database have restarted

    def record(
        self, *, article_id: int, reader: str, address: str, now: datetime, limits: Limits
    ) -> bool:
        """Counts the view in Redis; StoreUnavailable when Redis cannot be reached.

        RateLimited past either rate; False for a repeat, or past the address's share of
        readers. A view Redis did not confirm is not acknowledged (the beacon answers 503):
        counting it in SQL instead would skip the de-duplication kept in Redis.
        """
        with _redis():
            counted = self._record_script(article_id, reader, address, now, limits)
        if counted == -1:
            raise RateLimited(retry_after=_minute(now)[1])
        if counted and self._flusher_pid != os.getpid():
            # The view is counted (Redis confirmed it): a flush that fails now, on Redis or on
            # the database, is retried by a later one and must not turn this answer into an
            # error ("not counted" would be false).
            try:
                self.maybe_flush()
            except (StoreUnavailable, DatabaseError):
                logger.warning("view flush failed; a later one retries it", exc_info=True)
        return bool(counted)

    def _record_script(
        self, article_id: int, reader: str, address: str, now: datetime, limits: Limits
    ) -> int:
        lifetime = max(1, int(window().total_seconds())) + 60
        minute, _left = _minute(now)
        views = f"{self.prefix}:views"
        return self._record(
            keys=[
                f"{views}:seen:{reader}:{article_id}",
                self.stream,
                self.pending_key,
                f"{views}:rate:{reader}:{minute}",
                f"{views}:rate:@{address}:{minute}",
                f"{views}:share:{address}:{article_id}:{window_slot(now)}",
            ],
            args=[
                lifetime,
                article_id,
                repr(now.timestamp()),
                repr((now - window()).timestamp()),
                limits.per_reader,
                limits.per_address,
                limits.readers_per_address,
                reader[:16],
            ],
        )

    def pending(self, article_ids: list[int]) -> dict[int, int]:
        """Views counted in Redis and not yet in SQL; none while Redis cannot be reached
        (the shown counts then lag by at most the flush interval, and pages still render)."""
        if not article_ids:
            return {}
        try:
            with _redis():
                values = self.client.hmget(self.pending_key, [str(i) for i in article_ids])
        except StoreUnavailable:
            logger.warning("pending views unknown: Redis unavailable")
            return {}
        return {i: max(0, int(v)) for i, v in zip(article_ids, values, strict=True) if v}

    def maybe_flush(self) -> None:
        interval = float(settings.NEWSDESK_VIEW_FLUSH_SECONDS)
        if time.monotonic() - self._last_flush < interval:
            return
        self._last_flush = time.monotonic()
        # At most one flush per interval across every process and node.
        with _redis():
            claimed = self.client.set(self.lock_key, "1", nx=True, px=max(1, int(interval * 1000)))
        if claimed:
            self.flush(force=True)

    def flush(self, *, force: bool = False, limit: int = 10_000) -> int:
        """Writes counted views from the stream into SQL. Returns how many were written.

        Raises StoreUnavailable when Redis cannot be reached (nothing is lost: the stream
        keeps the views until a later flush)."""
        with _redis():
            return self._flush(limit)

    def _flush(self, limit: int) -> int:
        written = 0
        while True:
            cursor = FlushCursor.objects.filter(name=self.stream).values_list("position", flat=True)
            self._trim_through(cursor.first() or "0-0")
            with transaction.atomic():
                row, _ = FlushCursor.objects.select_for_update().get_or_create(name=self.stream)
                entries = self.client.xrange(self.stream, min=f"({row.position}", count=limit)
                if not entries:
                    return written
                batches: dict[int, Batch] = defaultdict(Batch)
                for _entry_id, fields in entries:
                    when = datetime.fromtimestamp(float(fields[b"t"]), tz=UTC)
                    batches[int(fields[b"a"])].add(when)
                apply_batches(batches)
                row.position = entries[-1][0].decode()
                row.save(update_fields=["position"])
            self._trim(keys=[self.stream, self.pending_key], args=_pairs(entries))
            written += len(entries)
            if len(entries) < limit:
                return written

    def _trim_through(self, position: str) -> None:
        """Entries already in SQL but still in the stream (a flush died after its commit)."""
        if position == "0-0":
            return
        stale = self.client.xrange(self.stream, min="-", max=position, count=10_000)
        if stale:
            self._trim(keys=[self.stream, self.pending_key], args=_pairs(stale))


@contextmanager
def _redis():
    """Around a Redis call: StoreUnavailable at once while the breaker is open, and for a
    Redis error, which also opens it (newsdesk.site.redis_breaker)."""
    if not redis_breaker.available():
        raise StoreUnavailable
    try:
        yield
    except redis.exceptions.RedisError as error:
        redis_breaker.trip()
        raise StoreUnavailable from error


def _pairs(entries) -> list:
    args: list = []
    for entry_id, fields in entries:
        args += [entry_id, fields[b"a"]]
    return args
