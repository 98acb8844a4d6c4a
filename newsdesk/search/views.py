"""The readers' search page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from newsdesk.newsroom.pagination import page_of
from newsdesk.search import selectors
from newsdesk.search.analysis import MAX_QUERY_LENGTH, parse_query
from newsdesk.search.forms import SearchFilters


@require_safe
def results(request: HttpRequest) -> HttpResponse:
    query = parse_query(request.GET.get("q", ""))
    sections, contributors = selectors.filter_choices()
    form = SearchFilters(request.GET, sections=sections, contributors=contributors)
    found = None
    if query:
        scope = selectors.search_scope(**form.filters())
        found = selectors.search_results(query=query, scope=scope)
    context = {
        "query": query,
        "form": form,
        "found": found,
        "page": page_of(request, found) if found is not None else None,
        "max_length": MAX_QUERY_LENGTH,
        "nav_sections": sections,  # the header's list, without asking for it again
    }
    return render(request, "search/results.html", context)
