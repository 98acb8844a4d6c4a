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

from newsdesk.audience import services
from newsdesk.site.db import tidy_connections
from newsdesk.site.errors import NewsdeskError, wsgi_error
from newsdesk.site.http import (
    WSGI_ANSWER_HEADERS,
    client_ip_from_meta,
    has_session,
    host_allowed,
    post_origin,
)

BEACON_PATH = "/audience/views/"
MAX_BODY = 1024

StartResponse = Callable[..., object]

_HEADERS = WSGI_ANSWER_HEADERS  # the site's headers, for an answer that is no document


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
        tidy_connections()
        try:
            return self._answer(environ, start_response)
        finally:
            tidy_connections()

    def _answer(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        try:
            beacon = services.Beacon(
                article_id=services.beacon_article_id(_article_field(environ)),
                ip=client_ip_from_meta(environ),
                user_agent=environ.get("HTTP_USER_AGENT", ""),
                is_staff=False,
                origin=post_origin(environ),
            )
            services.view_record(beacon=beacon)
        except NewsdeskError as error:  # bad, cross-site, unknown, rate limited, unavailable
            return wsgi_error(error, start_response, headers=_HEADERS)
        start_response("204 No Content", list(_HEADERS))
        return []


def _article_field(environ: dict) -> str:
    """The body's one ``article`` value; "" for a body that is empty, too long or ambiguous."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return ""
    if not 0 < length <= MAX_BODY:
        return ""
    body = environ["wsgi.input"].read(length).decode("latin-1")
    values = parse_qs(body).get("article", [""])
    return values[0] if len(values) == 1 else ""
