"""What a page says about itself to search engines and social networks.

JSON-LD (schema.org ``NewsArticle``, or ``LiveBlogPosting`` for live coverage, ``BreadcrumbList``,
``CollectionPage``, ``ProfilePage``), Open Graph and Twitter card tags. Everything here reads data
the page's view already loaded (section, bylines, tags, corrections, updates): no query.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from newsdesk.coverage.models import Update
from newsdesk.distribution import addresses
from newsdesk.images import markup
from newsdesk.newsroom.models import Article, Contributor, Section, Tag
from newsdesk.newsroom.writing import plain_text

HEADLINE_LIMIT = 110  # Google's limit for a NewsArticle headline
DESCRIPTION_WORDS = 40
LIVE_UPDATES = 20  # the newest updates a LiveBlogPosting carries (the page's first page)
UPDATE_HEADLINE_WORDS = 12
LANGUAGE = "en"
OG_LOCALE = "en_US"

# Inside <script>, "</script>" or "<!--" in a value would end or confuse the element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class Card:
    url: str
    width: int
    height: int
    alt: str
    mime_type: str


def json_ld(data: dict) -> SafeString:
    """``data`` as JSON safe to place inside ``<script type="application/ld+json">``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 (escaped just above)


def iso(when: datetime) -> str:
    return timezone.localtime(when).isoformat(timespec="seconds")


def title_suffix() -> str:
    """What the article page's <title> adds after the headline."""
    return f" | {settings.SITE_NAME}"


def page_title(article: Article) -> str:
    """The article page's <title>: what a search result shows as its link."""
    return article.headline + title_suffix()


def headline(article: Article) -> str:
    return Truncator(article.headline).chars(HEADLINE_LIMIT)


def description(article: Article) -> str:
    """The summary, or the opening words of the body when there is none."""
    if article.summary.strip():
        return article.summary.strip()
    return Truncator(plain_text(article.body)).words(DESCRIPTION_WORDS)


def modified(article: Article, live_at: datetime | None = None) -> datetime:
    """The last substantive update, or ``live_at`` (the newest live update) when later."""
    own = article.last_updated_at or article.created_at
    return max(own, live_at) if live_at is not None else own


def card(article: Article) -> Card:
    """The share card: the lead image's 1200x630 rendition (cropped around its focal point),
    else the site's default card. A photo whose rights have expired is never a card."""
    picture = article.lead_picture
    rendition = markup.card(picture)
    if rendition is not None:
        return Card(
            addresses.absolute(rendition.url),
            rendition.width,
            rendition.height,
            picture.alt_text,
            rendition.mime_type,
        )
    width, height = addresses.DEFAULT_CARD_SIZE
    return Card(
        addresses.static_file(addresses.DEFAULT_CARD),
        width,
        height,
        settings.SITE_NAME,
        "image/png",
    )


def publisher() -> dict:
    width, height = addresses.LOGO_SIZE
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": addresses.home(),
        "logo": {
            "@type": "ImageObject",
            "url": addresses.static_file(addresses.LOGO),
            "width": width,
            "height": height,
        },
    }


def person(contributor: Contributor) -> dict:
    return {
        "@type": "Person",
        "name": contributor.display_name,
        "url": addresses.absolute(contributor.get_absolute_url()),
        "identifier": contributor.public_id,
    }


def breadcrumbs(*trail: tuple[str, str]) -> dict:
    """A BreadcrumbList from the home page through ``(name, absolute url)`` pairs."""
    items = [(settings.SITE_NAME, addresses.home()), *trail]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(items, start=1)
        ],
    }


def news_article(article: Article, image: Card, live_at: datetime | None = None) -> dict:
    url = addresses.canonical(article)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline(article),
        "description": description(article),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "image": [
            {
                "@type": "ImageObject",
                "url": image.url,
                "width": image.width,
                "height": image.height,
            }
        ],
        "datePublished": iso(article.publish_at or article.created_at),
        "dateModified": iso(modified(article, live_at)),
        "author": [person(b.contributor) for b in article.bylines.all()] or [publisher()],
        "publisher": publisher(),
        "articleSection": article.section.name,
        "keywords": [t.name for t in article.tags.all()],
        "inLanguage": LANGUAGE,
        "isAccessibleForFree": True,
    }
    corrections = [
        {"@type": "CorrectionComment", "text": c.text, "datePublished": iso(c.created_at)}
        for c in article.corrections.all()
    ]
    if corrections:
        data["correction"] = corrections
    return data


def update_text(update: Update) -> str:
    return plain_text(update.body).strip()


def update_headline(update: Update) -> str:
    """An update's first words: updates have no headline of their own."""
    words = Truncator(update_text(update)).words(UPDATE_HEADLINE_WORDS)
    return Truncator(words).chars(HEADLINE_LIMIT)


def blog_posting(update: Update, page_url: str) -> dict:
    """One update as a ``BlogPosting``; its ``url`` is the update's anchor on the live page."""
    data = {
        "@type": "BlogPosting",
        "headline": update_headline(update),
        "articleBody": update_text(update),
        "url": f"{page_url}#{update.anchor}",
        "datePublished": iso(update.published_at),
        "author": person(update.author) if update.author is not None else publisher(),
    }
    if update.edited_at is not None:
        data["dateModified"] = iso(update.edited_at)
    if update.image is not None and update.image.is_usable():
        rendition = markup.largest_jpeg(update.image)
        data["image"] = {
            "@type": "ImageObject",
            "url": addresses.absolute(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "caption": update.image.alt_text,
        }
    if update.correction:
        data["correction"] = {
            "@type": "CorrectionComment",
            "text": update.correction,
            "datePublished": iso(update.corrected_at or update.published_at),
        }
    return data


def live_blog_posting(
    article: Article, image: Card, updates: list[Update], live_at: datetime | None
) -> dict:
    """The article as a ``LiveBlogPosting`` (an Article subtype, so it keeps every NewsArticle
    field) with its coverage times and ``updates`` (newest first, at most LIVE_UPDATES)."""
    data = news_article(article, image, live_at)
    data["@type"] = "LiveBlogPosting"
    data["coverageStartTime"] = iso(article.coverage_started_at)
    if article.coverage_ended_at is not None:
        data["coverageEndTime"] = iso(article.coverage_ended_at)
    page_url = addresses.canonical(article)
    data["liveBlogUpdate"] = [blog_posting(u, page_url) for u in updates[:LIVE_UPDATES]]
    return data


def article_graph(
    article: Article,
    image: Card,
    updates: list[Update] | None = None,
    live_at: datetime | None = None,
) -> list[dict]:
    """NewsArticle (LiveBlogPosting with ``updates`` on live coverage) and breadcrumbs;
    ``live_at`` is the newest update's time, the page's dateModified when later."""
    section_url = addresses.absolute(article.section.get_absolute_url())
    main = (
        live_blog_posting(article, image, updates or [], live_at)
        if article.is_live_coverage
        else news_article(article, image, live_at)
    )
    return [
        main,
        breadcrumbs(
            (article.section.name, section_url),
            (headline(article), addresses.canonical(article)),
        ),
    ]


def article_open_graph(
    article: Article, image: Card, live_at: datetime | None = None
) -> list[tuple[str, str]]:
    """Open Graph ``property`` / ``content`` pairs, in the order the protocol lists them."""
    title = article.headline
    pairs = [
        ("og:type", "article"),
        ("og:site_name", settings.SITE_NAME),
        ("og:locale", OG_LOCALE),
        ("og:title", title),
        ("og:description", description(article)),
        ("og:url", addresses.canonical(article)),
        ("og:image", image.url),
        ("og:image:type", image.mime_type),
        ("og:image:width", str(image.width)),
        ("og:image:height", str(image.height)),
        ("og:image:alt", image.alt),
        ("article:published_time", iso(article.publish_at or article.created_at)),
        ("article:modified_time", iso(modified(article, live_at))),
        ("article:section", article.section.name),
    ]
    pairs += [("article:tag", t.name) for t in article.tags.all()]
    pairs += [
        ("article:author", addresses.absolute(b.contributor.get_absolute_url()))
        for b in article.bylines.all()
    ]
    return pairs


def twitter_card(article: Article, image: Card) -> list[tuple[str, str]]:
    return [
        ("twitter:card", "summary_large_image"),
        ("twitter:title", article.headline),
        ("twitter:description", description(article)),
        ("twitter:image", image.url),
        ("twitter:image:alt", image.alt),
    ]


def section_graph(section: Section, url: str) -> list[dict]:
    page = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": section.name,
        "url": url,
        "inLanguage": LANGUAGE,
        "isPartOf": {"@type": "WebSite", "name": settings.SITE_NAME, "url": addresses.home()},
        "publisher": publisher(),
    }
    if section.description:
        page["description"] = section.description
    return [page, breadcrumbs((section.name, url))]


def tag_graph(tag: Tag, url: str) -> list[dict]:
    page = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": f"Tagged: {tag.name}",
        "url": url,
        "about": {"@type": "Thing", "name": tag.name},
        "inLanguage": LANGUAGE,
        "isPartOf": {"@type": "WebSite", "name": settings.SITE_NAME, "url": addresses.home()},
    }
    return [page, breadcrumbs((tag.name, url))]


def contributor_graph(contributor: Contributor, url: str) -> list[dict]:
    about = {
        **person(contributor),
        "email": contributor.public_email,
        "worksFor": {"@type": "NewsMediaOrganization", "name": settings.SITE_NAME},
    }
    if contributor.bio:
        about["description"] = contributor.bio
    if contributor.photo and contributor.photo.is_usable():
        about["image"] = addresses.absolute(markup.square(contributor.photo))
    page = {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "name": contributor.display_name,
        "url": url,
        "inLanguage": LANGUAGE,
        "mainEntity": about,
    }
    return [page, breadcrumbs((contributor.display_name, url))]
