"""The reader site's pages. Each view is a thin path from a selector to a template."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from newsdesk.audience import selectors as lists
from newsdesk.comments.forms import CommentForm, started_token
from newsdesk.comments.policy import comments_open
from newsdesk.comments.selectors import comment_count, comment_page
from newsdesk.coverage import reading as coverage
from newsdesk.desk import previews
from newsdesk.distribution.share import share_links
from newsdesk.newsroom import selectors
from newsdesk.newsroom.models import Article, Contributor, Section, Tag
from newsdesk.newsroom.pagination import page_of
from newsdesk.pagecache import keys
from newsdesk.site.errors import NewsdeskError, error_response


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    lead = selectors.lead_story()
    lead_id = lead.pk if lead else None
    context = {
        "lead": lead,
        "fronts": selectors.section_fronts(exclude_id=lead_id),
        **lists.page_lists(section=None, exclude_id=None),
    }
    response = render(request, "pages/home.html", context)
    shown = [*([lead] if lead else []), *(a for _s, items in context["fronts"] for a in items)]
    return keys.tag(response, keys.HOME, *_list_keys(context), articles=shown)


def _list_keys(context: dict) -> list[str]:
    """The keys of the four lists: the lists' own, and each article they show."""
    names = [keys.JUST_IN, keys.MUST_READS]
    for name in ("latest_stories", "just_in", "popular_now", "must_reads"):
        names += [keys.article(a.pk) for a in context[name]]
    return names


@require_safe
def article(request: HttpRequest, year: str, month: str, day: str, slug: str) -> HttpResponse:
    try:
        dt.date(int(year), int(month), int(day))
    except ValueError as error:
        raise Http404("No such date.") from error
    item, preview = selectors.article_for_page(slug=slug, user=request.user)
    canonical = item.get_absolute_url()
    if not preview and request.path != canonical:
        # The date in an address follows the publish time; an old or mistyped date moves on.
        return redirect(canonical, permanent=True)
    context = _article_context(request, item, preview=preview, canonical=canonical)
    response = render(request, "pages/article.html", context)
    if preview:
        return _unlisted(response)
    live = [keys.live(item.pk)] if item.is_live_coverage else []
    return keys.tag(
        response, keys.article(item.pk), keys.comments(item.pk), *live, *_list_keys(context)
    )


def _article_context(request: HttpRequest, item: Article, *, preview: bool, canonical: str) -> dict:
    """What the article page shows: the same for readers, staff previews and preview links."""
    absolute = request.build_absolute_uri(canonical)
    order = "oldest" if request.GET.get("corder") == "oldest" else "newest"
    comments = comment_page(article=item, number=request.GET.get("cpage", 1), order=order)
    return {
        "article": item,
        "preview": preview,
        "views": lists.view_count(item),
        "comment_count": comment_count(article=item),
        "comments": comments,
        "comment_order": order,
        "comment_form": CommentForm(),
        "comments_open": comments_open(item, timezone.now()),
        "comment_notice": request.GET.get("comment", ""),
        "started": started_token(),
        "share_links": share_links(url=absolute, title=item.headline),
        "canonical_url": absolute,
        **lists.page_lists(section=item.section, exclude_id=item.pk),
        # A live page's updates (docs/coverage.md): four queries, none for other articles.
        "coverage": (
            coverage.page_coverage(article=item, number=request.GET.get("upage", "1"))
            if item.is_live_coverage
            else None
        ),
    }


def _unlisted(response: HttpResponse) -> HttpResponse:
    """A page for one person: kept by no cache (the page cache refuses private pages, and it
    names no surrogate keys) and indexed by no search engine."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    """An article before it is live, through an editor's preview link (docs/desk.md); any link
    that does not work is the site's 404. The article page's queries and three for the link."""
    try:
        item, link = previews.shared_article(token)
    except NewsdeskError as error:
        response = error_response(request, error, template_name="404.html")
    else:
        if item.is_live():  # published since: the real page, which everyone may see
            response = redirect(item.get_absolute_url())
        else:
            canonical = item.get_absolute_url()
            context = _article_context(request, item, preview=True, canonical=canonical)
            context["shared"] = {"by": previews.shared_by(link), "until": link.expires_at}
            response = render(request, "pages/article.html", context)
    # The token is the key to the page: no Referer carries it to another site, or our own.
    response["Referrer-Policy"] = "no-referrer"
    return _unlisted(response)


@require_safe
def section(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(Section, slug=slug)
    page = page_of(request, selectors.section_articles(section=item))
    response = render(request, "pages/section.html", {"section": item, "page": page})
    return keys.tag(response, keys.of("section", item.pk), articles=page.object_list)


@require_safe
def contributor(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(Contributor.objects.select_related("photo"), slug=slug)
    page = page_of(request, selectors.contributor_articles(contributor=item))
    response = render(request, "pages/contributor.html", {"contributor": item, "page": page})
    return keys.tag(response, keys.of("contributor", item.pk), articles=page.object_list)


@require_safe
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(Tag, slug=slug)
    page = page_of(request, selectors.tag_articles(tag=item))
    response = render(request, "pages/tag.html", {"tag": item, "page": page})
    return keys.tag(response, keys.of("tag", item.pk), articles=page.object_list)
