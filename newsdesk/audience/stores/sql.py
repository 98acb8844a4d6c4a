"""The SQL store: views in the database, through the view journal or one transaction each."""

from __future__ import annotations

import fcntl
import secrets
import threading
from collections import Counter, defaultdict
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from newsdesk.audience.errors import StoreUnavailable
from newsdesk.audience.journal import Journal, JournalFull, View
from newsdesk.audience.models import RecentView
from newsdesk.audience.stores.base import (
    AddressShare,
    Batch,
    Limits,
    LocalRate,
    apply_batches,
    window,
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
        self._share = AddressShare()
        self._journal: Journal | None = None
        self._journal_lock = threading.Lock()

    def record(
        self, *, article_id: int, reader: str, address: str, now: datetime, limits: Limits
    ) -> bool:
        """True when the view counted; with the journal, whether it counts is decided later
        (a repeat in the window counts nothing then) and the answer is True. RateLimited past
        either rate; past the address's share of readers, False (nothing is written)."""
        self._rate.hit(reader=reader, address=address, now=now, limits=limits)
        if not self._share.admits(
            address=address,
            article_id=article_id,
            reader=reader,
            now=now,
            limit=limits.readers_per_address,
        ):
            return False
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
        if self._journal is not None:  # every beacon asks: no lock once it exists
            return self._journal
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
    counted = [False] * len(views)
    for members in _rounds(views):
        # In key order, so two processes writing the same keys on PostgreSQL lock them in the
        # same order and cannot deadlock.
        members.sort(key=lambda i: (views[i][1], views[i][0]))
        for start in range(0, len(members), ROWS_PER_STATEMENT):
            chunk = members[start : start + ROWS_PER_STATEMENT]
            changed = _upsert([views[index] for index in chunk])
            for index in chunk:
                article_id, reader, _now = views[index]
                counted[index] = (reader, article_id) in changed
    batches: dict[int, Batch] = defaultdict(Batch)
    for (article_id, _reader, now), yes in zip(views, counted, strict=True):
        if yes:
            batches[article_id].add(now)
    apply_batches(batches)
    if batches and secrets.randbelow(200) == 0:
        # Keys whose window has passed decide nothing; they go, with what they could tell
        # (a window's grace, for a backlog written through out of order).
        latest = max(now for _a, _r, now in views)
        RecentView.objects.filter(counts_again_at__lt=latest - window()).delete()
    return counted


def _rounds(views: list[View]) -> list[list[int]]:
    """Indexes of ``views`` in rounds, oldest first: a reader's n-th view of an article in
    this batch goes in round n, so no statement touches one key twice."""
    rounds: list[list[int]] = []
    seen: Counter = Counter()
    for index in sorted(range(len(views)), key=lambda i: views[i][2]):
        article_id, reader, _now = views[index]
        occurrence = seen[(reader, article_id)]
        seen[(reader, article_id)] += 1
        if occurrence == len(rounds):
            rounds.append([])
        rounds[occurrence].append(index)
    return rounds


def _upsert(rows: list[View]) -> set[tuple[str, int]]:
    """One statement for ``rows`` (distinct keys); the (reader, article) keys it counted.

    Counted: a view past the stored one's window, or one a window before it (a stopped
    process's journal written through late). The key keeps the later of the two.
    """
    table = connection.ops.quote_name(RecentView._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    span = window()
    params: list = []
    for article_id, reader, now in rows:
        params += [reader, article_id, adapt(now), adapt(now + span)]
    values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
    with connection.cursor() as cursor:
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
        return {(reader, int(article)) for reader, article in cursor.fetchall()}


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
