"""The site's one error vocabulary (docs/errors.md), after Zulip's JsonableError.

A request that cannot be done raises a NewsdeskError subclass: the class carries the HTTP
status, a machine code, a message a reader understands and, where waiting helps, Retry-After.
One function turns it into a response: error_response for Django views, wsgi_error for the
WSGI layers in front of Django. No view or layer maps an exception to a status by hand.

The lowest layer: it imports no other Newsdesk app, so every app can raise these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

TEXT = "text/plain; charset=utf-8"


class NewsdeskError(Exception):
    """A request the site refuses or cannot do now, with what the client should be told."""

    status: int = 500
    code: str = "error"
    message: str = "Something went wrong on our side."
    retry_after: int | None = None  # seconds, sent as Retry-After

    def __init__(self, message: str | None = None, *, retry_after: int | None = None) -> None:
        if message is not None:
            self.message = message
        if retry_after is not None:
            self.retry_after = max(1, retry_after)  # "0" would invite an instant retry
        super().__init__(self.message)


class BadRequest(NewsdeskError):
    status = 400
    code = "bad_request"
    message = "The request was not understood."


class BadContentLength(BadRequest):
    code = "bad_content_length"
    message = "The request's Content-Length is not a number of bytes."


class Forbidden(NewsdeskError):
    status = 403
    code = "forbidden"
    message = "You are not allowed to do that."


class NotFound(NewsdeskError):
    status = 404
    code = "not_found"
    message = "There is nothing here."


class Conflict(NewsdeskError):
    status = 409
    code = "conflict"
    message = "That was done already."


class TooManyRequests(NewsdeskError):
    status = 429
    code = "too_many_requests"
    message = "Too many requests; please wait a moment."


class Unavailable(NewsdeskError):
    status = 503
    code = "unavailable"
    message = "This is unavailable for a moment; please try again."


class DatabaseUnavailable(Unavailable):
    """The database cannot answer now (restarting, locked, a restore): the request did nothing
    wrong and may be tried again (site.middleware.DatabaseUnavailableMiddleware)."""

    code = "database_unavailable"
    message = "Our database is busy for a moment; please try again in a few seconds."
    retry_after = 10


def error_headers(error: NewsdeskError) -> list[tuple[str, str]]:
    """The headers an error adds to any response: Retry-After when it has one."""
    return [] if error.retry_after is None else [("Retry-After", str(error.retry_after))]


def error_response(
    request: HttpRequest | None,
    error: NewsdeskError,
    *,
    template_name: str | None = None,
    context: dict[str, Any] | None = None,
    as_json: bool = False,
) -> HttpResponse:
    """The response for ``error`` in a Django view: its status, Retry-After, and a body.

    The body is ``template_name`` rendered with ``context`` plus ``message`` and ``error``
    (with ``request``, like render(); with request None, on its own and without context
    processors, so a page for a database that is down needs no database), else
    ``{"error": message}`` when ``as_json``, else the message as plain text. Caching headers
    are the caller's: each page keeps its own.
    """
    if template_name is not None:
        page = {**(context or {}), "message": error.message, "error": error}
        body = loader.render_to_string(template_name, page, request=request)
        response = HttpResponse(body, status=error.status)
    elif as_json:
        response = JsonResponse({"error": error.message}, status=error.status)
    else:
        response = HttpResponse(error.message, status=error.status, content_type=TEXT)
    for name, value in error_headers(error):
        response[name] = value
    return response


def wsgi_error(
    error: NewsdeskError,
    start_response: Callable[..., object],
    *,
    headers: Iterable[tuple[str, str]] = (),
) -> list[bytes]:
    """The answer for ``error`` in a WSGI layer: the message as plain text after ``headers``
    (the layer's own, e.g. the security headers every response carries), then Retry-After."""
    body = error.message.encode()
    sent = list(headers)
    if body:
        sent += [("Content-Type", TEXT), ("Content-Length", str(len(body)))]
    sent += error_headers(error)
    start_response(f"{error.status} {HTTPStatus(error.status).phrase}", sent)
    return [body] if body else []
