"""Reads of live coverage for the article page, its updates' address and its feed.

Updates show only on an article a reader may see (the page's own rule); these selectors take
the article the page already loaded, so they add no query for it.
"""

from __future__ import annotations

from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Max, QuerySet

from newsdesk.coverage.models import Update
from newsdesk.newsroom.models import Article

PER_PAGE = 20  # updates on the page and in one answer of its updates' address


def _updates(article: Article) -> QuerySet[Update]:
    return Update.objects.filter(article=article).select_related("image", "author")


def pinned_updates(*, article: Article) -> list[Update]:
    """The key events on top, newest first. One query."""
    return list(_updates(article).filter(pinned=True))


def update_page(*, article: Article, number: int | str = 1) -> Page:
    """One page of updates, newest first; the first is the live one. Two queries (count, rows);
    a number past the end or not a number raises the paginator's InvalidPage."""
    return Paginator(_updates(article), PER_PAGE).page(number)


def latest_updates(*, article: Article) -> list[Update]:
    """The newest PER_PAGE updates, for the page's poll. One query."""
    return list(_updates(article)[:PER_PAGE])


def last_update_at(*, article: Article) -> datetime | None:
    """The time of the newest update (or its latest edit), None without updates. One query."""
    times = Update.objects.filter(article=article).aggregate(
        posted=Max("published_at"), edited=Max("edited_at")
    )
    stamps = [t for t in times.values() if t is not None]
    return max(stamps) if stamps else None


def modified_at(*, article: Article, updated_at: datetime | None) -> datetime | None:
    """The article's dateModified: its last substantive update, or its newest update if later."""
    stamps = [t for t in (article.last_updated_at, updated_at) if t is not None]
    return max(stamps) if stamps else None
