"""A revision of an article as its page (a draft revision of a live story before it goes
live): the article page's template and context with the revision's fields, for the staff who
may preview it (desk.revisions; docs/desk.md, "Draft revisions of live stories")."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from newsdesk.desk import revisions
from newsdesk.newsroom import drafts
from newsdesk.pages.views import _article_context, _unlisted
from newsdesk.site.errors import NewsdeskError, error_response


@require_safe
def revision_preview(request: HttpRequest, version: str) -> HttpResponse:
    """The page as revision ``version`` has it, never cached or indexed; 404 or 403 otherwise.
    The article page's queries plus the revision's (about eight)."""
    try:
        item, kept = revisions.revision_page(user=request.user, version_id=version)
    except NewsdeskError as error:
        page = "403.html" if error.status == 403 else "404.html"
        return _unlisted(error_response(request, error, template_name=page))
    context = _article_context(request, item, preview=True, canonical=item.get_absolute_url())
    compare = reverse("admin:newsroom_article_compare", args=[item.pk])
    context["draft_revision"] = {
        "by": revisions.made_by(kept),
        "at": kept.revision.date_created,
        "is_draft": drafts.is_draft(kept),
        "compare_url": f"{compare}?a=now&b={kept.pk}",
    }
    return _unlisted(render(request, "desk/revision_preview.html", context))
