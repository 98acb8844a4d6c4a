"""Paging for reader lists: a page number that is not a page is a 404, not a guess."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage, Page, Paginator
from django.http import Http404, HttpRequest


def page_of(request: HttpRequest, queryset, per_page: int | None = None) -> Page:
    raw = request.GET.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6:
        raise Http404("That is not a page number.")
    paginator = Paginator(queryset, per_page or settings.NEWSDESK_PAGE_SIZE)
    try:
        return paginator.page(int(raw))
    except EmptyPage as error:
        raise Http404("There is no such page.") from error
