"""SQLite: an FTS5 table of the analyzer's terms, searched beside the narrow document rows.

``search_fts`` (created by the migration) holds each article's headline, summary and body
terms under ``rowid = article id``; its ``rank`` is BM25 with the headline weighing 10 and
the summary 4 against the body's 1. FTS5 is not in Django's ORM, so the two reads are SQL
written here; every value is a parameter, and the match expression is made only of terms
the analyzer produced, each quoted.
"""

from __future__ import annotations

from datetime import datetime

from django.db import connection
from django.db.models.expressions import RawSQL

from newsdesk.search.analysis import Query
from newsdesk.search.backends import RECENCY_DAYS, Scope, Terms
from newsdesk.search.models import SearchDocument

UNIX_EPOCH_JULIAN_DAY = 2440587.5


def match_expression(query: Query) -> str:
    """An FTS5 query: each group a quoted phrase (a prefix if so marked), all required."""
    parts = []
    for group in query.groups:
        phrase = " ".join(group.terms).replace('"', '""')
        parts.append(f'"{phrase}"*' if group.prefix else f'"{phrase}"')
    return " AND ".join(parts)


def _timestamp(value: datetime) -> str:
    return connection.ops.adapt_datetimefield_value(value)


class SqliteBackend:
    def store(self, rows: list[Terms]) -> None:
        if not rows:
            return
        SearchDocument.objects.bulk_create(
            [
                SearchDocument(
                    article_id=row.article_id, section_id=row.section_id, live_from=row.live_from
                )
                for row in rows
            ],
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=["section", "live_from", "indexed_at"],
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM search_fts WHERE rowid = %s", [(row.article_id,) for row in rows]
            )
            cursor.executemany(
                "INSERT INTO search_fts (rowid, headline, summary, body) VALUES (%s, %s, %s, %s)",
                [(row.article_id, row.headline, row.summary, row.body) for row in rows],
            )

    def _matches(self, query: Query, scope: Scope) -> tuple[str, list]:
        # CROSS JOIN keeps FTS5 as the outer loop: SQLite's planner would otherwise walk the
        # documents and ask FTS5 once per row, which is a thousand times slower.
        sql = (
            "FROM search_fts f CROSS JOIN search_document d ON d.article_id = f.rowid "
            "WHERE f.search_fts MATCH %s AND d.live_from <= %s"
        )
        params: list = [match_expression(query), _timestamp(scope.now)]
        if scope.section_id is not None:
            sql += " AND d.section_id = %s"
            params.append(scope.section_id)
        if scope.since is not None:
            sql += " AND d.live_from >= %s"
            params.append(_timestamp(scope.since))
        if scope.until is not None:
            sql += " AND d.live_from < %s"
            params.append(_timestamp(scope.until))
        if scope.contributor_id is not None:
            sql += (
                " AND d.article_id IN"
                " (SELECT article_id FROM newsroom_byline WHERE contributor_id = %s)"
            )
            params.append(scope.contributor_id)
        return sql, params

    def count(self, query: Query, scope: Scope, *, limit: int) -> int:
        if not query:
            return 0
        where, params = self._matches(query, scope)
        # Newest first, as the window is walked: with a recent date range, the matches in
        # range come first and the count stops there.
        sql = f"SELECT count(*) FROM (SELECT 1 {where} ORDER BY f.rowid DESC LIMIT %s)"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit])
            return cursor.fetchone()[0]

    def page(self, query: Query, scope: Scope, *, offset: int, limit: int) -> list[int]:
        if not query:
            return []
        where, params = self._matches(query, scope)
        # The inner query walks the matches newest id first and stops at the window, so BM25
        # is computed for the window only; the outer one ranks the window.
        sql = f"""
            SELECT w.id FROM (
                SELECT f.rowid AS id, f.rank AS rank, d.live_from AS live_from {where}
                ORDER BY f.rowid DESC LIMIT %s
            ) AS w
            ORDER BY -w.rank * (1.0 + 1.0 / (1.0 + (%s - julianday(w.live_from)) / %s)) DESC,
                w.live_from DESC, w.id DESC
            LIMIT %s OFFSET %s
        """  # noqa: S608 (no input in SQL)
        now_day = scope.now.timestamp() / 86400 + UNIX_EPOCH_JULIAN_DAY
        params += [scope.window, now_day, RECENCY_DAYS, limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def matching_ids(self, query: Query) -> RawSQL:
        return RawSQL(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [match_expression(query)]
        )

    def prune(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_fts WHERE rowid NOT IN (SELECT article_id FROM search_document)"
            )
            return cursor.rowcount

    def optimize(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
