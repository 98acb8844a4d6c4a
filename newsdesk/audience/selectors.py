"""The four lists of the reader site. Each is one query and never lists the page's own article.

Each list is read one article longer than it is shown, so that the page's own article can be
left out afterwards: what a list holds before that is the same on every page, and a page
render takes it from a short-lived per-process copy (``page_lists``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone
from redis.exceptions import RedisError

from newsdesk.audience.models import ArticleStats, MustRead
from newsdesk.audience.stores import get_store
from newsdesk.newsroom.models import Article, Section, last_update
from newsdesk.newsroom.sql import top_ids
from newsdesk.pagecache import expiry
from newsdesk.pagecache import store as page_store
from newsdesk.site import redis_breaker
from newsdesk.site.caches import BoundedCache

logger = logging.getLogger(__name__)

TRENDING_WINDOW = timedelta(days=7)
UPDATED_SPARE = 8


def _length() -> int:
    return settings.NEWSDESK_LIST_LENGTH


def _list_without(items: list[Article], exclude_id: int | None) -> list[Article]:
    """The first list-length items, skipping the page's own article.

    Reading one extra row and filtering here keeps each list to a single, index-backed query.
    """
    return [a for a in items if a.pk != exclude_id][: _length()]


def just_in(*, exclude_id: int | None = None) -> list[Article]:
    """The newest published articles site-wide."""
    return _list_without(_just_in_rows(), exclude_id)


def _just_in_rows() -> list[Article]:
    newest = Article.objects.live().for_listing()
    return list(newest[: _length() + 1])


def latest_stories(
    *, section: Section | None = None, exclude_id: int | None = None
) -> list[Article]:
    """The newest in one section; without a section, the most recently updated site-wide."""
    return _list_without(_latest_rows(section), exclude_id)


def _latest_rows(section: Section | None) -> list[Article]:
    qs = Article.objects.live().for_listing()
    if section is not None:
        return list(qs.filter(section=section)[: _length() + 1])
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
        Article.objects.live()[:size],
        published.filter(substantively_updated_at__isnull=False).order_by(
            "-substantively_updated_at", "-id"
        )[: size + UPDATED_SPARE],
    )
    # Only the candidates' ids drive this query (each a primary-key lookup); whether their
    # time has come is checked on those few rows here, as a filter in SQL would tempt SQLite
    # to walk every live article and probe the list.
    now = timezone.now()
    rows = Article.objects.for_listing().filter(pk__in=candidates)
    ranked = [a for a in rows.order_by(last_update().desc(), "-id") if a.publish_at <= now]
    return ranked[:size]


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
    # The leaders' state and publish time come with them (a primary-key join per row), so
    # only the few shown are made into model instances, not all CANDIDATES.
    leaders = ArticleStats.objects.order_by(f"-{order_field}").values_list(
        "article_id", "article__status", "article__publish_at"
    )[:CANDIDATES]
    chosen = [
        pk
        for pk, status, publish_at in leaders
        if pk not in skip
        and status == Article.Status.PUBLISHED
        and publish_at is not None
        and since <= publish_at <= now
    ][:want]
    if len(chosen) >= want:
        rows = Article.objects.for_listing().in_bulk(chosen)
        found = [rows[pk] for pk in chosen if pk in rows]
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
    return _list_without(_popular_rows(), exclude_id)


def _popular_rows() -> list[Article]:
    now = timezone.now()
    return _ranked("trend", since=now - TRENDING_WINDOW, now=now, skip=set(), want=_length() + 1)


def must_reads(
    *, exclude_id: int | None = None, popular: list[Article] | None = None
) -> list[Article]:
    """Editors' live pins in order, then the week's most-read not already in Popular Now."""
    now = timezone.now()
    return _compose_must_reads(
        _pinned_rows(now),
        lambda skip, want: _fill_rows(now, skip=skip, want=want),
        exclude_id=exclude_id,
        popular=popular,
    )


def _pinned_rows(now) -> list[Article]:
    # Pins are few: read them by their own order and check each article's state here,
    # rather than let the database start from the (large) article table.
    pins = (
        MustRead.objects.active(now)
        .select_related("article", "article__section")
        .order_by("position", "-created_at")[:50]
    )
    return [pin.article for pin in pins if pin.article.is_live(now)][: _length() + 1]


def _fill_rows(
    now,
    *,
    skip: set[int] | frozenset[int] = frozenset(),
    known: dict[int, Article] | None = None,
    want: int | None = None,
) -> list[Article]:
    """The week's most-viewed live articles but ``skip``, most viewed first: Must-Reads' fill.

    Articles in ``known`` (already read, by id) are not read again; with ``want``, no more
    than that many are returned (and read)."""
    ranking = [pk for pk in _most_viewed_this_week(now) if pk not in skip]
    by_pk = dict(known or {})
    since = now - TRENDING_WINDOW
    listed: list[Article] = []
    # The ranking was live when worked out (at most a minute ago): the first ``want`` of it are
    # read, and more only if some of those have since left the list (rare: an unpublishing).
    start = 0
    while start < len(ranking) and (want is None or len(listed) < want):
        stop = len(ranking) if want is None else start + want - len(listed)
        part = ranking[start:stop]
        missing = [pk for pk in part if pk not in by_pk]
        if missing:
            by_pk.update(Article.objects.for_listing().in_bulk(missing))
        listed += [
            by_pk[pk] for pk in part if pk in by_pk and _is_listed(by_pk[pk], since=since, now=now)
        ]
        start = stop
    return listed


def _compose_must_reads(
    pinned: list[Article],
    fill: Callable[[set[int], int], list[Article]],
    *,
    exclude_id: int | None,
    popular: list[Article] | None,
) -> list[Article]:
    shown = _list_without(pinned, exclude_id)
    if len(shown) >= _length():
        return shown
    skip = {a.pk for a in shown} | {a.pk for a in (popular or [])}
    if exclude_id is not None:
        skip.add(exclude_id)
    want = _length() - len(shown)
    return shown + fill(skip, want)[:want]


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


@dataclass(frozen=True)
class SharedLists:
    """The lists as every page of a section (or the home page) starts from them: each read one
    article longer than shown, and Must-Reads' fill before anything is taken out of it."""

    latest: list[Article]
    just_in: list[Article]
    popular: list[Article]
    pinned: list[Article]
    fill: list[Article]


@dataclass(frozen=True)
class KeptLists:
    """The lists of one section (None: site-wide) as read at ``read_at``."""

    lists: SharedLists
    stamp: str  # the purge clock, read before the lists were
    read_at: float  # time.time() before they were read


# Per section; sections are few, the bound only guards a pathological case.
_kept: BoundedCache[int | None, KeptLists] = BoundedCache("audience.kept_lists", max_entries=1_000)


def page_lists(*, section: Section | None, exclude_id: int | None) -> dict[str, list[Article]]:
    """The four lists of a page, without the page's own article (``exclude_id``).

    With NEWSDESK_LIST_CACHE_SECONDS set (and a purge clock to check, which every
    configuration but a bare cache has), what the lists hold before the page's own article is
    taken out is read once per process per section and kept: until any purge (a publication,
    an edit, an unpublishing, a pin: the page cache's clock moves) and for at most that many
    seconds (and a quarter of the page cache's time, when it is on), so what changes by itself
    (Popular Now, a scheduled article coming live, a pin expiring) lags by no more. The week's
    most-read ranking behind Must-Reads' fill is worked out once a minute whatever this says
    (``_most_viewed_this_week``). A page that shows kept lists is as old as they are, and the
    page cache counts its age from theirs (``page_store.note_read_at``).
    """
    shared = _shared_lists(section)
    if shared is None:  # nothing kept: the lists as they are now, each one query
        popular = popular_now(exclude_id=exclude_id)
        return {
            "latest_stories": latest_stories(section=section, exclude_id=exclude_id),
            "just_in": just_in(exclude_id=exclude_id),
            "popular_now": popular,
            "must_reads": must_reads(exclude_id=exclude_id, popular=popular),
        }
    popular = _list_without(shared.popular, exclude_id)
    return {
        "latest_stories": _list_without(shared.latest, exclude_id),
        "just_in": _list_without(shared.just_in, exclude_id),
        "popular_now": popular,
        "must_reads": _compose_must_reads(
            shared.pinned,
            lambda skip, _want: [a for a in shared.fill if a.pk not in skip],
            exclude_id=exclude_id,
            popular=popular,
        ),
    }


def _keep_seconds() -> float:
    seconds = min(float(settings.NEWSDESK_LIST_CACHE_SECONDS), float(page_store.MAX_TTL))
    page_seconds = page_store.ttl()
    if page_seconds:
        # A page is cached as old as its lists: kept lists must leave it most of its life.
        seconds = min(seconds, page_seconds / 4)
    return max(0.0, seconds)


def _purge_stamp() -> str | None:
    if not redis_breaker.available() and page_store.shared():
        return None
    try:
        return page_store.clock()
    except RedisError:  # Redis down: the lists are read fresh, as the page cache does
        redis_breaker.trip()
        return None
    except Exception:
        logger.warning("purge clock unreadable; lists read fresh", exc_info=True)
        return None


def _shared_lists(section: Section | None) -> SharedLists | None:
    seconds = _keep_seconds()
    stamp = _purge_stamp() if seconds else None
    if stamp is None:
        return None
    key = section.pk if section is not None else None
    kept = _kept.get(key)
    if kept is not None and kept.stamp == stamp and _still_current(kept, seconds):
        page_store.note_read_at(kept.read_at)
        return kept.lists
    read_at = time.time()
    now = timezone.now()
    latest, newest, popular = _latest_rows(section), _just_in_rows(), _popular_rows()
    pinned = _pinned_rows(now)
    # With more live pins than a list shows, no page needs the fill, whatever it leaves out.
    # Otherwise the fill's articles are mostly in the lists just read: only the others are read.
    known = {a.pk: a for a in (*latest, *newest, *popular, *pinned)}
    fill = _fill_rows(now, known=known) if len(pinned) <= _length() else []
    lists = SharedLists(latest=latest, just_in=newest, popular=popular, pinned=pinned, fill=fill)
    _kept.set(key, KeptLists(lists, stamp, read_at))
    return lists


def _still_current(kept: KeptLists, seconds: float) -> bool:
    """Younger than ``seconds``, and no self-made change (a scheduled story's time, a pin's
    expiry) has come since they were read: pagecache.expiry remembers the moments it found,
    the passed one too, so a later lookup of the next one cannot hide it."""
    return time.time() - kept.read_at < seconds and not expiry.changed_since(
        kept.stamp, kept.read_at
    )


def next_pin_expiry_at() -> datetime | None:
    """The earliest expiry still ahead among Must-Read pins, or None. One query. The page
    cache ends stored pages at this moment, and kept lists are read again then, so an expired
    pin leaves every page at its time (registered from AudienceConfig.ready())."""
    return (
        MustRead.objects.filter(expires_at__gt=timezone.now())
        .order_by("expires_at")
        .values_list("expires_at", flat=True)
        .first()
    )


def forget_kept_lists() -> None:
    """Drops this process's kept lists: the next page reads them afresh."""
    _kept.clear()


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
