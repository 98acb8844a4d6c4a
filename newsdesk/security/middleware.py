"""Security headers Django and django-csp do not set, and two-factor enforcement for staff."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from functools import cache, partial

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django_otp import user_has_device

from newsdesk.site.http import PERMISSIONS_POLICY


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; the admin's one inline script allowed by hash.

    Sits after csp.middleware.CSPMiddleware in MIDDLEWARE, so its additions to the policy are
    in place when that middleware writes the header on the way out.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path_info.startswith(_admin_prefix()):
            # django-prose-editor loads its modules through an inline <script type="importmap">,
            # which script-src governs like any inline script. Its content is fixed for a
            # deployment (the static URLs), so exactly that map is allowed, by its hash; no
            # other inline script runs, in the admin or anywhere else.
            # Likewise the base stylesheet its Tiptap core injects as a <style> element.
            update = getattr(response, "_csp_update", None) or {}
            update["script-src"] = [*update.get("script-src", []), prose_editor_importmap_hash()]
            style = prose_editor_style_hash()
            if style:
                update["style-src"] = [*update.get("style-src", []), style]
            response._csp_update = update
        return response


@cache
def _admin_prefix() -> str:
    return reverse("admin:index")


_IMPORTMAP = re.compile(r"<script[^>]*>(.*)</script>", re.DOTALL)


@cache
def prose_editor_importmap_hash() -> str:
    """The CSP source for django-prose-editor's import map as the admin renders it."""
    from django_prose_editor.widgets import prose_editor_admin_media

    rendered = "".join(prose_editor_admin_media.render_importmap())
    match = _IMPORTMAP.search(rendered)
    return _sha256_source(match.group(1) if match else "")


# Tiptap's base CSS is a template literal in the editor's bundle, starting like this.
_TIPTAP_STYLE = re.compile(r"`(\.ProseMirror \{\n  position: relative;\n\}.*?)`", re.DOTALL)


@cache
def prose_editor_style_hash() -> str | None:
    """The CSP source for the <style> Tiptap injects, read from the bundle this site serves."""
    from django.contrib.staticfiles import finders

    path = finders.find("django_prose_editor/editor.js")
    if not path:
        return None
    with open(path, encoding="utf-8") as bundle:
        match = _TIPTAP_STYLE.search(bundle.read())
    return _sha256_source(match.group(1)) if match else None


def _sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


class StaffOTPMiddleware:
    """A user with a confirmed TOTP device is anonymous until the session has passed it.

    Placed after django_otp's OTPMiddleware. A session signed in before the device was
    confirmed, or by any path that skipped the code, reaches nothing staff-only: the admin
    sends it to its login, which asks for the code; previews and the dashboard treat it as a
    reader. Users without a device are untouched (two-factor is optional).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None:
            # Lazy, like Django's own request.user: a request that never asks who the user is
            # never touches the session, so reader pages stay cacheable (no Vary: Cookie).
            request.user = SimpleLazyObject(partial(_second_factor_passed, user))
        return self.get_response(request)


def _second_factor_passed(user):
    if user.is_authenticated and not user.is_verified() and user_has_device(user, confirmed=True):
        return AnonymousUser()
    return user
