"""The desk's endpoints for the article form's script (static/newsdesk/desk.js). Staff only,
POSTs under Django's CSRF check (a cross-site request is refused), JSON in and out; each
view is a few lines over services.py, errors through the site's vocabulary."""

from __future__ import annotations

import json
from datetime import date, datetime
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from newsdesk.desk import budget as budgets
from newsdesk.desk import services, takeover
from newsdesk.desk.errors import AutosaveRejected, BudgetRejected, NoSuchArticle, NotYours
from newsdesk.newsroom import history
from newsdesk.newsroom import services as newsroom
from newsdesk.newsroom.models import Article
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
        left = takeover.left_words(user=request.user, article=found)
    except NewsdeskError as error:
        return error_response(request, error, as_json=True)
    return JsonResponse(
        {
            "autosave": pending and {"saved_at": _when(pending.saved_at)},
            # Colleagues who left unsaved words here, for an editor to take over.
            "left": _handovers(left),
        }
    )


@staff_member_required
@require_POST
def take_over(request: HttpRequest, article: str) -> JsonResponse:
    try:
        found = services.article_for(request.user, int(article))
        writer = _json_body(request).get("from")
        if not isinstance(writer, int) or isinstance(writer, bool) or writer < 1:
            raise AutosaveRejected('Say whose words to take over: {"from": <their id>}.')
        kept = takeover.take_over(user=request.user, article=found, from_user_id=writer)
    except NewsdeskError as error:
        return error_response(request, error, as_json=True)
    return JsonResponse({"saved_at": _when(kept.saved_at)})


def _handovers(left) -> list[dict]:
    return [
        {
            "id": kept.user_id,
            "name": services.display_name(kept.user),
            "saved_at": _when(kept.saved_at),
        }
        for kept in left
    ]


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
    left = takeover.left_words(user=request.user, article=found)
    return JsonResponse(
        {
            "others": [
                {"name": services.display_name(p.user), "since": _when(p.since)} for p in others
            ],
            "left": _handovers(left),
        }
    )


# The story budget (docs/desk.md). Its filters travel in the query string, and back to it
# after an action; only these names, so a redirect never goes anywhere but the budget.
BUDGET_FILTERS = ("day", "mine", "section", "person")


def _budget_filters(data) -> dict:
    """The budget's filters from a query string or a form; malformed ones are an error."""
    found = {name: data.get(name, "").strip() for name in BUDGET_FILTERS}
    filters = {"mine": found["mine"] in ("1", "on"), "section": found["section"][:80]}
    try:
        filters["day"] = date.fromisoformat(found["day"]) if found["day"] else None
        filters["person"] = int(found["person"]) if found["person"] else None
    except ValueError:
        raise BudgetRejected(
            "The budget's day is a date (YYYY-MM-DD), its person a number."
        ) from None
    return filters


def _budget_page(request, filters, *, error: str = "", status: int = 200) -> HttpResponse:
    context = {
        **admin.site.each_context(request),
        "title": "Story budget",
        "budget": budgets.budget_for(user=request.user, **filters),
        "filters": filters,
        "query": urlencode({k: request.GET[k] for k in BUDGET_FILTERS if request.GET.get(k)}),
        "can_publish": request.user.has_perm("newsroom.publish_article"),
        "error": error,
    }
    response = render(request, "desk/budget.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def _may_see_stories(request: HttpRequest) -> None:
    """The budget is for those who write and edit: staff who may see articles (not a
    moderator, whose room is the comments). The site's 403 page otherwise."""
    if not request.user.has_perm("newsroom.view_article"):
        raise PermissionDenied("The story budget is for writers and editors.")


@staff_member_required
@require_safe
def budget(request: HttpRequest) -> HttpResponse:
    _may_see_stories(request)
    try:
        filters = _budget_filters(request.GET)
    except BudgetRejected as error:
        return _budget_page(request, _budget_filters({}), error=error.message, status=400)
    return _budget_page(request, filters)


@staff_member_required
@require_POST
def budget_action(request: HttpRequest, article: str, action: str) -> HttpResponse:
    """Publish a piece in review, or reschedule a scheduled one, then back to the budget
    with the same filters; a refusal re-renders the budget with the reason (4xx)."""
    _may_see_stories(request)
    back = {k: request.POST[k] for k in BUDGET_FILTERS if request.POST.get(k)}
    try:
        _budget_filters(back)  # the way back must be a budget the person can see
        found = Article.objects.filter(pk=int(article)).first()
        if found is None:
            raise NoSuchArticle
        if action == "publish" and found.status != Article.Status.IN_REVIEW:
            raise BudgetRejected("Only a piece in review is published from the budget.")
        if action == "reschedule" and not found.is_scheduled:
            raise BudgetRejected("Only a scheduled piece can be rescheduled.")
        when = _publish_time(request.POST.get("publish_at", "")) if action == "reschedule" else None
        try:
            done = history.recorded_step(
                request.user, found, newsroom.article_publish, "Published", publish_at=when
            )
        except PermissionDenied as refused:
            raise NotYours(str(refused)) from None
        except ValidationError as invalid:
            raise BudgetRejected(" ".join(invalid.messages)) from None
    except NewsdeskError as error:
        return _budget_page(request, _budget_filters({}), error=error.message, status=error.status)
    at = timezone.localtime(done.publish_at)
    verb = "scheduled for" if done.publish_at > timezone.now() else "published at"
    messages.success(request, f"“{done.headline}” {verb} {at:%a %-d %b %H:%M}.")
    query = f"?{urlencode(back)}" if back else ""
    return HttpResponseRedirect(reverse("desk:budget") + query, status=303)


def _publish_time(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise BudgetRejected("Give the new publish time as a date and a time.") from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment <= timezone.now():
        raise BudgetRejected("Pick a publish time ahead: to publish now, use Publish.")
    return moment
