"""The view beacon, the live count, and the editors' dashboard."""

from __future__ import annotations

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from newsdesk.audience import charts, selectors, services
from newsdesk.audience import dashboard as dashboard_data
from newsdesk.audience.errors import UnknownArticle
from newsdesk.newsroom.templatetags.newsdesk import compact_count
from newsdesk.site.errors import NewsdeskError, error_response
from newsdesk.site.http import client_ip, post_origin


# No CSRF token (a cached page could not give one): the service refuses a report whose
# Origin or Sec-Fetch-Site names another site (site.http.post_origin).
@csrf_exempt
@require_POST
def beacon(request: HttpRequest) -> HttpResponse:
    user = getattr(request, "user", None)
    try:
        data = services.Beacon(
            article_id=services.beacon_article_id(request.POST.get("article", "")),
            ip=client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
            is_staff=bool(user and user.is_authenticated and user.is_staff),
            origin=post_origin(request.META),
        )
        services.view_record(beacon=data)
    except NewsdeskError as error:  # bad, cross-site, unknown, rate limited, unavailable
        return error_response(request, error)
    # Counted, repeated or ignored: the answer is the same, so a bot learns nothing.
    return HttpResponse(status=204)


@require_safe
def count(request: HttpRequest, article_id: int) -> HttpResponse:
    views = selectors.live_view_count(article_id)
    if views is None:
        return error_response(request, UnknownArticle(), as_json=True)
    response = JsonResponse({"views": views, "display": compact_count(views)})
    response["Cache-Control"] = "public, max-age=5"
    return response


@staff_member_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    dashboard_data.refresh()
    hourly = dashboard_data.views_per_hour()
    daily = dashboard_data.views_per_day()
    top = dashboard_data.top_articles()
    context = {
        "title": "Audience dashboard",
        "hourly": hourly,
        "daily": daily,
        "hourly_chart": charts.bar_chart(
            [(timezone.localtime(h).strftime("%H"), v) for h, v in hourly],
            title="Views per hour, last 48 hours",
            label_every=6,
        ),
        "daily_chart": charts.bar_chart(
            [(d.strftime("%d"), v) for d, v in daily],
            title="Views per day, last 30 days",
            label_every=3,
        ),
        "top": [
            (
                item,
                charts.sparkline(
                    item.last_7_days,
                    label=f"Views per day over 7 days: "
                    f"{', '.join(str(v) for v in item.last_7_days)}",
                ),
            )
            for item in top
        ],
    }
    response = render(request, "audience/dashboard.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
