"""Forward decay for Popular Now.

A view at time t weighs exp(lambda * (t - EPOCH)), lambda = ln 2 / half-life. Dividing every
article's sum by exp(lambda * now) gives the usual exponentially decayed score, and since the
divisor is the same for all, ordering by the undivided sum orders by the decayed score, at any
moment, with nothing ever recomputed. The sum is kept as its logarithm so that it never
overflows: adding a view is log(exp(a) + exp(b)) = max(a, b) + log(1 + exp(-|a - b|)).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import Expression, F, Value
from django.db.models.functions import Abs, Exp, Greatest, Ln

EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


def decay_rate() -> float:
    """lambda per second from NEWSDESK_TRENDING_HALF_LIFE_HOURS (default 3 h)."""
    return math.log(2) / (float(settings.NEWSDESK_TRENDING_HALF_LIFE_HOURS) * 3600.0)


def view_weight(when: datetime) -> float:
    """The log-weight of one view at ``when``."""
    return decay_rate() * (when - EPOCH).total_seconds()


def log_add(a: float, b: float) -> float:
    high, low = max(a, b), min(a, b)
    return high + math.log1p(math.exp(low - high))


def log_add_expression(field: str, weight: float) -> Expression:
    """SQL for log_add(field, weight), the same on SQLite and PostgreSQL."""
    w = Value(weight)
    # exp(-700) is about 1e-304: small enough to add nothing, large enough that PostgreSQL
    # does not raise an underflow error for it.
    gap = Greatest(-Abs(F(field) - w), Value(-700.0))
    return Greatest(F(field), w) + Ln(Value(1.0) + Exp(gap))


def decayed(log_score: float, now: datetime) -> float:
    """The decayed score at ``now``, for display and tests."""
    return math.exp(log_score - view_weight(now))


# The log-weight of no views at all; log_add(NO_WEIGHT, w) == w to float precision.
NO_WEIGHT = -1e9
