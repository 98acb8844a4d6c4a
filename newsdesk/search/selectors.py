"""Reads for search: the readers' results page and the admin's article search."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString

from newsdesk.newsroom.models import Article, Contributor, Section
from newsdesk.search.analysis import Query, highlight, html_to_text, parse_query, snippet
from newsdesk.search.backends import Backend, Scope, get_backend

# What a result shows of an article, loaded for one page of results only.
RESULT_FIELDS = (
    "id",
    "headline",
    "slug",
    "summary",
    "body",
    "publish_at",
    "created_at",
    "section__name",
    "section__slug",
)
# An excerpt is taken from the start of a body: the first this many characters of its HTML.
EXCERPT_SOURCE_LENGTH = 20_000
# Dates a reader may filter on; outside them a date means nothing for a newsroom (and far
# ones overflow when moved between time zones).
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


class Choice(Protocol):
    pk: int
    slug: str
    display_name: str


@dataclass(frozen=True)
class Hit:
    article: Article
    headline: SafeString  # escaped, with the matched words in <mark>
    excerpt: SafeString


class Results:
    """A reader's search, as ``Paginator`` takes it: ``count()`` and slices of ``Hit``.

    Each costs one query, and loading a page's articles one more, whatever the number
    of articles.
    """

    def __init__(self, *, query: Query, scope: Scope, backend: Backend) -> None:
        self.query, self.scope, self.backend = query, scope, backend
        self.total: int | None = None

    def count(self) -> int:
        """How many results can be paged through: the matches, up to the ranked window."""
        if self.total is None:
            # Counted one past the window: enough to know whether there are more.
            self.total = self.backend.count(self.query, self.scope, limit=self.scope.window + 1)
        return min(self.total, self.scope.window)

    @property
    def windowed(self) -> bool:
        """Whether more articles match than are ranked (the oldest of them are left out)."""
        return self.total is not None and self.total > self.scope.window

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[Hit]:
        if not isinstance(item, slice):
            # Templates try ``results["name"]`` before ``results.name``.
            raise TypeError("Results are read a page at a time.")
        start = item.start or 0
        if item.stop is None or item.stop <= start:
            return []
        ids = self.backend.page(self.query, self.scope, offset=start, limit=item.stop - start)
        return _hits(ids, query=self.query, now=self.scope.now)


def _hits(ids: list[int], *, query: Query, now: datetime) -> list[Hit]:
    # The page is read from the articles themselves, live ones only: whatever the index
    # says, a draft, a scheduled or an unpublished article is never shown.
    articles = Article.objects.live(now).select_related("section").only(*RESULT_FIELDS).order_by()
    by_id = {a.pk: a for a in articles.filter(pk__in=ids)}
    hits = []
    for article in (by_id[pk] for pk in ids if pk in by_id):
        body = html_to_text(article.body[:EXCERPT_SOURCE_LENGTH])
        excerpt = snippet(body, query)
        if "<mark>" not in excerpt and article.summary:
            excerpt = highlight(article.summary, query)
        hits.append(Hit(article, highlight(article.headline, query), excerpt))
    return hits


def search_results(*, query: Query, scope: Scope) -> Results:
    """Live articles in ``scope`` that contain every word and phrase of ``query``.

    Guarantees: only articles live at ``scope.now`` (published, publish time come) are
    shown, read from the articles at query time, so a scheduled article appears at its
    time and an unpublished one disappears at once. Order: relevance (headline over
    summary over body) times a recency boost, then newest first. When more articles
    match than ``scope.window``, the newest of them by creation are ranked, and the count
    stops there. A fixed number of queries: a count, a page of ids, the page's articles.
    """
    return Results(query=query, scope=scope, backend=get_backend())


def filter_choices() -> tuple[list[Section], list[Choice]]:
    """The sections and contributors a search can be narrowed to: two queries.

    Contributors come as plain rows, not models: a newsroom may have hundreds.
    """
    sections = list(Section.objects.only("name", "slug"))
    contributors = Contributor.objects.order_by("display_name", "pk")
    return sections, list(contributors.values_list("pk", "slug", "display_name", named=True))


def _day_start(day: date) -> datetime:
    day = min(max(day, EARLIEST), LATEST)
    return timezone.make_aware(datetime.combine(day, time.min))


def search_scope(
    *,
    now: datetime | None = None,
    section: Section | None = None,
    contributor: Contributor | Choice | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> Scope:
    """What a reader's search covers: a date range counts whole days in the newsroom's zone."""
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    return Scope(
        now=now or timezone.now(),
        section_id=section.pk if section else None,
        contributor_id=contributor.pk if contributor else None,
        since=_day_start(date_from) if date_from else None,
        until=_day_start(date_to) + timedelta(days=1) if date_to else None,
        window=settings.NEWSDESK_SEARCH_RANK_WINDOW,
    )


def admin_article_search(*, queryset: QuerySet[Article], text: str) -> QuerySet[Article]:
    """``queryset`` narrowed to the articles whose terms match ``text``, in any state.

    The same index and analyzer as readers' search; the last word also matches as the
    start of a word, for searching as one types.
    """
    query = parse_query(text, prefix_last=True)
    if not query:
        return queryset.none() if text.strip() else queryset
    return queryset.filter(pk__in=get_backend().matching_ids(query))
