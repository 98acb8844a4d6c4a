"""Template tags for the head of reader pages and the share panel.

They take what the page's view already loaded and add no query: the article page's selector
prefetches bylines, tags and corrections, its view puts a live page's updates in the context as
``coverage``, the listing pages pass the object they show.
"""

from __future__ import annotations

from datetime import datetime

from django import template
from django.conf import settings
from django.core.paginator import Page
from django.urls import reverse

from newsdesk.coverage import selectors as coverage_selectors
from newsdesk.coverage.models import Update
from newsdesk.distribution import addresses, structured
from newsdesk.distribution.share import share_links
from newsdesk.newsroom.models import Article, Contributor, Section, Tag

register = template.Library()

# Listing page model -> (feed kind, og:type, JSON-LD builder)
LISTINGS = {
    Section: ("section", "website", structured.section_graph),
    Contributor: ("contributor", "profile", structured.contributor_graph),
    Tag: ("tag", "website", structured.tag_graph),
}


@register.inclusion_tag("distribution/_article_meta.html", takes_context=True)
def article_meta(context: template.Context, article: Article) -> dict:
    """Description, canonical link, Open Graph, Twitter card and JSON-LD of an article page;
    on live coverage the LiveBlogPosting and the updates' feed, from the context's ``coverage``
    (two queries only when a view left it out)."""
    image = structured.card(article)
    updates, live_at = _live_updates(context, article)
    feeds = _feeds("section", article.section.name, article.section.slug)
    if article.is_live_coverage and article.is_live():  # a preview's feed would be a 404
        feeds.insert(0, _live_feed(article))
    return {
        "description": structured.description(article),
        "canonical": addresses.canonical(article),
        "open_graph": structured.article_open_graph(article, image, live_at),
        "twitter": structured.twitter_card(article, image),
        "graph": [
            structured.json_ld(d)
            for d in structured.article_graph(article, image, updates, live_at)
        ],
        "feeds": feeds,
    }


def _live_updates(
    context: template.Context, article: Article
) -> tuple[list[Update], datetime | None]:
    """The newest updates and the page's modified time from the view's ``coverage``."""
    if not article.is_live_coverage:
        return [], None
    coverage = context.get("coverage")
    if coverage is None:  # a page whose view does not show the updates (an old preview)
        updates = coverage_selectors.latest_updates(article=article)
        updated_at = coverage_selectors.last_update_at(article=article)
        return updates, coverage_selectors.modified_at(article=article, updated_at=updated_at)
    page: Page | None = coverage.get("page")
    return list(page.object_list) if page is not None else [], coverage.get("modified_at")


def _live_feed(article: Article) -> dict:
    return {
        "type": "application/atom+xml",
        "title": f"{article.headline}: live updates (Atom)",
        "href": reverse("distribution:live-feed", kwargs={"article_id": article.pk}),
    }


@register.simple_tag
def article_title(article: Article) -> str:
    """The article page's <title> (structured.page_title), as the newsroom's preview shows it."""
    return structured.page_title(article)


@register.inclusion_tag("distribution/_share.html")
def share_panel(article: Article) -> dict:
    url = addresses.canonical(article)
    return {
        "url": url,
        "title": article.headline,
        "links": share_links(url=url, title=article.headline),
    }


@register.inclusion_tag("distribution/_listing_meta.html", takes_context=True)
def listing_meta(context: template.Context, item: Section | Contributor | Tag) -> dict:
    """Canonical link, feed links, Open Graph and JSON-LD of a section, contributor or tag page."""
    page: Page | None = context.get("page")
    url = addresses.absolute(item.get_absolute_url())
    canonical = f"{url}?page={page.number}" if page is not None and page.number > 1 else url
    kind, og_type, graph = LISTINGS[type(item)]
    site = settings.SITE_NAME
    match item:
        case Contributor():
            title = item.display_name
            description = f"Stories by {item.display_name} ({item.public_id}) for {site}."
        case Tag():
            title = f"Tagged: {item.name}"
            description = f"Stories about {item.name} from {site}."
        case _:
            title = item.name
            description = item.description or f"The latest {item.name} stories from {site}."
    return {
        "canonical": canonical,
        "title": title,
        "description": description,
        "og_type": og_type,
        "graph": [structured.json_ld(d) for d in graph(item, url)],
        "feeds": _feeds(kind, title, item.slug),
        "site_name": settings.SITE_NAME,
    }


@register.inclusion_tag("distribution/_feed_links.html")
def site_feed_links() -> dict:
    return {"feeds": _feeds("site", settings.SITE_NAME, None)}


def _feeds(kind: str, title: str, slug: str | None) -> list[dict]:
    kwargs = {"slug": slug} if slug is not None else {}
    prefix = "" if kind == "site" else f"{kind}-"
    return [
        {
            "type": "application/rss+xml",
            "title": f"{title} (RSS)",
            "href": reverse(f"distribution:{prefix}rss", kwargs=kwargs),
        },
        {
            "type": "application/atom+xml",
            "title": f"{title} (Atom)",
            "href": reverse(f"distribution:{prefix}atom", kwargs=kwargs),
        },
    ]
