"""CSRF protection that works on a cached page.

A cached article page is the same for every reader, so it cannot carry a per-reader CSRF
token. Browsers tell us where a form came from instead: every current browser sends Origin
(and Sec-Fetch-Site) with a form POST. A POST whose Origin is the site's own is accepted; one
from anywhere else is refused. A POST with neither header (an old browser) falls back to
Django's token check, and a reader who fails it gets an uncached form that carries a token.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_origins(request: HttpRequest) -> set[str]:
    origins = {_origin_of(settings.SITE_URL), f"{request.scheme}://{request.get_host()}".lower()}
    origins.update(o.lower() for o in getattr(settings, "CSRF_TRUSTED_ORIGINS", []))
    return origins


def check(request: HttpRequest) -> str:
    """ "ok", "cross-site" (refuse), or "no-token" (an old browser without the token)."""
    origin = request.headers.get("Origin")
    if origin is not None:
        return "ok" if origin.lower() in allowed_origins(request) else "cross-site"
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return "ok" if fetch_site == "same-origin" else "cross-site"
    refused = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
    return "ok" if refused is None else "no-token"
