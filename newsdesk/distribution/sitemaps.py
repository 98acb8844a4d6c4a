"""Sitemaps of live articles, sections, contributors and tags, and the Google News sitemap.

Each subclasses Django's ``Sitemap``; addresses come from SITE_URL rather than the request's
host (``SiteSitemap``). An article's ``lastmod`` is its last substantive update (a correction is
one), else the publish time, or a live page's newest update when later; a section, contributor
or tag page is listed while it shows a live article, with the newest such ``lastmod``.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Model

from newsdesk.distribution import selectors
from newsdesk.newsroom.models import Article


class SiteSitemap(Sitemap):
    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc

    def lastmod(self, item: Model) -> datetime | None:
        return item.lastmod


class ArticleSitemap(SiteSitemap):
    @property
    def limit(self) -> int:  # type: ignore[override]
        return settings.NEWSDESK_SITEMAP_PAGE_SIZE

    def items(self):
        return selectors.sitemap_articles()

    def get_latest_lastmod(self) -> datetime | None:
        return selectors.latest_article_update(Article.objects.live())


class SectionSitemap(SiteSitemap):
    def items(self):
        return selectors.sitemap_sections()

    def get_latest_lastmod(self) -> datetime | None:
        return selectors.latest_update(Article.objects.live())


class ContributorSitemap(SiteSitemap):
    def items(self):
        return selectors.sitemap_contributors()

    def get_latest_lastmod(self) -> datetime | None:
        return selectors.latest_update(Article.objects.live().filter(bylines__isnull=False))


class TagSitemap(SiteSitemap):
    def items(self):
        return selectors.sitemap_tags()

    def get_latest_lastmod(self) -> datetime | None:
        return selectors.latest_update(Article.objects.live().filter(tags__isnull=False))


class NewsSitemap(SiteSitemap):
    """Articles of the last 48 hours; Google reads at most 1,000 entries a sitemap."""

    limit = 1000

    def items(self):
        return selectors.news_articles()

    def get_latest_lastmod(self) -> datetime | None:
        return selectors.latest_article_update(selectors.news_articles())


SITEMAPS: dict[str, type[Sitemap]] = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "contributors": ContributorSitemap,
    "tags": TagSitemap,
}
NEWS: dict[str, type[Sitemap]] = {"news": NewsSitemap}
