"""Where counted views are kept: SQL alone (the embedded default), or Redis in front of SQL.

SQL store: one transaction per view, committed before the endpoint answers 204, so an
acknowledged view survives the server being killed.

Redis store: de-duplication keys, a stream of counted views and per-article pending counters,
all changed by one Lua script (atomic). The stream is written through to SQL in batches; the
batch and the stream position it ends at commit in one SQL transaction, so a flush that dies
half way is simply done again and counts nothing twice.
"""

from __future__ import annotations

import fcntl
import functools
import logging
import os
import secrets
import threading
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import redis.exceptions
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from newsdesk.audience import trending
from newsdesk.audience.journal import Journal, JournalFull, View
from newsdesk.audience.models import ArticleStats, FlushCursor, RecentView, ViewHour
from newsdesk.newsroom.models import Article
from newsdesk.site import redis_breaker

logger = logging.getLogger(__name__)


class StoreUnavailable(Exception):
    """The view store cannot answer now (Redis or the database): the view is not counted."""

    def __init__(self) -> None:
        super().__init__("View counting is paused for a moment; the view was not counted.")


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Too many views reported; try again in {retry_after} s.")
        self.retry_after = retry_after


def _minute(now: datetime) -> tuple[int, int]:
    """The rate limit's fixed one-minute window, and the seconds left in it."""
    seconds = int(now.timestamp())
    return seconds // 60, 60 - seconds % 60


class LocalRate:
    """Per-reader counts for the current minute, in this process's memory.

    Without Redis there is no shared place that is cheaper than the write it guards, so
    each server process keeps its own: with N worker processes a reader may get up to N
    times the limit.
    """

    def __init__(self) -> None:
        self._minute = -1
        self._counts: Counter = Counter()
        self._lock = threading.Lock()

    def hit(self, *, reader: str, now: datetime, limit: int) -> None:
        minute, left = _minute(now)
        with self._lock:
            if minute != self._minute:
                self._minute, self._counts = minute, Counter()
            self._counts[reader] += 1
            used = self._counts[reader]
        if used > limit:
            raise RateLimited(retry_after=left)


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
    """Adds a batch to the SQL counters in two statements. Call inside a transaction."""
    stats = connection.ops.quote_name(ArticleStats._meta.db_table)
    hours = connection.ops.quote_name(ViewHour._meta.db_table)
    trend = trending.log_add_sql(f"{stats}.trend", "excluded.trend", connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {stats} (article_id, views, trend) VALUES (%s, %s, %s) "  # noqa: S608
            f"ON CONFLICT (article_id) DO UPDATE SET views = {stats}.views + excluded.views, "
            f"trend = {trend}",
            [article_id, batch.views, batch.weight],
        )
        cursor.executemany(
            f"INSERT INTO {hours} (article_id, hour, views) VALUES (%s, %s, %s) "  # noqa: S608
            f"ON CONFLICT (article_id, hour) DO UPDATE SET views = {hours}.views + excluded.views",
            [
                (article_id, connection.ops.adapt_datetimefield_value(hour), count)
                for hour, count in batch.hours.items()
            ],
        )


class SQLStore:
    """Views in SQL; a beacon is answered once its view is durably recorded.

    With the journal on (the default outside tests) that means appended to this process's
    view journal, which a thread writes through to SQL in batches (audience.journal explains
    why and what survives what). With it off, each view is its own transaction, committed
    before the answer.
    """

    name = "sql"

    def __init__(self) -> None:
        self._rate = LocalRate()
        self._journal: Journal | None = None
        self._journal_lock = threading.Lock()

    def rate(self, *, reader: str, now: datetime, limit: int) -> None:
        self._rate.hit(reader=reader, now=now, limit=limit)

    def record(self, *, article_id: int, reader: str, now: datetime, limit: int) -> bool:
        """True when the view counted; with the journal, whether it counts is decided later
        (a repeat in the window counts nothing then) and the answer is True."""
        self.rate(reader=reader, now=now, limit=limit)
        journal = self.journal()
        if journal is None:
            with _writers_lock(), transaction.atomic():
                return write_views([(article_id, reader, now)])[0]
        try:
            journal.append(article_id, reader, now)
        except JournalFull as error:
            raise StoreUnavailable from error
        return True

    def start(self) -> None:
        journal = self.journal()
        if journal is not None:
            journal.start()

    def journal(self) -> Journal | None:
        if not settings.NEWSDESK_VIEW_JOURNAL:
            return None
        with self._journal_lock:
            if self._journal is None:
                directory = Path(settings.DATA_DIR) / "view-journal"
                self._journal = Journal(directory, write_views, _writers_lock)
            return self._journal

    def pending(self, article_ids: list[int]) -> dict[int, int]:
        return {}

    def flush(self, *, force: bool = False) -> int:
        """Writes this process's journal through, and any left by a stopped process."""
        journal = self.journal()
        return journal.flush() if journal is not None else 0


# 4 parameters a row: under 999, the oldest SQLite limit Django allows for.
ROWS_PER_STATEMENT = 240


def write_views(views: list[View]) -> list[bool]:
    """Records views; for each, whether it counted. Call inside a transaction.

    A multi-row upsert inserts first views and renews keys whose window has passed; RETURNING
    names the rows it changed, i.e. the counted views. Each key stores the moment a new view
    counts again, so every row is judged against its own time. A statement may change a row
    only once, so a reader's second view of an article in the same batch goes in the next
    statement (the rare case: a backlog, written through after an outage).
    """
    table = connection.ops.quote_name(RecentView._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    span = window()
    rounds: list[list[int]] = []
    seen: Counter = Counter()
    for index in sorted(range(len(views)), key=lambda i: views[i][2]):
        article_id, reader, _now = views[index]
        occurrence = seen[(reader, article_id)]
        seen[(reader, article_id)] += 1
        if occurrence == len(rounds):
            rounds.append([])
        rounds[occurrence].append(index)
    counted = [False] * len(views)
    for members in rounds:
        # In key order, so two processes writing the same keys on PostgreSQL lock them in the
        # same order and cannot deadlock.
        members.sort(key=lambda i: (views[i][1], views[i][0]))
        for start in range(0, len(members), ROWS_PER_STATEMENT):
            chunk = members[start : start + ROWS_PER_STATEMENT]
            params: list = []
            for index in chunk:
                article_id, reader, now = views[index]
                params += [reader, article_id, adapt(now), adapt(now + span)]
            values = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
            with connection.cursor() as cursor:
                # Counted: a view past the stored one's window, or one a window before it (a
                # stopped process's journal written through late). The key keeps the later.
                cursor.execute(
                    f"INSERT INTO {table} (reader, article_id, seen_at, counts_again_at) "  # noqa: S608
                    f"VALUES {values} ON CONFLICT (reader, article_id) DO UPDATE SET "
                    f"seen_at = CASE WHEN excluded.seen_at > {table}.seen_at "
                    f"THEN excluded.seen_at ELSE {table}.seen_at END, "
                    f"counts_again_at = CASE WHEN excluded.seen_at > {table}.seen_at "
                    f"THEN excluded.counts_again_at ELSE {table}.counts_again_at END "
                    f"WHERE {table}.counts_again_at <= excluded.seen_at "
                    f"OR excluded.counts_again_at <= {table}.seen_at "
                    f"RETURNING reader, article_id",
                    params,
                )
                changed = {(reader, int(article)) for reader, article in cursor.fetchall()}
            for index in chunk:
                article_id, reader, _now = views[index]
                counted[index] = (reader, article_id) in changed
    batches: dict[int, Batch] = defaultdict(Batch)
    for (article_id, _reader, now), yes in zip(views, counted, strict=True):
        if yes:
            batches[article_id].add(now)
    alive = set(Article.objects.filter(pk__in=batches).values_list("pk", flat=True))
    for article_id in sorted(alive):  # an article deleted since its beacon has no counters
        apply_batch(article_id, batches[article_id])
    if batches and secrets.randbelow(200) == 0:
        # Keys whose window has passed decide nothing; they go, with what they could tell
        # (a window's grace, for a backlog written through out of order).
        latest = max(now for _a, _r, now in views)
        RecentView.objects.filter(counts_again_at__lt=latest - span).delete()
    return counted


_lock_files: dict[str, object] = {}
_lock_files_guard = threading.Lock()


@contextmanager
def _writers_lock():
    """On SQLite, one writer at a time across processes, queued by the kernel."""
    if connection.vendor != "sqlite":
        yield
        return
    path = str(Path(settings.DATA_DIR) / "views.lock")
    with _lock_files_guard:
        handle = _lock_files.get(path)
        if handle is None:
            handle = _lock_files[path] = open(path, "a")  # noqa: SIM115 - kept for the process
    fcntl.flock(handle, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)


# KEYS: the reader's key for the article, the stream, the pending counters.
# ARGV: key lifetime (s), article id, this view's time, the window's start (epoch seconds).
# The window is judged on the application's clock (the stored time of the last counted view);
# the key's own expiry only clears it away afterwards.
RATE_SCRIPT = """
local used = redis.call('INCR', KEYS[1])
if used == 1 then redis.call('EXPIRE', KEYS[1], 120) end
if used > tonumber(ARGV[1]) then return -1 end
return 1
"""

# KEYS[4] and ARGV[5]: the reader's rate key for this minute, and the limit (as RATE_SCRIPT).
RECORD_SCRIPT = """
local used = redis.call('INCR', KEYS[4])
if used == 1 then redis.call('EXPIRE', KEYS[4], 120) end
if used > tonumber(ARGV[5]) then return -1 end
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
        self._rate = self.client.register_script(RATE_SCRIPT)
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

    def _rate_key(self, reader: str, minute: int) -> str:
        return f"{self.prefix}:views:rate:{reader}:{minute}"

    def rate(self, *, reader: str, now: datetime, limit: int) -> None:
        minute, left = _minute(now)
        with _redis():
            used = self._rate(keys=[self._rate_key(reader, minute)], args=[limit])
        if used == -1:
            raise RateLimited(retry_after=left)

    def record(self, *, article_id: int, reader: str, now: datetime, limit: int) -> bool:
        """Counts the view in Redis; StoreUnavailable when Redis cannot be reached.

        A view Redis did not confirm is not acknowledged (the beacon answers 503): counting
        it in SQL instead would skip the de-duplication kept in Redis.
        """
        with _redis():
            counted = self._record_script(article_id, reader, now, limit)
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

    def _record_script(self, article_id: int, reader: str, now: datetime, limit: int) -> int:
        lifetime = max(1, int(window().total_seconds())) + 60
        minute, _left = _minute(now)
        return self._record(
            keys=[
                f"{self.prefix}:views:seen:{reader}:{article_id}",
                self.stream,
                self.pending_key,
                self._rate_key(reader, minute),
            ],
            args=[
                lifetime,
                article_id,
                repr(now.timestamp()),
                repr((now - window()).timestamp()),
                limit,
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


@functools.cache
def _store_for(url: str, prefix: str) -> SQLStore | RedisStore:
    return RedisStore(url, prefix) if url else SQLStore()


def get_store() -> SQLStore | RedisStore:
    return _store_for(settings.REDIS_URL, settings.NEWSDESK_REDIS_PREFIX)
