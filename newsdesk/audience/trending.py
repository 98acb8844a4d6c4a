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


def log_add_sql(a: str, b: str, vendor: str) -> str:
    """SQL for log_add(a, b) on SQLite or PostgreSQL, for two column expressions.

    exp() of anything below -700 is left out: it adds nothing to a double, and PostgreSQL
    raises an underflow error where SQLite would return 0.
    """
    greatest = "GREATEST" if vendor == "postgresql" else "MAX"
    return f"({greatest}({a}, {b}) + LN(1.0 + EXP({greatest}(-ABS({a} - {b}), -700.0))))"


def decayed(log_score: float, now: datetime) -> float:
    """The decayed score at ``now``, for display and tests."""
    return math.exp(log_score - view_weight(now))


# The log-weight of no views at all; log_add(NO_WEIGHT, w) == w to float precision.
NO_WEIGHT = -1e9
