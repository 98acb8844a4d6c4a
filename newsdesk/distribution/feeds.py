"""RSS 2.0 and Atom feeds of the site, each section, each contributor and each tag, and the
Atom feed of a live page's updates (``LiveUpdatesFeed``).

One ``Feed`` subclass serves the eight kinds: ``ArticleFeed(kind, feed_type)``. Items are the
latest 50 live articles, with every contributor as an author, the section and tags as
categories, the lead image as an enclosure, and the last substantive update (a correction is
one) as the updated date. ``NEWSDESK_FEED_FULL_TEXT`` adds the body as ``content:encoded``
(RSS) or ``<content>`` (Atom); the description is always the summary.

A live page's feed lists its newest 50 updates, each linking to the update's anchor on the page,
updated when edited; it is tagged with the article's and its updates' keys (``live:<id>``), so
every update purges it, and not ``feeds`` (its address is not under /feeds/).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import lxml.html
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, rfc3339_date
from django.utils.html import escape, format_html

from newsdesk.coverage.models import Update
from newsdesk.distribution import addresses, selectors, structured
from newsdesk.images import body, markup
from newsdesk.newsroom.models import Article, Contributor, Section, Tag
from newsdesk.pagecache import keys

DC = "http://purl.org/dc/elements/1.1/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"


class NewsRssFeed(Rss201rev2Feed):
    """RSS 2.0 with one ``dc:creator`` per contributor, ``atom:updated`` and full text."""

    def rss_attributes(self) -> dict:
        return {**super().rss_attributes(), "xmlns:dc": DC, "xmlns:content": CONTENT}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        if item["updateddate"] is not None:
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))
        if item["content"]:
            handler.addQuickElement("content:encoded", item["content"])


class NewsAtomFeed(Atom1Feed):
    """Atom with one ``<author>`` per contributor and full text as ``<content>``."""

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        for name, url in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", url)
            handler.endElement("author")
        if item["content"]:
            handler.addQuickElement("content", item["content"], {"type": "html"})


@dataclass(frozen=True)
class Channel:
    """What a feed request is about: the whole site, or one section, contributor or tag."""

    kind: str
    item: Model | None
    path: str


KINDS: dict[str, type[Model]] = {"section": Section, "contributor": Contributor, "tag": Tag}


class ArticleFeed(Feed):
    language = "en"

    def __init__(self, kind: str = "site", feed_type=NewsRssFeed) -> None:
        super().__init__()
        self.kind = kind
        self.feed_type = feed_type

    def get_object(self, request: HttpRequest, slug: str | None = None) -> Channel:
        item = get_object_or_404(KINDS[self.kind], slug=slug) if self.kind in KINDS else None
        return Channel(self.kind, item, request.path)

    def items(self, channel: Channel) -> list[Article]:
        return selectors.feed_articles(**({channel.kind: channel.item} if channel.item else {}))

    def title(self, channel: Channel) -> str:
        site = settings.SITE_NAME
        match channel.item:
            case Section(name=name):
                return f"{site}: {name}"
            case Contributor(display_name=name):
                return f"{site}: stories by {name}"
            case Tag(name=name):
                return f"{site}: tagged {name}"
        return site

    def description(self, channel: Channel) -> str:
        if isinstance(channel.item, Section) and channel.item.description:
            return channel.item.description
        return f"The latest from {self.title(channel)}"

    subtitle = description

    def link(self, channel: Channel) -> str:
        if channel.item is None:
            return addresses.home()
        return addresses.absolute(channel.item.get_absolute_url())

    def feed_url(self, channel: Channel) -> str:
        return addresses.absolute(channel.path)

    def author_name(self) -> str:
        return settings.SITE_NAME

    def item_title(self, article: Article) -> str:
        return article.headline

    def item_description(self, article: Article) -> str:
        return structured.description(article)

    def item_link(self, article: Article) -> str:
        return addresses.canonical(article)

    def item_pubdate(self, article: Article) -> datetime:
        return article.publish_at

    def item_updateddate(self, article: Article) -> datetime:
        return structured.modified(article)

    def item_categories(self, article: Article) -> list[str]:
        return [article.section.name, *(t.name for t in article.tags.all())]

    def item_enclosures(self, article: Article) -> list[Enclosure]:
        picture = article.lead_picture
        if picture is None:
            return []
        rendition = markup.largest_jpeg(picture)
        try:
            length = str(picture.file.storage.size(rendition.name))
        except OSError:
            length = "0"  # RSS allows 0 when the size is unknown
        return [Enclosure(addresses.absolute(rendition.url), length, rendition.mime_type)]

    def item_extra_kwargs(self, article: Article) -> dict:
        full_text = settings.NEWSDESK_FEED_FULL_TEXT and article.body.strip()
        return {
            "authors": [
                (b.contributor.display_name, addresses.absolute(b.contributor.get_absolute_url()))
                for b in article.bylines.all()
            ],
            "content": absolute_links(body.syndicated(article.body, article.body_images))
            if full_text
            else None,
        }


@dataclass(frozen=True)
class LivePage:
    article: Article
    path: str


class LiveUpdatesFeed(Feed):
    """Atom feed of a live page's updates; 404 unless the article is live and covered.
    Two queries: the article, its updates."""

    feed_type = NewsAtomFeed
    language = "en"

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        article_id = kwargs["article_id"]
        return keys.tag(response, keys.live(article_id), keys.article(article_id))

    def get_object(self, request: HttpRequest, article_id: int) -> LivePage:
        return LivePage(selectors.live_feed_article(article_id=article_id), request.path)

    def items(self, page: LivePage) -> list[Update]:
        return selectors.live_feed_updates(article=page.article)

    def title(self, page: LivePage) -> str:
        return f"{page.article.headline}: live updates"

    def subtitle(self, page: LivePage) -> str:
        return page.article.coverage_summary or structured.description(page.article)

    def link(self, page: LivePage) -> str:
        return addresses.canonical(page.article)

    def feed_url(self, page: LivePage) -> str:
        return addresses.absolute(page.path)

    def feed_guid(self, page: LivePage) -> str:
        return addresses.absolute(page.path)  # the page's address is its article entry's id

    def author_name(self) -> str:
        return settings.SITE_NAME

    def item_title(self, update: Update) -> str:
        return structured.update_headline(update)

    def item_description(self, update: Update) -> str:
        return escape(structured.update_text(update))  # Atom's summary is type="html"

    def item_link(self, update: Update) -> str:
        return addresses.absolute(update.get_absolute_url())  # the article is the feed's own

    def item_pubdate(self, update: Update) -> datetime:
        return update.published_at

    def item_updateddate(self, update: Update) -> datetime:
        return update.edited_at or update.published_at

    def item_enclosures(self, update: Update) -> list[Enclosure]:
        if update.image is None or not update.image.is_usable():
            return []
        rendition = markup.largest_jpeg(update.image)
        return [Enclosure(addresses.absolute(rendition.url), "0", rendition.mime_type)]

    def item_extra_kwargs(self, update: Update) -> dict:
        author = update.author
        content = update.body
        if update.correction:
            content += format_html("<p><strong>Correction:</strong> {}</p>", update.correction)
        return {
            "authors": [(author.display_name, addresses.absolute(author.get_absolute_url()))]
            if author is not None
            else [],
            "content": absolute_links(content),
        }


def absolute_links(html: str) -> str:
    """``html`` with every link and image address made absolute: a feed reader has no base."""
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    fragment.make_links_absolute(addresses.home(), resolve_base_href=False)
    inner = [fragment.text or ""]
    inner += [lxml.html.tostring(child, encoding="unicode") for child in fragment]
    return "".join(inner)
