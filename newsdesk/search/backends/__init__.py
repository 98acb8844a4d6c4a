"""One small interface over each database's full-text search.

The analyzer (``newsdesk.search.analysis``) decides what the terms are; a backend only
stores them and matches them. Both backends answer the same questions the same way:

- ``store(rows)`` writes the terms of some articles, in the caller's transaction;
- ``count(query, scope, limit)`` is how many articles match and are in scope, counting no
  further than ``limit`` (an exact count of a very broad query costs more than the search);
- ``page(query, scope, offset, limit)`` ranks the newest ``window`` matches in scope by
  relevance with a recency boost and returns one page of their ids;
- ``matching_ids(query)`` is a subquery of every matching article id, in any state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from newsdesk.search.analysis import Query

# Relevance is multiplied by 1 + 1 / (1 + age in days / RECENCY_DAYS): a story of today counts
# twice, one of a month ago one and a half times, one of last year barely more than once.
RECENCY_DAYS = 30.0


@dataclass(frozen=True)
class Scope:
    """Which articles a reader's search covers: live at ``now``, and the filters chosen."""

    now: datetime
    section_id: int | None = None
    contributor_id: int | None = None
    since: datetime | None = None  # publish time at or after
    until: datetime | None = None  # publish time before
    window: int = 1000  # how many of the newest matches are ranked


@dataclass(frozen=True)
class Terms:
    """An article's terms as the analyzer made them, and what its row carries."""

    article_id: int
    section_id: int
    live_from: datetime | None
    headline: str
    summary: str
    body: str


class Backend(Protocol):
    def store(self, rows: list[Terms]) -> None: ...

    def count(self, query: Query, scope: Scope, *, limit: int) -> int: ...

    def page(self, query: Query, scope: Scope, *, offset: int, limit: int) -> list[int]: ...

    def matching_ids(self, query: Query): ...

    def prune(self) -> int: ...

    def optimize(self) -> None: ...


def get_backend() -> Backend:
    """The backend for the default database."""
    if connection.vendor == "sqlite":
        from newsdesk.search.backends.sqlite import SqliteBackend

        return SqliteBackend()
    if connection.vendor == "postgresql":
        from newsdesk.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    raise ImproperlyConfigured(f"Search supports SQLite and PostgreSQL, not {connection.vendor}.")
