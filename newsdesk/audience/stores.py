"""Where counted views are kept: SQL alone (the embedded default), or Redis in front of SQL.

SQL store: one transaction per view, committed before the endpoint answers 204, so an
acknowledged view survives the server being killed.

Redis store: de-duplication keys, a stream of counted views and per-article pending counters,
all changed by one Lua script (atomic). The stream is written through to SQL in batches; the
batch and the stream position it ends at commit in one SQL transaction, so a flush that dies
half way is simply done again and counts nothing twice.
"""

from __future__ import annotations

import functools
import secrets
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F

from newsdesk.audience import trending
from newsdesk.audience.models import ArticleStats, FlushCursor, RecentView, ViewHour
from newsdesk.newsroom.models import Article


def window() -> timedelta:
    return timedelta(minutes=float(settings.NEWSDESK_VIEW_WINDOW_MINUTES))


def hour_of(when: datetime) -> datetime:
    return when.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


@dataclass
class Batch:
    """Counted views of one article, to be added to SQL together."""

    views: int = 0
    weight: float = trending.NO_WEIGHT
    hours: Counter = field(default_factory=Counter)

    def add(self, when: datetime) -> None:
        self.views += 1
        self.weight = trending.log_add(self.weight, trending.view_weight(when))
        self.hours[hour_of(when)] += 1


def apply_batch(article_id: int, batch: Batch) -> None:
    """Adds a batch to the SQL counters. Call inside a transaction."""
    ArticleStats.objects.bulk_create([ArticleStats(article_id=article_id)], ignore_conflicts=True)
    ArticleStats.objects.filter(pk=article_id).update(
        views=F("views") + batch.views, trend=trending.log_add_expression("trend", batch.weight)
    )
    table = connection.ops.quote_name(ViewHour._meta.db_table)
    with connection.cursor() as cursor:
        for hour, count in batch.hours.items():
            cursor.execute(
                f"INSERT INTO {table} (article_id, hour, views) VALUES (%s, %s, %s) "  # noqa: S608
                f"ON CONFLICT (article_id, hour) DO UPDATE SET views = {table}.views + %s",
                [article_id, connection.ops.adapt_datetimefield_value(hour), count, count],
            )


class SQLStore:
    name = "sql"

    @transaction.atomic
    def record(self, *, article_id: int, reader: str, now: datetime) -> bool:
        table = connection.ops.quote_name(RecentView._meta.db_table)
        adapt = connection.ops.adapt_datetimefield_value
        with connection.cursor() as cursor:
            # Inserts a first view, or renews one older than the window; else changes nothing.
            cursor.execute(
                f"INSERT INTO {table} (reader, article_id, seen_at) VALUES (%s, %s, %s) "  # noqa: S608
                f"ON CONFLICT (reader, article_id) DO UPDATE SET seen_at = excluded.seen_at "
                f"WHERE {table}.seen_at <= %s",
                [reader, article_id, adapt(now), adapt(now - window())],
            )
            counted = cursor.rowcount == 1
        if counted:
            batch = Batch()
            batch.add(now)
            apply_batch(article_id, batch)
            if secrets.randbelow(500) == 0:
                # Keys older than the window decide nothing; they go, with what they could tell.
                RecentView.objects.filter(seen_at__lt=now - window()).delete()
        return counted

    def pending(self, article_ids: list[int]) -> dict[int, int]:
        return {}

    def flush(self, *, force: bool = False) -> int:
        return 0


# KEYS: the reader's key for the article, the stream, the pending counters.
# ARGV: key lifetime (s), article id, this view's time, the window's start (epoch seconds).
# The window is judged on the application's clock (the stored time of the last counted view);
# the key's own expiry only clears it away afterwards.
RECORD_SCRIPT = """
local last = redis.call('GET', KEYS[1])
if last and tonumber(last) > tonumber(ARGV[4]) then return 0 end
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
        self._last_flush = 0.0

    def record(self, *, article_id: int, reader: str, now: datetime) -> bool:
        lifetime = max(1, int(window().total_seconds())) + 60
        counted = self._record(
            keys=[f"{self.prefix}:views:seen:{reader}:{article_id}", self.stream, self.pending_key],
            args=[lifetime, article_id, repr(now.timestamp()), repr((now - window()).timestamp())],
        )
        if counted:
            self.maybe_flush()
        return bool(counted)

    def pending(self, article_ids: list[int]) -> dict[int, int]:
        if not article_ids:
            return {}
        values = self.client.hmget(self.pending_key, [str(i) for i in article_ids])
        return {i: max(0, int(v)) for i, v in zip(article_ids, values, strict=True) if v}

    def maybe_flush(self) -> None:
        interval = float(settings.NEWSDESK_VIEW_FLUSH_SECONDS)
        if time.monotonic() - self._last_flush < interval:
            return
        self._last_flush = time.monotonic()
        # At most one flush per interval across every process and node.
        if self.client.set(self.lock_key, "1", nx=True, px=max(1, int(interval * 1000))):
            self.flush(force=True)

    def flush(self, *, force: bool = False, limit: int = 10_000) -> int:
        """Writes counted views from the stream into SQL. Returns how many were written."""
        written = 0
        while True:
            cursor = FlushCursor.objects.filter(name=self.stream).values_list("last_id", flat=True)
            self._trim_through(cursor.first() or "0-0")
            with transaction.atomic():
                row, _ = FlushCursor.objects.select_for_update().get_or_create(name=self.stream)
                entries = self.client.xrange(self.stream, min=f"({row.last_id}", count=limit)
                if not entries:
                    return written
                batches: dict[int, Batch] = defaultdict(Batch)
                for _entry_id, fields in entries:
                    when = datetime.fromtimestamp(float(fields[b"t"]), tz=UTC)
                    batches[int(fields[b"a"])].add(when)
                alive = set(Article.objects.filter(pk__in=batches).values_list("pk", flat=True))
                for article_id in sorted(alive):
                    apply_batch(article_id, batches[article_id])
                row.last_id = entries[-1][0].decode()
                row.save(update_fields=["last_id"])
            self._trim(keys=[self.stream, self.pending_key], args=_pairs(entries))
            written += len(entries)
            if len(entries) < limit:
                return written

    def _trim_through(self, last_id: str) -> None:
        """Entries already in SQL but still in the stream (a flush died after its commit)."""
        if last_id == "0-0":
            return
        stale = self.client.xrange(self.stream, min="-", max=last_id, count=10_000)
        if stale:
            self._trim(keys=[self.stream, self.pending_key], args=_pairs(stale))


def _pairs(entries) -> list:
    args: list = []
    for entry_id, fields in entries:
        args += [entry_id, fields[b"a"]]
    return args


@functools.cache
def _store_for(url: str, prefix: str) -> SQLStore | RedisStore:
    return RedisStore(url, prefix) if url else SQLStore()


def get_store() -> SQLStore | RedisStore:
    return _store_for(settings.REDIS_URL, settings.NEWSDESK_REDIS_PREFIX)
