"""Absolute addresses for everything read off the site: feeds, sitemaps, cards, share links, API.

They are built from ``settings.SITE_URL``, never from the request's Host header: behind a proxy
the request may carry an internal name or scheme, and a canonical address must not depend on it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.templatetags.static import static

from newsdesk.newsroom.models import Article

LOGO = "newsdesk/logo.png"
LOGO_SIZE = (512, 512)
DEFAULT_CARD = "newsdesk/card.png"
DEFAULT_CARD_SIZE = (1200, 630)


def absolute(url: str) -> str:
    """``url`` made absolute against SITE_URL; an address that is already absolute is kept."""
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return f"{urlsplit(settings.SITE_URL).scheme}:{url}"
    return settings.SITE_URL + url


def home() -> str:
    return settings.SITE_URL + "/"


def canonical(article: Article) -> str:
    return absolute(article.get_absolute_url())


def static_file(path: str) -> str:
    return absolute(static(path))


def media_file(file: FieldFile) -> str:
    return absolute(file.url)
