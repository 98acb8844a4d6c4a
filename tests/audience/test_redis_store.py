"""The Redis store writes through to SQL once and only once, however a flush dies."""

import pytest
from django.conf import settings
from django.utils import timezone

from newsdesk.audience import stores
from newsdesk.audience.models import ArticleStats, ViewHour
from newsdesk.audience.selectors import live_view_count
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not settings.REDIS_URL, reason="the PostgreSQL + Redis configuration"),
]


LIMITS = stores.Limits(per_reader=1000, per_address=1000, readers_per_address=1000)


@pytest.fixture
def store():
    store = stores.get_store()
    assert isinstance(store, stores.RedisStore)
    return store


def record(store, articles, readers=5):
    now = timezone.now()
    for article in articles:
        for r in range(readers):
            assert store.record(
                article_id=article.pk, reader=f"r{r}", address="a", now=now, limits=LIMITS
            )
    return now


def stored(article) -> int:
    row = ArticleStats.objects.filter(pk=article.pk).first()
    return row.views if row else 0


def test_views_show_before_and_after_the_flush(store, settings):
    settings.NEWSDESK_VIEW_FLUSH_SECONDS = 3600  # no flush on the way
    article = ArticleFactory()
    record(store, [article])
    assert stored(article) == 0
    assert live_view_count(article.pk) == 5
    assert store.flush() == 5
    assert stored(article) == 5
    assert live_view_count(article.pk) == 5
    assert ViewHour.objects.get(article=article).views == 5
    assert store.flush() == 0


def test_a_flush_that_dies_before_its_commit_counts_nothing_twice(store, settings, monkeypatch):
    settings.NEWSDESK_VIEW_FLUSH_SECONDS = 3600
    first, second = ArticleFactory(), ArticleFactory()
    record(store, [first, second])
    real = stores.apply_batch
    calls = []

    def dies_on_the_second_article(article_id, batch):
        calls.append(article_id)
        if len(calls) == 2:
            raise ConnectionError("the server went away")
        real(article_id, batch)

    monkeypatch.setattr(stores.base, "apply_batch", dies_on_the_second_article)
    with pytest.raises(ConnectionError):
        store.flush()
    assert stored(first) == 0  # rolled back with the rest of the batch
    monkeypatch.setattr(stores.base, "apply_batch", real)
    assert store.flush() == 10
    assert (stored(first), stored(second)) == (5, 5)
    assert (live_view_count(first.pk), live_view_count(second.pk)) == (5, 5)


def test_a_flush_that_dies_after_its_commit_counts_nothing_twice(store, settings, monkeypatch):
    settings.NEWSDESK_VIEW_FLUSH_SECONDS = 3600
    article = ArticleFactory()
    record(store, [article])

    def dies(*args, **kwargs):
        raise ConnectionError("Redis went away after the SQL commit")

    monkeypatch.setattr(store, "_trim", dies)
    with pytest.raises(ConnectionError):
        store.flush()
    monkeypatch.undo()
    assert stored(article) == 5
    assert store.flush() == 0  # the stale entries are trimmed, not applied again
    assert stored(article) == 5
    assert live_view_count(article.pk) == 5


def test_one_flush_per_interval_across_processes(store, settings, monkeypatch):
    """Two stores on one Redis stand for two server processes (or machines): when both find
    their interval over, the shared lock key lets one of them flush."""
    settings.NEWSDESK_VIEW_FLUSH_SECONDS = 60
    other = stores.RedisStore(settings.REDIS_URL, settings.NEWSDESK_REDIS_PREFIX)
    flushed = []
    for each in (store, other):
        monkeypatch.setattr(each, "flush", lambda force, each=each: flushed.append(each))
        each._last_flush -= 61  # each process's own clock says its interval is over
    store.client.delete(store.lock_key)
    store.maybe_flush()
    other.maybe_flush()
    assert flushed == [store]
    store.client.delete(store.lock_key)  # the interval over everywhere: the next one flushes
    other._last_flush -= 61
    other.maybe_flush()
    assert flushed == [store, other]


def test_the_flush_command_and_the_dashboard_write_views_through(store, settings, client):
    from django.core.management import call_command

    from tests.factories import make_user

    settings.NEWSDESK_VIEW_FLUSH_SECONDS = 3600
    article = ArticleFactory()
    record(store, [article], readers=3)
    assert stored(article) == 0
    call_command("flush_views")
    assert stored(article) == 3
    for r in range(4):  # four new readers
        assert store.record(
            article_id=article.pk, reader=f"new{r}", address="a", now=timezone.now(), limits=LIMITS
        )
    assert stored(article) == 3
    client.force_login(make_user("dash", superuser=True))
    assert client.get("/audience/dashboard/").status_code == 200
    assert stored(article) == 7
