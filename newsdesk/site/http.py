"""HTTP facts every layer needs, decided once: who the client is, whether the host is ours,
whether a request carries a session, and the browser features the site never grants.

The lowest layer (docs/architecture.md): it imports no other Newsdesk app, so the WSGI fast
paths, the page cache, the audience and comment apps and the admin's login throttle all ask
the same functions. None of them queries the database.
"""

from __future__ import annotations

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
