"""The desk's endpoints for the article form's script (static/newsdesk/desk.js). Staff only,
POSTs under Django's CSRF check (a cross-site request is refused), JSON in and out; each
view is a few lines over services.py, errors through the site's vocabulary."""

from __future__ import annotations

import json

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from newsdesk.desk import services
from newsdesk.desk.errors import AutosaveRejected
from newsdesk.site.errors import NewsdeskError, error_response


def _article_id(article: str) -> int | None:
    return None if article == "new" else int(article)


def _json_body(request: HttpRequest) -> dict:
    try:
        return json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise AutosaveRejected("The draft was not readable JSON.") from None


def _when(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


@staff_member_required
@require_http_methods(["GET", "POST"])
def autosave(request: HttpRequest, article: str) -> JsonResponse:
    try:
        found = services.article_for(request.user, _article_id(article))
        if request.method == "POST":
            body = _json_body(request)
            kept = services.autosave_store(
                user=request.user, article=found, fields=body.get("fields")
            )
            return JsonResponse({"saved_at": _when(kept.saved_at)})
        pending = services.autosave_pending(user=request.user, article=found)
    except NewsdeskError as error:
        return error_response(request, error, as_json=True)
    if pending is None:
        return JsonResponse({"autosave": None})
    return JsonResponse({"autosave": {"saved_at": _when(pending.saved_at)}})


@staff_member_required
@require_POST
def autosave_discard(request: HttpRequest, article: str) -> JsonResponse:
    try:
        found = services.article_for(request.user, _article_id(article))
    except NewsdeskError as error:
        return error_response(request, error, as_json=True)
    services.autosave_discard(user=request.user, article=found)
    return JsonResponse({"discarded": True})


@staff_member_required
@require_POST
def presence(request: HttpRequest, article: str) -> JsonResponse:
    try:
        found = services.article_for(request.user, int(article))
    except NewsdeskError as error:
        return error_response(request, error, as_json=True)
    if request.GET.get("leave"):
        services.presence_leave(user=request.user, article=found)
        return JsonResponse({"others": []})
    others = services.presence_beat(user=request.user, article=found)
    return JsonResponse(
        {
            "others": [
                {"name": p.user.get_full_name() or p.user.get_username(), "since": _when(p.since)}
                for p in others
            ]
        }
    )
