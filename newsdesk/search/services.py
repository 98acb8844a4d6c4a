"""Writes to the search index: it follows the articles, and can be rebuilt from them.

The index is derived data, like a cache: it holds nothing that is not in the articles,
and ``index_rebuild`` makes it again from them at any time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from newsdesk.newsroom.models import Article
from newsdesk.search.analysis import document_terms, html_to_text
from newsdesk.search.backends import Terms, get_backend
from newsdesk.search.models import SearchDocument

TEXT_FIELDS = frozenset({"headline", "summary", "body"})
ROW_FIELDS = frozenset({"status", "publish_at", "section", "section_id"})
# What the index reads of an article, in this order.
COLUMNS = ("id", "section_id", "status", "publish_at", "headline", "summary", "body")


def live_from(status: str, publish_at: datetime | None) -> datetime | None:
    return publish_at if status == Article.Status.PUBLISHED else None


def _terms(
    article_id: int,
    section_id: int,
    status: str,
    publish_at: datetime | None,
    headline: str,
    summary: str,
    body: str,
) -> Terms:
    return Terms(
        article_id=article_id,
        section_id=section_id,
        live_from=live_from(status, publish_at),
        headline=document_terms(headline),
        summary=document_terms(summary),
        body=document_terms(html_to_text(body)),
    )


@transaction.atomic
def documents_index(*, articles: Iterable[Article]) -> int:
    """Writes the terms and the row of each article, within the caller's transaction.

    After it returns, a search sees the articles as they are in memory, including
    their state: publishing, unpublishing and edits are all covered by one write.
    """
    rows = [_terms(*(getattr(a, "pk" if c == "id" else c) for c in COLUMNS)) for a in articles]
    get_backend().store(rows)
    return len(rows)


def document_follow(*, article: Article, fields: Iterable[str] | None) -> None:
    """Brings one article's document in step after a save of ``fields`` (None: all fields).

    A change of state, time or section rewrites only the document's row; a change of
    text analyzes the text again. Saves of other fields leave the index alone.
    """
    changed = None if fields is None else frozenset(fields)
    if changed is not None and not changed & (TEXT_FIELDS | ROW_FIELDS):
        return
    if changed is None or changed & TEXT_FIELDS:
        documents_index(articles=[article])
        return
    updated = SearchDocument.objects.filter(pk=article.pk).update(
        section_id=article.section_id,
        live_from=live_from(article.status, article.publish_at),
        indexed_at=timezone.now(),
    )
    if not updated:
        documents_index(articles=[article])


def index_rebuild(
    *, chunk_size: int = 500, on_progress: Callable[[int], None] | None = None
) -> int:
    """Indexes every article again, in chunks of one transaction each, and returns the count.

    Searches keep working meanwhile: each article's terms are replaced in place, never
    removed first. Terms left by anything that bypassed the documents are pruned.
    """
    backend = get_backend()
    done, last_id = 0, 0
    while True:
        chunk = list(
            Article.objects.filter(pk__gt=last_id).order_by("pk").values_list(*COLUMNS)[:chunk_size]
        )
        if not chunk:
            break
        with transaction.atomic():
            backend.store([_terms(*values) for values in chunk])
        done += len(chunk)
        last_id = chunk[-1][0]
        if on_progress is not None:
            on_progress(len(chunk))
    with transaction.atomic():
        backend.prune()
    backend.optimize()
    return done
