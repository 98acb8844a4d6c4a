"""The four lists of the reader site. Each is one query and never lists the page's own article."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from newsdesk.audience.models import ArticleStats, MustRead
from newsdesk.audience.stores import get_store
from newsdesk.newsroom.models import Article, Section
from newsdesk.newsroom.sql import top_ids

TRENDING_WINDOW = timedelta(days=7)
UPDATED_SPARE = 8


def _length() -> int:
    return settings.NEWSDESK_LIST_LENGTH


def _take(queryset, exclude_id: int | None) -> list[Article]:
    """The first list-length items, skipping the page's own article.

    Fetching one extra row and filtering here keeps each list to a single, index-backed query.
    """
    items = [a for a in queryset[: _length() + 1] if a.pk != exclude_id]
    return items[: _length()]


def just_in(*, exclude_id: int | None = None) -> list[Article]:
    """The newest published articles site-wide."""
    return _take(Article.objects.live().for_listing().order_by("-publish_at", "-id"), exclude_id)


def latest_stories(
    *, section: Section | None = None, exclude_id: int | None = None
) -> list[Article]:
    """The newest in one section; without a section, the most recently updated site-wide."""
    qs = Article.objects.live().for_listing()
    if section is not None:
        return _take(qs.filter(section=section).order_by("-publish_at", "-id"), exclude_id)
    # The most recently updated: among the newest by publication and the newest by update,
    # each a few rows read through its index (newsroom.sql.top_ids). An article's last update
    # is its update time or else its publish time, so the top n of the union is the top n.
    # The by-update part leaves "publish time has come" to the outer query (with it, SQLite
    # sorts every live row instead of walking article_updated_idx), so it takes spare rows:
    # it would take more than UPDATED_SPARE scheduled articles carrying an update time to
    # crowd out a live one.
    size = _length() + 1
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    candidates = top_ids(
        Article.objects.live().order_by("-publish_at", "-id")[:size],
        published.filter(substantively_updated_at__isnull=False).order_by(
            "-substantively_updated_at", "-id"
        )[: size + UPDATED_SPARE],
    )
    # Only the candidates' ids drive this query (each a primary-key lookup); whether their
    # time has come is checked on those few rows here, as a filter in SQL would tempt SQLite
    # to walk every live article and probe the list.
    now = timezone.now()
    last_update = Coalesce("substantively_updated_at", "publish_at")
    rows = Article.objects.for_listing().filter(pk__in=candidates)
    ranked = [a for a in rows.order_by(last_update.desc(), "-id") if a.publish_at <= now]
    return _take(ranked, exclude_id)


# How many of the highest-scoring rows a list reads through the score index before it gives
# up and scans the week's articles: enough that stale or unpublished leaders never starve it.
CANDIDATES = 60


def _is_listed(article: Article, *, since, now) -> bool:
    return (
        article.status == Article.Status.PUBLISHED
        and article.publish_at is not None
        and since <= article.publish_at <= now
    )


def _ranked(order_field: str, *, since, now, skip: set[int], want: int) -> list[Article]:
    """Live articles of the window, highest ``order_field`` first, read through its index.

    The leaders come from the stats index alone and are fetched by primary key, then checked
    for state and window here, so the cost does not grow with the number of articles. Only
    when the leaders hold too few does the query scan the window, which also lists unread
    articles, newest first.
    """
    leaders = list(
        ArticleStats.objects.order_by(f"-{order_field}").values_list("article_id", flat=True)[
            :CANDIDATES
        ]
    )
    rows = Article.objects.for_listing().in_bulk(leaders) if leaders else {}
    found = [
        rows[pk]
        for pk in leaders
        if pk in rows and pk not in skip and _is_listed(rows[pk], since=since, now=now)
    ][:want]
    if len(found) >= want:
        return found
    base = Article.objects.live(now).for_listing().filter(publish_at__gte=since)
    if skip:
        base = base.exclude(pk__in=skip)
    ordering = [F(f"stats__{order_field}").desc(nulls_last=True), "-publish_at", "-id"]
    return list(base.order_by(*ordering)[:want])


def popular_now(*, exclude_id: int | None = None) -> list[Article]:
    """The six articles of the last seven days with the highest time-decayed view score.

    The score is forward-decayed (audience.trending), so ordering by the stored log score
    is ordering by the decayed score now; the top is read through the score's index.
    """
    now = timezone.now()
    skip = {exclude_id} if exclude_id is not None else set()
    return _ranked("trend", since=now - TRENDING_WINDOW, now=now, skip=skip, want=_length())


def must_reads(
    *, exclude_id: int | None = None, popular: list[Article] | None = None
) -> list[Article]:
    """Editors' live pins in order, then the week's most-read not already in Popular Now."""
    now = timezone.now()
    # Pins are few: read them by their own order and check each article's state here,
    # rather than let the database start from the (large) article table.
    pinned = [
        pin.article
        for pin in MustRead.objects.active(now)
        .select_related("article", "article__section")
        .order_by("position", "-created_at")[:50]
        if pin.article_id != exclude_id and pin.article.is_live(now)
    ][: _length()]
    if len(pinned) >= _length():
        return pinned
    skip = {a.pk for a in pinned} | {a.pk for a in (popular or [])}
    if exclude_id is not None:
        skip.add(exclude_id)
    want = _length() - len(pinned)
    ranking = [pk for pk in _most_viewed_this_week(now) if pk not in skip]
    by_pk = Article.objects.for_listing().in_bulk(ranking)
    since = now - TRENDING_WINDOW
    fill = [
        by_pk[pk] for pk in ranking if pk in by_pk and _is_listed(by_pk[pk], since=since, now=now)
    ]
    return pinned + fill[:want]


def _most_viewed_this_week(now) -> list[int]:
    """Ids of the week's most-viewed live articles, worked out at most once a minute.

    Lifetime views can't be read in window order through an index, so the ranking is
    computed by a scan of the week and shared through the cache for up to 60 s.
    """
    key = f"audience:most-viewed:{int(now.timestamp()) // 60}"
    ranking = cache.get(key)
    if ranking is None:
        ranking = list(
            Article.objects.live(now)
            .filter(publish_at__gte=now - TRENDING_WINDOW)
            .order_by(F("stats__views").desc(nulls_last=True), "-publish_at", "-id")
            .values_list("pk", flat=True)[: _length() * 4]
        )
        cache.set(key, ranking, 90)
    return ranking


def view_count(article: Article) -> int:
    """Counted views of an article loaded with its stats, plus any not yet written to SQL."""
    try:
        stored = article.stats.views
    except ArticleStats.DoesNotExist:
        stored = 0
    return stored + get_store().pending([article.pk]).get(article.pk, 0)


def live_view_count(article_id: int) -> int | None:
    """The count for the live counter; None for an article that is not public."""
    row = Article.objects.live().filter(pk=article_id).values_list("pk", "stats__views").first()
    if row is None:
        return None
    return (row[1] or 0) + get_store().pending([article_id]).get(article_id, 0)
