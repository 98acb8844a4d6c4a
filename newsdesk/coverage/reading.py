"""Reads for the readers' side of live coverage: the article page's updates and its poll.

Built on coverage.selectors; what those leave to the caller (which article a reader may poll,
a page number that is not a page) is decided here, in the site's error vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import InvalidPage
from django.http import Http404

from newsdesk.coverage import selectors
from newsdesk.coverage.errors import NoSuchUpdate
from newsdesk.coverage.models import Update
from newsdesk.newsroom.models import Article

# What the poll needs of its article: visibility, coverage state, and its address.
POLL_FIELDS = (
    "id",
    "slug",
    "status",
    "publish_at",
    "created_at",
    "coverage_started_at",
    "coverage_ended_at",
    "coverage_summary",
)


def polled_article(*, article_id: int) -> Article:
    """The article whose updates readers may poll: live (Article.is_live) and covered live;
    NoSuchUpdate otherwise, so a draft's updates say nothing. One query."""
    article = Article.objects.only(*POLL_FIELDS).filter(pk=article_id).first()
    if article is None or not article.is_live() or not article.is_live_coverage:
        raise NoSuchUpdate()
    return article


@dataclass(frozen=True)
class Poll:
    """What the page's poll answers: the newest updates, the key events' ids, the total."""

    updates: list[Update]
    pinned_ids: list[int]
    total: int


def poll(*, article: Article) -> Poll:
    """The newest selectors.PER_PAGE updates, every pinned id and the count. Three queries."""
    pinned_ids = list(
        Update.objects.filter(article=article, pinned=True).values_list("pk", flat=True)
    )
    return Poll(
        updates=selectors.latest_updates(article=article),
        pinned_ids=pinned_ids,
        total=Update.objects.filter(article=article).count(),
    )


def page_coverage(*, article: Article, number: str) -> dict:
    """The article page's ``coverage``: key events, one page of updates (Http404 for a number
    that is not one of its pages; page 1 always is), the newest update's time and the page's
    dateModified. Four queries, whatever the number of updates."""
    if not (number.isascii() and number.isdigit() and len(number) <= 6):
        raise Http404("That is not a page of updates.")
    try:
        page = selectors.update_page(article=article, number=int(number))
    except InvalidPage as error:
        raise Http404("There is no such page of updates.") from error
    page.object_list = list(page.object_list)  # read once, whoever iterates it
    last = selectors.last_update_at(article=article)
    return {
        "pinned": selectors.pinned_updates(article=article),
        "page": page,
        "last_update_at": last,
        "modified_at": selectors.modified_at(article=article, updated_at=last),
    }
