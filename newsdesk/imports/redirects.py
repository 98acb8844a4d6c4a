"""Old addresses answered with a 301 in front of Django (docs/imports.md, "Old links").

``Redirects`` is a WSGI layer under the page cache: a cached page never reaches it, and an
uncached GET or HEAD costs one dictionary lookup, or one indexed query per address and
process every CACHE_SECONDS. Only ``?p=<number>`` of a query counts (WordPress's own short
address): the page cache hands on no other parameter, and none names an old page.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl, quote, unquote

from redis.exceptions import RedisError

from newsdesk.imports.models import Redirect
from newsdesk.pagecache import store
from newsdesk.site import redis_breaker
from newsdesk.site.caches import BoundedCache
from newsdesk.site.db import tidy_connections
from newsdesk.site.http import host_allowed

StartResponse = Callable[..., object]

CACHE_SECONDS = 30.0
MAX_HOPS = 5
# The site's own machinery: never an old address, never looked up.
RESERVED_PREFIXES = (
    "/admin/",
    "/api/",
    "/audience/",
    "/comments/",
    "/desk/",
    "/search/",
    "/static/",
    "/media/",
    "/feeds/",
    "/healthz",
    "/robots.txt",
    "/sitemap",
    "/favicon.ico",
)
HEADERS = [
    ("Content-Type", "text/plain; charset=utf-8"),
    ("Content-Length", "0"),
    # Editors can change a redirect: browsers and CDNs keep this one a day, not for ever.
    ("Cache-Control", "public, max-age=86400"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
]

# address -> (the purge clock then, when read, the final new address or None)
_targets: BoundedCache[str, tuple[str | None, float, str | None]] = BoundedCache(
    "imports.redirects", max_entries=20_000
)


def forget() -> None:
    _targets.clear()


def normalize(address: str) -> str:
    """The stored form of an old address: a decoded path starting with "/", plus ``?p=N``
    when the query names a post number. "" for something that is no address of ours."""
    address = (address or "").strip()
    path, _, query = address.partition("?")
    path = unquote(path.split("#", 1)[0])
    if not path.startswith("/") or path.startswith("//"):
        return ""
    number = _post_number(query)
    return f"{path}?p={number}" if number else path


def _post_number(query: str) -> str:
    for name, value in parse_qsl(query, keep_blank_values=True, max_num_fields=50):
        if name == "p" and value.isascii() and value.isdigit() and len(value) <= 12:
            return str(int(value))
    return ""


def reserved(address: str) -> bool:
    """Whether an address belongs to the site's machinery (or is the home page itself)."""
    return address == "/" or address.startswith(RESERVED_PREFIXES)


def target_for(address: str) -> str | None:
    """The final new address for a normalized old one, following chained redirects
    (MAX_HOPS at most); None for none, or for a loop. One indexed query per hop."""
    if "\x00" in address:
        return None  # no stored path holds a NUL (PostgreSQL refuses it in a query: a 500)
    seen = {address}
    current = address
    for _ in range(MAX_HOPS):
        following = Redirect.objects.filter(old_path=current).values_list("new_path", flat=True)
        new = following.first()
        if new is None:
            break
        current = new
        if current in seen:
            return None  # a loop: answer what the site has instead
        seen.add(current)
    return None if current == address else current


def cached_target(address: str) -> str | None:
    """target_for, remembered per process for CACHE_SECONDS (not found included) and until
    the page cache's next purge: a moved article purges its pages, so every process looks
    its old address up again at once (docs/imports.md, "Old links"). One read of the purge
    clock; a query only when the answer is not kept."""
    stamp = _purge_clock()
    hit = _targets.get(address)
    if hit is not None and hit[0] == stamp and time.monotonic() - hit[1] < CACHE_SECONDS:
        return hit[2]
    found = target_for(address)
    _targets.set(address, (stamp, time.monotonic(), found))
    return found


def _purge_clock() -> str | None:
    """The page cache's purge clock; None while Redis fails (then CACHE_SECONDS alone bounds
    what a process keeps), asking nothing of a Redis the breaker has given up on."""
    if store.shared() and not redis_breaker.available():
        return None
    try:
        return store.clock()
    except RedisError:
        redis_breaker.trip()
        return None


def _request_address(environ: dict) -> str:
    raw = environ.get("PATH_INFO", "")
    try:
        path = raw.encode("latin-1").decode("utf-8")  # WSGI hands bytes as latin-1 text
    except UnicodeError:
        return ""
    number = _post_number(environ.get("QUERY_STRING", ""))
    return f"{path}?p={number}" if number else path


class Redirects:
    """Answers an old address with 301 and its new one; anything else goes on untouched."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") not in {"GET", "HEAD"}:
            return self.app(environ, start_response)
        address = _request_address(environ)
        if not address or reserved(address) or not host_allowed(environ):
            return self.app(environ, start_response)
        tidy_connections()
        try:
            target = cached_target(address)
            if target is None and "?" not in address and not address.endswith("/"):
                target = cached_target(address + "/")  # a permalink without its last slash
        finally:
            tidy_connections()
        if target is None:
            return self.app(environ, start_response)
        start_response("301 Moved Permanently", [("Location", _location(target)), *HEADERS])
        return []


def _location(target: str) -> str:
    path, mark, query = target.partition("?")
    return quote(path, safe="/%:@!$&'()*+,;=-._~") + mark + query
