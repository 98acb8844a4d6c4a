"""RSS 2.0 and Atom feeds of the site, each section, each contributor and each tag.

One ``Feed`` subclass serves the eight kinds: ``ArticleFeed(kind, feed_type)``. Items are the
latest 50 live articles, with every contributor as an author, the section and tags as
categories, the lead image as an enclosure, and the last substantive update (a correction is
one) as the updated date. ``NEWSDESK_FEED_FULL_TEXT`` adds the body as ``content:encoded``
(RSS) or ``<content>`` (Atom); the description is always the summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import lxml.html
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Model
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, rfc3339_date

from newsdesk.distribution import addresses, selectors, structured
from newsdesk.images import body, markup
from newsdesk.newsroom.models import Article, Contributor, Section, Tag

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


def absolute_links(html: str) -> str:
    """``html`` with every link and image address made absolute: a feed reader has no base."""
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    fragment.make_links_absolute(addresses.home(), resolve_base_href=False)
    inner = [fragment.text or ""]
    inner += [lxml.html.tostring(child, encoding="unicode") for child in fragment]
    return "".join(inner)
