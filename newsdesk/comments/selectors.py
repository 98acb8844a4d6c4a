"""Reads of reader comments: only approved comments ever reach a page or a count."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch

from newsdesk.comments.models import Comment
from newsdesk.newsroom.models import Article

PAGE_SIZE = 20
ORDERS = {"newest": ("-created_at", "-id"), "oldest": ("created_at", "id")}
FIELDS = ("id", "name", "text", "created_at", "edited_at", "parent_id", "article_id")


def comment_count(*, article: Article) -> int:
    """Approved comments and replies: the figure next to "Comments"."""
    return Comment.objects.visible().filter(article=article).count()


def comment_page(*, article: Article, number: int = 1, order: str = "newest") -> Page:
    """One page of approved top-level comments, each with its approved replies (oldest first).

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
    return Paginator(qs, PAGE_SIZE).get_page(number)
