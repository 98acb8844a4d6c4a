"""Several small, index-backed "top n" reads answered by one query."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL


def top_ids(*querysets: QuerySet) -> RawSQL:
    """The ids of each sliced queryset, in one subquery: ``pk__in=top_ids(a[:4], b[:4])``.

    Each part keeps its own ORDER BY and LIMIT, so each reads a few rows through its index
    (a window function or one ORDER BY over the union would read every matching row). Django
    cannot UNION sliced querysets on SQLite, so the parts are joined here as subqueries in
    FROM, which both SQLite and PostgreSQL accept.
    """
    parts, params = [], []
    quote = connection.ops.quote_name
    for number, queryset in enumerate(querysets):
        sql, part_params = queryset.values("id").query.sql_with_params()
        # Only Django's compiled SQL and quoted names go into the text; values stay parameters.
        parts.append(f"SELECT {quote('id')} FROM ({sql}) AS {quote(f'part{number}')}")  # noqa: S608
        params.extend(part_params)
    return RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611
