"""CSRF protection that works on a cached page.

A cached article page is the same for every reader, so it cannot carry a per-reader CSRF
token. Browsers tell us where a form came from instead: every current browser sends Origin
(and Sec-Fetch-Site) with a form POST. A POST whose Origin is the site's own is accepted; one
from anywhere else is refused. A POST with neither header (an old browser) falls back to
Django's token check, and a reader who fails it gets an uncached form that carries a token.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware

from newsdesk.site.http import post_origin


def check(request: HttpRequest) -> str:
    """ "ok", "cross-site" (refuse), or "no-token" (an old browser without the token)."""
    verdict = post_origin(request.META)
    if verdict != "unknown":
        return "ok" if verdict == "same-origin" else "cross-site"
    refused = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
    return "ok" if refused is None else "no-token"
