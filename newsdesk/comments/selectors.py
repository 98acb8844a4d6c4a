"""Reads of reader comments: only approved comments ever reach a page or a count."""

from __future__ import annotations

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Prefetch
from django.http import Http404

from newsdesk.comments.models import Comment
from newsdesk.newsroom.models import Article

PAGE_SIZE = 20
ORDERS = {"newest": ("-created_at", "-id"), "oldest": ("created_at", "id")}
FIELDS = ("id", "name", "text", "created_at", "edited_at", "parent_id", "article_id")


def comment_count(*, article: Article) -> int:
    """Approved comments and replies: the figure next to "Comments"."""
    return Comment.objects.visible().filter(article=article).count()


def comment_page(*, article: Article, number: int | str = 1, order: str = "newest") -> Page:
    """One page of approved top-level comments, each with its approved replies (oldest first);
    Http404 for a number that is not one of its pages (page 1 always is).

    Paging keeps an article with 10,000 comments as cheap to show as one with 20: a count,
    the page's rows by index, and their replies in one more query.
    """
    replies = Comment.objects.visible().only(*FIELDS).order_by("created_at", "id")
    qs = (
        Comment.objects.visible()
        .filter(article=article, parent__isnull=True)
        .only(*FIELDS)
        .order_by(*ORDERS.get(order, ORDERS["newest"]))
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="visible_replies"))
    )
    raw = str(number)
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 6):
        raise Http404("That is not a page of comments.")
    try:
        return Paginator(qs, PAGE_SIZE, allow_empty_first_page=True).page(int(raw))
    except InvalidPage as error:
        raise Http404("There is no such page of comments.") from error
