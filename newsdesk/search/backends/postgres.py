"""PostgreSQL: the analyzer's terms as a weighted ``tsvector`` with a GIN index.

The terms are already normalized, stemmed and cut into bigrams, so they are written as
``tsvector`` and ``tsquery`` literals: PostgreSQL's parser and dictionaries never see them,
add no stemming or stop words of their own, and a query matches exactly what it matches on
SQLite. (Writing the literal is also five times cheaper for the server than ``to_tsvector``.)
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import (
    BigIntegerField,
    ExpressionWrapper,
    F,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast

from newsdesk.newsroom.models import Byline
from newsdesk.search.analysis import Query
from newsdesk.search.backends import RECENCY_DAYS, Scope, Terms
from newsdesk.search.models import SearchDocument

# ts_rank weights for D (body), C (unused), B (summary), A (headline).
WEIGHTS = [0.1, 0.2, 0.4, 1.0]
# ts_rank normalization 1: divide by 1 + the log of the document's length, as BM25 does.
NORMALIZATION = 1
# PostgreSQL keeps positions up to 16383 and at most 255 of them per lexeme.
MAX_POSITION, MAX_POSITIONS = 16383, 255


def _lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery_text(query: Query, *, phrases: bool = True) -> str:
    """A tsquery literal: each group a phrase of lexemes (a prefix if so marked), all required.

    ``phrases=False`` asks only for every lexeme, anywhere: what the GIN index can answer
    without reading a single vector (positions are not in the index)."""
    parts = []
    joiner = " <-> " if phrases else " & "
    for group in query.groups:
        phrase = joiner.join(_lexeme(term) for term in group.terms)
        parts.append(f"({phrase}:*)" if group.prefix else f"({phrase})")
    return " & ".join(parts)


def tsvector_text(row: Terms) -> str:
    """A tsvector literal of an article's terms: the headline weighs A, the summary B, the
    body D, positions running on from one field to the next as ``||`` would make them."""
    positions: dict[str, list[str]] = {}
    at = 0
    for terms, weight in ((row.headline, "A"), (row.summary, "B"), (row.body, "")):
        for term in terms.split():
            at += 1
            found = positions.setdefault(term, [])
            if len(found) < MAX_POSITIONS:
                found.append(f"{min(at, MAX_POSITION)}{weight}")
    return " ".join(f"{_lexeme(term)}:{','.join(found)}" for term, found in positions.items())


class TermsQuery(SearchQuery):
    """A tsquery literal, cast as it is, without ``to_tsquery``'s parsing."""

    template = "(%(expressions)s)::tsquery"

    def __init__(self, query: Query, *, phrases: bool = True) -> None:
        super().__init__(Value(tsquery_text(query, phrases=phrases)), search_type="raw")


def _has_phrase(query: Query) -> bool:
    return any(len(group.terms) > 1 for group in query.groups)


class PostgresBackend:
    """One search's questions; it keeps the window of matches between the count and a page.

    Both are answered from one pass: the newest matches in scope, by id, one past the window.
    A phrase (a quoted phrase, a Korean word of three or more syllables) cannot be decided by
    the GIN index, which has no positions: PostgreSQL reads each candidate's vector to check
    it. So the index is asked for the articles holding every lexeme, those are sorted newest
    first (ids only), and the phrase is checked in that order until the window is full: the
    vectors of older candidates are never read.
    """

    def __init__(self) -> None:
        self._windows: dict[tuple, list[int]] = {}

    def store(self, rows: list[Terms]) -> None:
        if not rows:
            return
        SearchDocument.objects.bulk_create(
            [
                SearchDocument(
                    article_id=row.article_id,
                    section_id=row.section_id,
                    live_from=row.live_from,
                    vector=Cast(Value(tsvector_text(row)), SearchVectorField()),
                )
                for row in rows
            ],
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=["section", "live_from", "vector", "indexed_at"],
        )

    def _matches(
        self, query: Query, scope: Scope, *, phrases: bool = True
    ) -> QuerySet[SearchDocument]:
        matches = SearchDocument.objects.filter(
            vector=TermsQuery(query, phrases=phrases), live_from__lte=scope.now
        )
        if scope.section_id is not None:
            # "+ 0" keeps the planner off the section index: with it, PostgreSQL reads every
            # article of the section and tests each one's vector out of line (46 ms for a
            # common word at 100k articles), where the GIN index's matches filtered by
            # section take 9 ms.
            section = ExpressionWrapper(F("section_id") + 0, output_field=BigIntegerField())
            matches = matches.alias(section_plain=section).filter(section_plain=scope.section_id)
        if scope.since is not None:
            matches = matches.filter(live_from__gte=scope.since)
        if scope.until is not None:
            matches = matches.filter(live_from__lt=scope.until)
        if scope.contributor_id is not None:
            bylines = Byline.objects.filter(contributor_id=scope.contributor_id)
            matches = matches.filter(article_id__in=bylines.values("article_id"))
        return matches

    def _window(self, query: Query, scope: Scope, limit: int) -> list[int]:
        """Ids of the newest ``limit`` matches in scope, newest first."""
        key = (tsquery_text(query), scope, limit)
        if key in self._windows:
            return self._windows[key]
        # "+ 0" keeps the planner off a backwards walk of the primary key, which would test a
        # vector for every row it passes.
        newest = ExpressionWrapper(F("article_id") + 0, output_field=BigIntegerField())
        if not _has_phrase(query):
            ids = list(
                self._matches(query, scope)
                .order_by(newest.desc())
                .values_list("article_id", flat=True)[:limit]
            )
        else:
            candidates = (
                self._matches(query, scope, phrases=False)
                .annotate(newest=newest)
                .order_by("-newest")
                .values_list("article_id", "newest", "vector")
            )
            inner, params = candidates.query.sql_with_params()
            # OFFSET 0 keeps the phrase test out of the candidates' scan, so it runs on the
            # sorted candidates and stops with the window; the outer ORDER BY is the inner
            # one (PostgreSQL sorts once) and makes the order a promise, not a habit.
            sql = (
                f"SELECT c.article_id FROM ({inner} OFFSET 0) AS c (article_id, newest, vector) "  # noqa: S608
                "WHERE c.vector @@ %s::tsquery ORDER BY c.newest DESC LIMIT %s"
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, [*params, tsquery_text(query), limit])
                ids = [row[0] for row in cursor.fetchall()]
        self._windows[key] = ids
        return ids

    def count(self, query: Query, scope: Scope, *, limit: int) -> int:
        return len(self._window(query, scope, max(limit, scope.window + 1))[:limit]) if query else 0

    def page(self, query: Query, scope: Scope, *, offset: int, limit: int) -> list[int]:
        if not query:
            return []
        ids = self._window(query, scope, scope.window + 1)[: scope.window]
        if not ids:
            return []
        # One statement over the window's ids: the same with SearchRank in the ORM took 2-5 ms
        # more to build (measured, docs/search.md), a tenth of the page's budget.
        table = connection.ops.quote_name(SearchDocument._meta.db_table)
        sql = (
            f"SELECT d.article_id FROM {table} AS d WHERE d.article_id = ANY(%s) "  # noqa: S608
            "ORDER BY ts_rank(%s::real[], d.vector, %s::tsquery, %s) * (1.0 + 1.0 / (1.0 + "
            "(%s - EXTRACT(EPOCH FROM d.live_from) / 86400.0) / %s)) DESC, "
            "d.live_from DESC, d.article_id DESC LIMIT %s OFFSET %s"
        )
        params = [
            ids,
            WEIGHTS,
            tsquery_text(query),
            NORMALIZATION,
            scope.now.timestamp() / 86400,
            RECENCY_DAYS,
            limit,
            offset,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def matching_ids(self, query: Query) -> QuerySet[SearchDocument]:
        return SearchDocument.objects.filter(vector=TermsQuery(query)).values("article_id")

    def prune(self) -> int:
        return 0  # the terms live in the document row and go with it

    def optimize(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_document")
