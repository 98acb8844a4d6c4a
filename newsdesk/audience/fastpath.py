"""The view beacon answered in front of Django.

Every page view sends one beacon, so it is the busiest request Newsdesk serves. This WSGI
layer answers an anonymous beacon with the same rules (audience.services.view_record) but
without Django's middleware and URL routing. Anything it does not handle (another path,
another method, a request with a session cookie, whose staff status only Django's auth can
tell) goes on to Django untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import parse_qs

from django.db import connections

from newsdesk.audience import services
from newsdesk.site.http import (
    PERMISSIONS_POLICY,
    client_ip_from_meta,
    has_session,
    host_allowed,
)

BEACON_PATH = "/audience/views/"
MAX_BODY = 1024

StartResponse = Callable[..., object]

# The answer is never a document, so its policy forbids everything; the other headers are
# those every response of the site carries (newsdesk.security, docs/security.md).
_HEADERS = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Cache-Control", "no-store"),
    (
        "Content-Security-Policy",
        "default-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    ),
    ("Permissions-Policy", PERMISSIONS_POLICY),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
]
_STATUS = {
    204: "204 No Content",
    400: "400 Bad Request",
    404: "404 Not Found",
    429: "429 Too Many Requests",
    503: "503 Service Unavailable",
}


class BeaconFastPath:
    def __init__(self, app: Callable) -> None:
        self.app = app

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != BEACON_PATH or environ.get("REQUEST_METHOD") != "POST":
            return self.app(environ, start_response)
        if has_session(environ) or not host_allowed(environ):
            return self.app(environ, start_response)  # Django decides, with its full checks
        # What Django's request signals do for a request, without the signals' dispatch (it
        # cost more than half a beacon's time): connections past CONN_MAX_AGE or broken are
        # dropped before and after, as close_old_connections does for any request.
        _tidy_connections()
        try:
            return self._answer(environ, start_response)
        finally:
            _tidy_connections()

    def _answer(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if not 0 < length <= MAX_BODY:
            return _reply(start_response, 400, "A view report needs the article's number.")
        body = environ["wsgi.input"].read(length).decode("latin-1")
        values = parse_qs(body).get("article", [""])
        raw = values[0] if len(values) == 1 else ""
        if not (raw.isascii() and raw.isdigit() and 0 < len(raw) <= 18):
            return _reply(start_response, 400, "A view report needs the article's number.")
        beacon = services.Beacon(
            article_id=int(raw),
            ip=client_ip_from_meta(environ),
            user_agent=environ.get("HTTP_USER_AGENT", ""),
            is_staff=False,
        )
        try:
            services.view_record(beacon=beacon)
        except services.UnknownArticle:
            return _reply(start_response, 404, "There is no such article.")
        except services.RateLimited as limited:
            return _reply(start_response, 429, str(limited), retry_after=limited.retry_after)
        except services.StoreUnavailable as down:
            retry = services.RETRY_AFTER_UNAVAILABLE
            return _reply(start_response, 503, str(down), retry_after=retry)
        return _reply(start_response, 204, "")


def _reply(
    start_response: StartResponse, status: int, message: str, retry_after: int | None = None
) -> list[bytes]:
    body = message.encode()
    headers = list(_HEADERS)
    if body:
        headers += [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
        ]
    if retry_after is not None:
        headers.append(("Retry-After", str(retry_after)))
    start_response(_STATUS[status], headers)
    return [body] if body else []


def _tidy_connections() -> None:
    """django.db.close_old_connections, except for a connection inside a transaction.

    A request never starts inside one in a server; a test that calls the WSGI application
    does (its transaction is rolled back at the end), and closing it would end the test's
    transaction, which is why Django's test client disconnects the same handler.
    """
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close_if_unusable_or_obsolete()
