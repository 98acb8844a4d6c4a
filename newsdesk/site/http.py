"""HTTP facts every layer needs, decided once: who the client is (and the network a limit
holds to), whether the host is ours, whether a POST comes from our own pages, whether a request
carries a session, and the browser features the site never grants.

The lowest layer (docs/architecture.md): it imports no other Newsdesk app, so the WSGI fast
paths, the page cache, the audience and comment apps and the admin's login throttle all ask
the same functions. None of them queries the database.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port, validate_host

# Browser features the site never uses; a framed or injected script cannot ask for them.
# (navigator.share, used by the share panel, is left alone.)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


# What an answer made in front of Django carries (the beacon's fast path, a refusal of the
# page cache): never a document, so its policy forbids everything; the other headers are
# those every response of the site carries (newsdesk.security, docs/security.md).
WSGI_ANSWER_HEADERS = [
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


def content_length_valid(environ: dict) -> bool:
    """Whether CONTENT_LENGTH is absent, empty or a number of bytes. Django reads any other
    value with int() when a view reads the body, which was a 500 (tests/security)."""
    value = environ.get("CONTENT_LENGTH", "").strip()
    return not value or (value.isascii() and value.isdigit())


def client_ip_from_meta(meta: dict) -> str:
    """The client's address (a WSGI environ or request.META); behind a proxy, what it reports.

    NEWSDESK_PROXY_COUNT says how many proxies of our own stand in front (0: none), so a
    client cannot pick their own identity with a forged X-Forwarded-For.
    """
    hops = int(settings.NEWSDESK_PROXY_COUNT)
    if hops > 0:
        forwarded = [p.strip() for p in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return meta.get("REMOTE_ADDR", "")


def client_ip(request: HttpRequest) -> str:
    """client_ip_from_meta for a Django request (also django-axes' AXES_CLIENT_IP_CALLABLE)."""
    return client_ip_from_meta(request.META)


def network_of(ip: str) -> str:
    """The address a limit or a ban holds to: an IPv4 address itself, the first address of an
    IPv6 address's /64 (a subscriber's whole allocation: they may use any address in it).
    Anything that is not an address comes back as it is."""
    try:
        address = ipaddress.ip_address(ip.strip())
    except ValueError:
        return ip
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False).network_address)
    return str(address)


def client_network(request: HttpRequest) -> str:
    """network_of the client's address (django-axes' AXES_CLIENT_IP_CALLABLE)."""
    return network_of(client_ip(request))


def request_scheme(meta: dict) -> str:
    """The scheme as Django sees it: behind a TLS proxy, what SECURE_PROXY_SSL_HEADER says."""
    proxy = settings.SECURE_PROXY_SSL_HEADER
    if proxy:
        header, secure_value = proxy
        value = meta.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return meta.get("wsgi.url_scheme", "http")


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def own_origins(meta: dict) -> set[str]:
    """The origins of our own pages: SITE_URL's, the requested host's, CSRF_TRUSTED_ORIGINS."""
    host = (meta.get("HTTP_HOST") or meta.get("SERVER_NAME", "")).lower()
    origins = {_origin_of(settings.SITE_URL), f"{request_scheme(meta)}://{host}"}
    origins.update(o.lower() for o in getattr(settings, "CSRF_TRUSTED_ORIGINS", []))
    return origins


def post_origin(meta: dict) -> str:
    """Where a browser says a POST comes from: "same-origin", "cross-site", or "unknown".

    Every current browser sends Origin (and Sec-Fetch-Site) with a POST, and no page can forge
    either; "unknown" (neither header) is an old browser or not a browser at all.
    """
    origin = meta.get("HTTP_ORIGIN")
    if origin is not None:
        return "same-origin" if origin.strip().lower() in own_origins(meta) else "cross-site"
    fetch_site = meta.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None:
        return "same-origin" if fetch_site.strip().lower() == "same-origin" else "cross-site"
    return "unknown"


def has_session(environ: dict) -> bool:
    """Whether the request carries a session cookie, by Django's own cookie parser, so a WSGI
    layer in front of Django sees a session exactly when Django would."""
    raw = environ.get("HTTP_COOKIE", "")
    return bool(raw) and settings.SESSION_COOKIE_NAME in parse_cookie(raw)


def host_allowed(environ: dict) -> bool:
    """Whether the Host header names one of ALLOWED_HOSTS, as Django's get_host would decide."""
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    domain, _port = split_domain_port(host)
    return bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)
