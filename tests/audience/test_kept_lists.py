"""The four lists kept per process between renders (audience.selectors.page_lists)."""

import time
from dataclasses import replace
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.audience import selectors
from newsdesk.audience.models import MustRead
from newsdesk.audience.stores import Batch, apply_batch
from newsdesk.newsroom import services
from newsdesk.newsroom.models import Article
from newsdesk.pagecache import store
from newsdesk.site import redis_breaker
from tests.factories import ArticleFactory, SectionFactory, make_contributor

pytestmark = pytest.mark.django_db

LISTS = ("latest_stories", "just_in", "popular_now", "must_reads")


@pytest.fixture(autouse=True)
def _lists_kept(settings):
    settings.NEWSDESK_LIST_CACHE_SECONDS = 10
    selectors.forget_kept_lists()
    yield
    selectors.forget_kept_lists()


@pytest.fixture
def land(db):
    section = SectionFactory(slug="land", name="Land")
    now = timezone.now()
    articles = [
        ArticleFactory(
            section=section, headline=f"Land story {i}", publish_at=now - timedelta(hours=i)
        )
        for i in range(8)
    ]
    for views, article in enumerate(reversed(articles)):
        batch = Batch()
        for _ in range(views + 1):
            batch.add(now - timedelta(minutes=5))
        apply_batch(article.pk, batch)
    return section, articles


def ids(lists: dict) -> dict[str, list[int]]:
    return {name: [a.pk for a in lists[name]] for name in LISTS}


def fresh(section, exclude_id) -> dict[str, list[int]]:
    """The lists read now, with nothing kept."""
    return ids(
        {
            "latest_stories": selectors.latest_stories(section=section, exclude_id=exclude_id),
            "just_in": selectors.just_in(exclude_id=exclude_id),
            "popular_now": (popular := selectors.popular_now(exclude_id=exclude_id)),
            "must_reads": selectors.must_reads(exclude_id=exclude_id, popular=popular),
        }
    )


def test_kept_lists_are_the_lists_of_each_page_without_its_own_article(land):
    section, articles = land
    MustRead.objects.create(article=articles[3], position=1)
    selectors.page_lists(section=section, exclude_id=None)  # keeps the section's lists
    for article in articles:
        with CaptureQueriesContext(connection) as queries:
            kept = ids(selectors.page_lists(section=section, exclude_id=article.pk))
        assert len(queries) == 0
        assert kept == fresh(section, article.pk), article.headline
        assert all(article.pk not in listed for listed in kept.values())
        assert all(len(kept[name]) == 6 for name in ("latest_stories", "just_in", "popular_now"))


def test_a_render_reads_the_lists_once_then_keeps_them(client, land):
    _section, articles = land
    with CaptureQueriesContext(connection) as first:
        assert client.get(articles[0].get_absolute_url()).status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert client.get(articles[1].get_absolute_url()).status_code == 200
    # The other article of the same section: the lists' queries (at least one each) are gone.
    assert len(second) <= len(first) - 4, (len(first), len(second))
    assert len(second) <= 8  # the article page's budget with the lists kept


def test_a_publication_shows_in_the_kept_lists_at_once(
    land, editor, django_capture_on_commit_callbacks
):
    section, articles = land
    selectors.page_lists(section=section, exclude_id=articles[0].pk)
    draft = ArticleFactory(
        section=section,
        status=Article.Status.DRAFT,
        publish_at=None,
        headline="Just filed",
        contributors=[make_contributor()],
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=draft, user=editor)
    lists = ids(selectors.page_lists(section=section, exclude_id=articles[0].pk))
    assert lists["just_in"][0] == draft.pk
    assert lists["latest_stories"][0] == draft.pk


def test_an_unpublished_article_leaves_the_kept_lists_at_once(
    land, editor, django_capture_on_commit_callbacks
):
    section, articles = land
    gone = articles[0]
    assert gone.pk in ids(selectors.page_lists(section=section, exclude_id=None))["just_in"]
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=gone, user=editor)
    lists = ids(selectors.page_lists(section=section, exclude_id=None))
    assert all(gone.pk not in listed for listed in lists.values())


def test_a_new_pin_shows_at_once(land, django_capture_on_commit_callbacks):
    section, articles = land
    selectors.page_lists(section=section, exclude_id=None)
    with django_capture_on_commit_callbacks(execute=True):
        MustRead.objects.create(article=articles[7], position=0)  # the admin's way: a save
    lists = ids(selectors.page_lists(section=section, exclude_id=None))
    assert lists["must_reads"][0] == articles[7].pk


def test_views_reach_popular_now_once_the_kept_lists_are_older_than_the_setting(land, settings):
    section, articles = land
    least_read = articles[7]  # the oldest, with one view: last in Popular Now, if listed at all
    first = ids(selectors.page_lists(section=section, exclude_id=None))["popular_now"]
    assert first[0] != least_read.pk
    batch = Batch()
    for _ in range(500):
        batch.add(timezone.now())
    apply_batch(least_read.pk, batch)  # views purge nothing
    assert ids(selectors.page_lists(section=section, exclude_id=None))["popular_now"] == first
    kept = selectors._kept[section.pk]
    selectors._kept[section.pk] = replace(
        kept, read_at=kept.read_at - settings.NEWSDESK_LIST_CACHE_SECONDS
    )
    now_popular = ids(selectors.page_lists(section=section, exclude_id=None))["popular_now"]
    assert now_popular[0] == least_read.pk


def test_nothing_is_kept_when_the_setting_is_zero(land, settings):
    settings.NEWSDESK_LIST_CACHE_SECONDS = 0
    section, _articles = land
    selectors.page_lists(section=section, exclude_id=None)
    assert len(selectors._kept) == 0


def test_a_page_showing_kept_lists_is_cached_as_old_as_they_are(land, keep_test_connection):
    from tests.pagecache.conftest import call

    section, articles = land
    selectors.page_lists(section=section, exclude_id=None)
    kept = selectors._kept[section.pk]
    selectors._kept[section.pk] = replace(kept, read_at=time.time() - 8)
    reply = call(articles[2].get_absolute_url())
    assert reply.status == 200 and reply.cache == "MISS"
    assert 7 <= int(reply.headers["age"]) <= 9
    # In the shared store it lives the rest of the page cache's 60 s, not 60 s more.
    entry = store._cache().get(
        store._page_key(f"http://testserver{articles[2].get_absolute_url()}?")
    )
    assert entry is not None and time.time() - entry.stored_at >= 7
    later = replace(entry, stored_at=time.time() - store.ttl())
    store._cache().set(store._page_key("http://testserver/later?"), later)
    assert store.get("http://testserver/later?") is None


def test_each_section_and_the_home_page_keep_their_own_latest_stories(land):
    section, articles = land
    sea = SectionFactory(slug="sea", name="Sea")
    frigate = ArticleFactory(section=sea, headline="Frigate", publish_at=timezone.now())
    for _ in range(2):  # the second round is read from what the first kept
        on_land = ids(selectors.page_lists(section=section, exclude_id=articles[1].pk))
        at_sea = ids(selectors.page_lists(section=sea, exclude_id=None))
        home = ids(selectors.page_lists(section=None, exclude_id=None))
        assert on_land["latest_stories"] == [a.pk for a in articles if a != articles[1]][:6]
        assert at_sea["latest_stories"] == [frigate.pk]
        assert home["latest_stories"][0] == frigate.pk
        assert on_land["just_in"][0] == at_sea["just_in"][0] == frigate.pk
    assert set(selectors._kept) == {section.pk, sea.pk, None}


def test_a_page_rendered_after_one_with_kept_lists_is_not_aged_by_them(land, keep_test_connection):
    from tests.pagecache.conftest import call

    section, articles = land
    selectors.page_lists(section=section, exclude_id=None)
    kept = selectors._kept[section.pk]
    selectors._kept[section.pk] = replace(kept, read_at=time.time() - 8)
    assert int(call(articles[2].get_absolute_url()).headers["age"]) >= 7
    selectors.forget_kept_lists()  # the next render reads the lists now
    assert call(articles[3].get_absolute_url()).headers["age"] == "0"


def test_lists_are_read_fresh_when_the_purge_clock_cannot_be_read(land, monkeypatch, client):
    from redis.exceptions import ConnectionError as RedisConnectionError

    def down():
        raise RedisConnectionError("no Redis here")

    monkeypatch.setattr(store, "clock", down)
    section, articles = land
    lists = ids(selectors.page_lists(section=section, exclude_id=articles[0].pk))
    assert lists == fresh(section, articles[0].pk)
    assert len(selectors._kept) == 0
    assert not redis_breaker.available()  # the next callers leave Redis alone for a while
    assert client.get(articles[0].get_absolute_url()).status_code == 200


def test_an_error_that_is_not_redis_reads_lists_fresh_and_leaves_the_breaker_alone(
    land, monkeypatch
):
    def broken():
        raise OSError("clock file unreadable")

    monkeypatch.setattr(store, "clock", broken)
    section, articles = land
    assert ids(selectors.page_lists(section=section, exclude_id=None)) == fresh(section, None)
    assert redis_breaker.available()


def test_lists_are_kept_at_most_a_quarter_of_the_page_cache_time(settings):
    settings.NEWSDESK_LIST_CACHE_SECONDS = 30
    settings.NEWSDESK_PAGE_CACHE_SECONDS = 20
    assert selectors._keep_seconds() == 5
    settings.NEWSDESK_PAGE_CACHE_SECONDS = 0  # no page cache: the setting alone
    assert selectors._keep_seconds() == 30
    settings.NEWSDESK_LIST_CACHE_SECONDS = 600
    assert selectors._keep_seconds() == 60


def test_an_article_page_that_misses_the_cache_reads_7_queries_instead_of_13(
    client, land, settings
):
    """The README's figures, for an article with no comments (a comment thread adds its rows
    and replies to both)."""
    _section, articles = land

    def queries(article) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.get_absolute_url()).status_code == 200
        return len(captured)

    settings.NEWSDESK_LIST_CACHE_SECONDS = 0
    # The first render also ranks the week for Must-Reads' fill (14 queries), which the cache
    # then shares for a minute: the figures are those of the renders after it.
    queries(articles[0])
    assert queries(articles[1]) == 13
    settings.NEWSDESK_LIST_CACHE_SECONDS = 10
    selectors.forget_kept_lists()
    assert queries(articles[2]) == 13  # reads the section's lists, and keeps them
    assert queries(articles[3]) == 7


def test_a_passed_pin_expiry_is_not_hidden_by_a_later_lookup_of_the_next_change(
    land, django_capture_on_commit_callbacks
):
    """Seen in CI: the page cache asked for the next self-made change after a pin's expiry
    (and found a scheduled story's time), and the kept lists, which compared their age with
    the latest known moment only, kept the expired pin on every page they served."""
    import time_machine

    from newsdesk.pagecache import expiry

    section, _articles = land
    now = timezone.now()
    old = ArticleFactory(
        section=section, headline="Old pinned", publish_at=now - timedelta(days=10)
    )
    with django_capture_on_commit_callbacks(execute=True):
        MustRead.objects.create(article=old, position=0, expires_at=now + timedelta(seconds=2))
        ArticleFactory(
            section=section, headline="Scheduled", publish_at=now + timedelta(seconds=30)
        )
    with time_machine.travel(now, tick=False):
        assert (
            ids(selectors.page_lists(section=section, exclude_id=None))["must_reads"][0] == old.pk
        )
        stamp = selectors._kept[section.pk].stamp
        assert expiry.next_change(stamp) == pytest.approx((now + timedelta(seconds=2)).timestamp())
    with time_machine.travel(now + timedelta(seconds=5), tick=False):
        # The page cache's lookup comes first and finds the scheduled story's time...
        assert expiry.next_change(stamp) == pytest.approx((now + timedelta(seconds=30)).timestamp())
        # ...and the lists, kept 5 s of their 10, are read again all the same.
        assert (
            old.pk not in ids(selectors.page_lists(section=section, exclude_id=None))["must_reads"]
        )
