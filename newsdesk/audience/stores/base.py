"""What both view stores share: the rate window and batches of views for SQL.

Their errors (RateLimited, StoreUnavailable) are in newsdesk.audience.errors.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection

from newsdesk.audience import trending
from newsdesk.audience.errors import RateLimited
from newsdesk.audience.models import ArticleStats, ViewHour
from newsdesk.newsroom.models import Article


def _minute(now: datetime) -> tuple[int, int]:
    """The rate limit's fixed one-minute window, and the seconds left in it."""
    seconds = int(now.timestamp())
    return seconds // 60, 60 - seconds % 60


@dataclass(frozen=True)
class Limits:
    """What one reader, and one address (an IPv6 /64), may report (docs/security.md)."""

    per_reader: int  # reports a minute from one reader (address and user agent)
    per_address: int  # reports a minute from one address, whatever the user agents
    readers_per_address: int  # readers of one address counted per article per window

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            per_reader=int(settings.NEWSDESK_VIEW_RATE_PER_MINUTE),
            per_address=int(settings.NEWSDESK_VIEW_RATE_PER_ADDRESS_PER_MINUTE),
            readers_per_address=int(settings.NEWSDESK_VIEW_READERS_PER_ADDRESS),
        )


class LocalRate:
    """Per-reader and per-address counts for the current minute, in this process's memory.

    Without Redis there is no shared place that is cheaper than the write it guards, so
    each server process keeps its own: with N worker processes a reader may get up to N
    times the limit.
    """

    def __init__(self) -> None:
        self._minute = -1
        self._counts: Counter = Counter()
        self._lock = threading.Lock()

    def hit(self, *, reader: str, address: str, now: datetime, limits: Limits) -> None:
        minute, left = _minute(now)
        shared = "@" + address  # reader keys are hex: no clash
        with self._lock:
            if minute != self._minute:
                self._minute, self._counts = minute, Counter()
            self._counts[reader] += 1
            self._counts[shared] += 1
            over = (
                self._counts[reader] > limits.per_reader
                or self._counts[shared] > limits.per_address
            )
        if over:
            raise RateLimited(retry_after=left)


class AddressShare:
    """The readers of each address whose views of an article count in this window (the first
    ``readers_per_address``), in this process's memory: with N processes, up to N times that.

    Past its bound it forgets everything, which lets views count: never a refusal of a reader
    for the sake of memory.
    """

    MAX_PAIRS = 200_000

    def __init__(self) -> None:
        self._slot = -1
        self._readers: dict[tuple[str, int], set[str]] = {}
        self._lock = threading.Lock()

    def admits(
        self, *, address: str, article_id: int, reader: str, now: datetime, limit: int
    ) -> bool:
        slot = window_slot(now)
        with self._lock:
            if slot != self._slot or len(self._readers) >= self.MAX_PAIRS:
                self._slot, self._readers = slot, {}
            readers = self._readers.setdefault((address, article_id), set())
            if reader[:16] in readers:
                return True
            if len(readers) >= limit:
                return False
            readers.add(reader[:16])
            return True


def window() -> timedelta:
    return timedelta(minutes=float(settings.NEWSDESK_VIEW_WINDOW_MINUTES))


def window_slot(now: datetime) -> int:
    """The number of the fixed de-duplication window ``now`` falls in (the address share's)."""
    return int(now.timestamp()) // max(1, int(window().total_seconds()))


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


def apply_batches(batches: dict[int, Batch]) -> None:
    """Adds each article's batch to the SQL counters, in article order (two writers lock rows
    in the same order). An article deleted since its views were counted gets nothing."""
    alive = set(Article.objects.filter(pk__in=batches).values_list("pk", flat=True))
    for article_id in sorted(alive):
        apply_batch(article_id, batches[article_id])
