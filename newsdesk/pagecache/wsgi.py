"""The page cache: anonymous reader pages answered in front of Django.

A GET or HEAD of a reader page, from a reader without a session cookie, is answered from the
cache when a fresh copy is there (no middleware, no URL routing, no query). Otherwise Django
renders it, with only the query parameters pages read (pagecache.query), and the page is
kept when it is the same for everyone: a 200 that sets no cookie, does not vary, is not
private or no-store, and names the surrogate keys of what it shows.
Anything else (staff, other paths, methods or hosts) goes to Django untouched.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from redis.exceptions import RedisError

from newsdesk.pagecache import expiry, keys, query, store
from newsdesk.site import redis_breaker
from newsdesk.site.caches import on_clear
from newsdesk.site.errors import BadContentLength, wsgi_error
from newsdesk.site.http import (
    WSGI_ANSWER_HEADERS,
    content_length_valid,
    has_session,
    host_allowed,
    request_scheme,
)

logger = logging.getLogger(__name__)

StartResponse = Callable[..., object]

# Never cached: the newsroom, the API, the endpoints that take comments and count views, and
# search (its queries are unbounded); static and media files have their own caching.
PASS_PREFIXES = (
    "/admin/",
    "/api/",
    "/audience/",
    "/comments/",
    "/desk/",
    "/search/",
    "/static/",
    "/media/",
    "/healthz",
)
# Set by this layer on every page it serves; whatever Django said about them is replaced.
OWN_HEADERS = {"cache-control", "etag", "age", "x-cache", "surrogate-key", "expires"}
REFUSE = ("private", "no-store", "no-cache")
# How long a request waits, in all, for other requests of its process rendering the same page
# before it renders the page itself.
WAIT_SECONDS = 5.0
# After a render whose answer could not be stored (a 404, a redirect, a private page, an error),
# misses of that address render at once for this long instead of waiting for one another.
PASS_SECONDS = 10.0
PASS = threading.Event()  # begin()'s answer for such an address (never waited on)


class _Renders:
    """Pages being rendered in this process, so that concurrent misses of one page render it
    once: after a purge, a busy page's readers would otherwise all render it at once.

    Only coordination lives here, never a page: whatever it says, a request serves a stored
    copy only after the usual checks (``store.get``), or renders."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[str, threading.Event] = {}
        self._passing: dict[str, float] = {}

    def begin(self, address: str) -> threading.Event | None:
        """None: the caller renders the page and must call ``end``. ``PASS``: the caller renders
        it without coordination. Otherwise the event of the render under way, set when over."""
        with self._lock:
            until = self._passing.get(address)
            if until is not None:
                if time.monotonic() < until:
                    return PASS
                del self._passing[address]
            running = self._running.get(address)
            if running is None:
                self._running[address] = threading.Event()
            return running

    def end(self, address: str, *, stored: bool) -> None:
        with self._lock:
            running = self._running.pop(address, None)
            if not stored:
                if len(self._passing) > 10_000:
                    self._passing.clear()
                self._passing[address] = time.monotonic() + PASS_SECONDS
        if running is not None:
            running.set()

    def idle(self) -> bool:
        """No render under way (for tests)."""
        with self._lock:
            return not self._running

    def clear(self) -> None:
        """Forgets the passed-through addresses (for tests)."""
        with self._lock:
            self._passing.clear()


renders = _Renders()
on_clear("pagecache.renders", renders.clear)


class PageCache:
    def __init__(self, app: Callable) -> None:
        self.app = app

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        if not content_length_valid(environ):
            # The outermost layer: no layer or view behind it reads a body it cannot size.
            return wsgi_error(BadContentLength(), start_response, headers=WSGI_ANSWER_HEADERS)
        method = environ.get("REQUEST_METHOD")
        path = environ.get("PATH_INFO", "")
        if (
            method not in {"GET", "HEAD"}
            or path.startswith(PASS_PREFIXES)
            or environ.get("HTTP_AUTHORIZATION")
            or has_session(environ)
            or not host_allowed(environ)
            or not store.ttl()
            or (settings.SECURE_SSL_REDIRECT and _scheme(environ) != "https")
        ):
            return self.app(environ, start_response)  # Django decides (and redirects to https)
        canonical = query.canonical(environ.get("QUERY_STRING", ""))
        if canonical is None:
            return self.app(environ, start_response)  # Django refuses it
        if canonical != environ.get("QUERY_STRING", ""):
            # Django renders exactly what the key names: a copy is always its key's page.
            environ = {**environ, "QUERY_STRING": canonical}
        address = _address(environ)
        try:
            entry = _stored_copy(address, environ)
        except _Unavailable:
            return self.app(environ, start_response)  # Redis failed a moment ago: render
        if entry is not None:
            if store.refresh_due(address, entry):
                # This request renders the page a little before it expires; the others keep
                # getting the stored copy meanwhile, so an expiry never makes every request
                # for a busy page render it at once.
                return self._render(environ, start_response, address, path)
            return _answer(environ, start_response, entry, "HIT")
        return self._miss(environ, start_response, address, path)

    def _miss(self, environ, start_response, address: str, path: str) -> Iterable[bytes]:
        """Renders the page, unless another request of this process is rendering it: then
        this one takes that render's stored copy. When there is none to take (purged during
        the render, for cookie-less readers only), one of the waiting requests renders it
        next, the others waiting again, until WAIT_SECONDS are spent."""
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            running = renders.begin(address)
            if running is None:
                stored = False
                try:
                    response, stored = self._render_page(environ, start_response, address, path)
                    return response
                finally:
                    renders.end(address, stored=stored)
            if running is PASS:
                return self._render(environ, start_response, address, path)
            if not running.wait(max(0.0, deadline - time.monotonic())):
                return self._render(environ, start_response, address, path)
            try:
                entry = _stored_copy(address, environ)
            except _Unavailable:
                return self.app(environ, start_response)  # Redis failed meanwhile: render
            if entry is not None:
                return _answer(environ, start_response, entry, "HIT")
            if time.monotonic() >= deadline:
                return self._render(environ, start_response, address, path)

    def _render(self, environ, start_response, address: str, path: str) -> Iterable[bytes]:
        return self._render_page(environ, start_response, address, path)[0]

    def _render_page(
        self, environ, start_response, address: str, path: str
    ) -> tuple[Iterable[bytes], bool]:
        """Renders the page through Django and stores it if it may be stored.

        The response, and whether a copy was stored (waiting requests take it).
        """
        try:
            # Both read before the render: a purge during it makes the new copy stale.
            stamp = store.clock()
            generation = store.generation()
        except Exception as error:
            _failed(error)
            return self.app(environ, start_response), False
        seen: dict = {}
        has_cookies = bool(environ.get("HTTP_COOKIE"))
        store.render_begins()
        started = time.time()

        def capture(status, headers, exc_info=None):
            seen.update(status=status, headers=headers, exc_info=exc_info)
            if not _storable(status, headers, path, has_cookies=has_cookies):
                seen["passed"] = True
                return start_response(status, headers, exc_info)
            return lambda data: None

        # A HEAD is rendered as the GET it stands for, so it fills the cache too.
        result = self.app({**environ, "REQUEST_METHOD": "GET"}, capture)
        if seen.get("passed"):
            return _passed_through(environ, result), False
        stored_at = store.render_read_at(started)
        try:
            # A scheduled story due before the TTL runs out ends this copy's life at its time.
            stored_at = expiry.end_of_life(stored_at, store.ttl(), stamp)
        except Exception:
            logger.warning("next scheduled change unknown; copy kept for the TTL", exc_info=True)
        entry = _entry(result, seen, path, stored_at=stored_at)
        entry.generation = generation
        stored = _store(address, entry, stamp)
        return _answer(environ, start_response, entry, "MISS"), stored


def _passed_through(environ: dict, result: Iterable[bytes]) -> Iterable[bytes]:
    """Django's own response, not storable: as it is (a HEAD gets no body)."""
    if environ["REQUEST_METHOD"] == "HEAD":
        _close(result)
        return []
    return result


def _entry(result: Iterable[bytes], seen: dict, path: str, *, stored_at: float) -> store.Entry:
    """The stored form of a rendered response (generation set by the caller)."""
    try:
        body = b"".join(result)
    finally:
        _close(result)
    return store.Entry(
        status=seen["status"],
        headers=[(k, v) for k, v in seen["headers"] if k.lower() not in OWN_HEADERS],
        body=body,
        keys=_keys(seen["headers"], path),
        etag='"' + hashlib.sha256(body).hexdigest()[:32] + '"',
        stored_at=stored_at,
        generation=0,
        cookieless=_varies_on_cookie(seen["headers"]),
    )


def _store(address: str, entry: store.Entry, stamp: str | None) -> bool:
    """Keeps the copy; a store that fails is logged and the page is still answered."""
    try:
        store.put(address, entry, stamp=stamp)
    except Exception as error:
        _failed(error, "not stored")
        return False
    return True


class _Unavailable(Exception):
    """The shared store cannot be asked now (Redis failed): render without the cache."""


def _stored_copy(address: str, environ: dict) -> store.Entry | None:
    """The stored page this request may be answered with, or None."""
    if not redis_breaker.available() and store.shared():
        raise _Unavailable
    try:
        entry = store.get(address)
    except Exception as error:
        _failed(error)
        raise _Unavailable from error
    if entry is None or (entry.cookieless and environ.get("HTTP_COOKIE")):
        return None  # the cookie-less variant is for requests without cookies only
    return entry


def _failed(error: Exception, what: str = "rendering") -> None:
    if isinstance(error, RedisError):
        redis_breaker.trip()
    logger.warning("page cache unavailable; %s", what, exc_info=error)


def _address(environ: dict) -> str:
    host = (environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")).lower()
    query = environ.get("QUERY_STRING", "")
    return f"{_scheme(environ)}://{host}{environ.get('PATH_INFO', '')}?{query}"


def _scheme(environ: dict) -> str:
    """Pages carry absolute links (canonical, share, Open Graph) in the scheme they were
    rendered for, so a page rendered over http is never served for https or the reverse."""
    return request_scheme(environ)


def _keys(headers: list[tuple[str, str]], path: str) -> tuple[str, ...]:
    for name, value in headers:
        if name.lower() == keys.HEADER.lower():
            return tuple(value.split())
    return keys.for_path(path)


def _storable(status: str, headers: list[tuple[str, str]], path: str, *, has_cookies: bool) -> bool:
    if not status.startswith("200"):
        return False
    for name, value in headers:
        lower = name.lower()
        if lower == "set-cookie":
            return False
        if lower == "vary":
            varies = {v.strip().lower() for v in value.split(",")}
            # Vary: Cookie is kept only as the variant for requests without any cookie (what
            # an HTTP cache keyed on Cookie would store); any other Vary is not kept at all.
            if varies != {"cookie"} or has_cookies:
                return False
        if lower == "cache-control" and any(word in value.lower() for word in REFUSE):
            return False
    return bool(_keys(headers, path))


def _varies_on_cookie(headers: list[tuple[str, str]]) -> bool:
    return any(name.lower() == "vary" for name, _value in headers)


def _answer(environ, start_response, entry: store.Entry, verdict: str) -> list[bytes]:
    age = max(0, int(time.time() - entry.stored_at))
    headers = [
        *entry.headers,
        (
            "Cache-Control",
            f"public, max-age=0, s-maxage={store.ttl()}, stale-while-revalidate=30",
        ),
        ("ETag", entry.etag),
        ("Age", str(age)),
        ("X-Cache", verdict),
        (keys.HEADER, " ".join(entry.keys)),
    ]
    if _matches(environ.get("HTTP_IF_NONE_MATCH", ""), entry.etag):
        kept = {"cache-control", "etag", "age", "x-cache", keys.HEADER.lower(), "vary"}
        start_response("304 Not Modified", [(k, v) for k, v in headers if k.lower() in kept])
        return []
    start_response(entry.status, headers)
    return [] if environ.get("REQUEST_METHOD") == "HEAD" else [entry.body]


def _matches(header: str, etag: str) -> bool:
    if not header:
        return False
    if header.strip() == "*":
        return True
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return etag in tags


def _close(result) -> None:
    close = getattr(result, "close", None)
    if close is not None:
        close()
