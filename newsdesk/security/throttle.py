"""django-axes' failure limit: a user name from one address, and a user name from anywhere.

Axes counts a login's failures under each of AXES_LOCKOUT_PARAMETERS (the name with the
address, then the name alone) and locks when the larger count reaches AXES_FAILURE_LIMIT;
this callable is that limit, so each count gets its own (docs/security.md, "Accounts").
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def failure_limit(request: HttpRequest, credentials: dict | None = None) -> int:
    """NEWSDESK_LOGIN_FAILURES_PER_ADDRESS once the name failed that often from this address
    (an IPv6 /64), else NEWSDESK_LOGIN_FAILURES_PER_USERNAME. One query."""
    per_address = int(settings.NEWSDESK_LOGIN_FAILURES_PER_ADDRESS)
    attempts = AxesProxyHandler.get_implementation().get_user_attempts(request, credentials)
    from_here = attempts[0].aggregate(n=Sum("failures_since_start"))["n"] or 0
    if from_here >= per_address:
        return per_address  # the name-alone count is never below it: locked
    return int(settings.NEWSDESK_LOGIN_FAILURES_PER_USERNAME)
