"""A database that cannot answer for a moment is a 503 with a message, never a 500."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse

from newsdesk.site.errors import DatabaseUnavailable, error_response

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Answers 503 (Retry-After) when a view meets a database that cannot answer now.

    OperationalError is what the database driver raises for a server that is restarting or
    unreachable, a restore holding its tables, a deadlock victim or SQLite's "database is
    locked" past the busy timeout: the request did nothing wrong and may be tried again. The
    page is the plain 503.html, rendered without context, so it needs no database.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError):
            return None
        logger.warning("database unavailable for %s", request.path, exc_info=exception)
        # No request: the page renders without context processors, which may need the database.
        response = error_response(None, DatabaseUnavailable(), template_name="503.html")
        response["Cache-Control"] = "no-store"
        return response
