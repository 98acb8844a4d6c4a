"""The live desk's reads (coverage/admin.py): every update, newest first, paged, and how many
key events are pinned. The reader's own reads are coverage/selectors.py."""

from __future__ import annotations

from django.core.paginator import Page, Paginator

from newsdesk.coverage.models import Update
from newsdesk.newsroom.models import Article

DESK_PAGE = 50  # updates on one page of the desk


def desk_updates(*, article: Article, number: int | str | None = 1) -> Page:
    """One page of the article's updates with their pictures and authors; a page number out
    of range is the nearest page. Two queries (count, rows), one when there are none."""
    updates = Update.objects.filter(article=article).select_related("image", "author")
    return Paginator(updates, DESK_PAGE).get_page(number)


def pinned_count(*, article: Article) -> int:
    """How many of the article's updates are key events. One query."""
    return Update.objects.filter(article=article, pinned=True).count()
