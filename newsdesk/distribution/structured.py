"""What a page says about itself to search engines and social networks.

JSON-LD (schema.org ``NewsArticle``, ``BreadcrumbList``, ``CollectionPage``, ``ProfilePage``),
Open Graph and Twitter card tags. Everything here reads data the page's selector already loaded
(section, bylines, tags, corrections), so it adds no query to the page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from newsdesk.distribution import addresses
from newsdesk.images import markup
from newsdesk.newsroom.models import Article, Contributor, Section, Tag
from newsdesk.newsroom.writing import plain_text

HEADLINE_LIMIT = 110  # Google's limit for a NewsArticle headline
DESCRIPTION_WORDS = 40
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


def modified(article: Article) -> datetime:
    return article.last_updated_at or article.created_at


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


def news_article(article: Article, image: Card) -> dict:
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
        "dateModified": iso(modified(article)),
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


def article_graph(article: Article, image: Card) -> list[dict]:
    section_url = addresses.absolute(article.section.get_absolute_url())
    return [
        news_article(article, image),
        breadcrumbs(
            (article.section.name, section_url),
            (headline(article), addresses.canonical(article)),
        ),
    ]


def article_open_graph(article: Article, image: Card) -> list[tuple[str, str]]:
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
        ("article:modified_time", iso(modified(article))),
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
