"""Reads of reader comments: only approved comments ever reach a page or a count."""

from __future__ import annotations

from django.core.paginator import Page, Paginator

from newsdesk.comments.models import Comment
from newsdesk.newsroom.models import Article

PAGE_SIZE = 20


def comment_page(*, article: Article, number: int = 1) -> Page:
    """One page of approved comments, newest first. Paging keeps a long thread's page cheap."""
    qs = (
        Comment.objects.visible()
        .filter(article=article)
        .only("id", "name", "text", "created_at", "parent_id", "article_id")
    )
    return Paginator(qs, PAGE_SIZE).get_page(number)
