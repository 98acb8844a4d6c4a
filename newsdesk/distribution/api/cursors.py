"""Keyset cursors for the API: an opaque, signed token naming the last row a client has seen.

A page after a cursor is "rows after this key in the list's order", which stays right while
articles are published above it and costs the same on page 1 and page 1,000 (no OFFSET).
The token is signed for one list, so a client cannot hand in values we did not make, nor a
contributors' cursor to the articles; anything else is a 400.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core import signing
from django.db.models import Q, QuerySet
from ninja.errors import HttpError

SALT = "newsdesk.api.cursor"
MAX_LENGTH = 300


def encode(scope: str, values: Sequence[Any]) -> str:
    plain = [v.isoformat() if isinstance(v, datetime) else v for v in values]
    return signing.dumps(plain, salt=f"{SALT}:{scope}")


def decode(scope: str, token: str) -> list[Any]:
    if len(token) > MAX_LENGTH:
        raise HttpError(400, "That is not a cursor from this API.")
    try:
        values = signing.loads(token, salt=f"{SALT}:{scope}")
    except signing.BadSignature as error:
        raise HttpError(400, "That is not a cursor from this API.") from error
    if not isinstance(values, list):
        raise HttpError(400, "That is not a cursor from this API.")
    return values


def after(queryset: QuerySet, order: Sequence[str], token: str | None, scope: str) -> QuerySet:
    """``queryset`` ordered by ``order`` (two fields, the last unique), after the cursor's row."""
    queryset = queryset.order_by(*order)
    if not token:
        return queryset
    first, last = order
    values = decode(scope, token)
    if len(values) != 2:
        raise HttpError(400, "That is not a cursor from this API.")
    key, tiebreak = values
    f1, f2 = first.lstrip("-"), last.lstrip("-")
    op1 = "lt" if first.startswith("-") else "gt"
    op2 = "lt" if last.startswith("-") else "gt"
    return queryset.filter(Q(**{f"{f1}__{op1}": key}) | Q(**{f1: key, f"{f2}__{op2}": tiebreak}))


def page(
    queryset: QuerySet, *, order: Sequence[str], token: str | None, limit: int, scope: str
) -> tuple[list, str | None]:
    """Up to ``limit`` rows after the cursor, and the cursor of the next page (None at the end)."""
    rows = list(after(queryset, order, token, scope)[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    if not more:
        return rows, None
    last = rows[-1]
    return rows, encode(scope, [getattr(last, name.lstrip("-")) for name in order])
