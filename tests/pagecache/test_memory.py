"""The page cache's first level in each process's memory, kept exact by the purge clock."""

import time

import pytest
import time_machine
from django.core.cache import caches

from newsdesk.pagecache import store
from tests.factories import ArticleFactory, make_contributor
from tests.pagecache.conftest import call

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(contributors=[make_contributor()])


def _drop_shared_copy(path: str) -> None:
    """Removes the page from the shared store, leaving only this process's memory."""
    address = f"http://testserver{path}?"
    caches["pages"].delete(store._page_key(address))


def test_a_checked_page_is_served_from_memory(article):
    url = article.get_absolute_url()
    assert call(url).cache == "MISS"
    assert call(url).cache == "HIT"  # checked against the purge marks, now in memory
    _drop_shared_copy(url)
    reply = call(url)
    assert reply.cache == "HIT"
    assert article.headline.encode() in reply.body


def test_a_purge_sends_every_process_back_to_the_shared_store(article):
    url = article.get_absolute_url()
    call(url)
    call(url)
    store.mark_purged([f"article:{article.pk}"])
    assert call(url).cache == "MISS"


def test_a_purge_of_another_key_keeps_the_page(article):
    url = article.get_absolute_url()
    call(url)
    call(url)
    store.mark_purged(["tag:nothing-shown-here"])
    assert call(url).cache == "HIT"


def test_the_clock_moves_with_every_purge(article):
    """Another worker or node purging changes only the shared marks and the clock."""
    before = store.clock()
    store.mark_purged([f"article:{article.pk}"])
    middle = store.clock()
    store.mark_purged([f"article:{article.pk}"])
    assert before != middle != store.clock()


def test_memory_keeps_at_most_the_set_number_of_pages(settings):
    settings.NEWSDESK_PAGE_CACHE_MEMORY_PAGES = 2
    articles = [ArticleFactory(contributors=[make_contributor(i)]) for i in range(1, 4)]
    for item in articles:
        call(item.get_absolute_url())
        call(item.get_absolute_url())
    assert len(store.memory._pages) == 2


def test_an_expired_page_is_not_served_from_memory(article):
    url = article.get_absolute_url()
    call(url)
    call(url)
    _drop_shared_copy(url)
    with time_machine.travel(time.time() + store.ttl() + 1, tick=False):
        assert call(url).cache == "MISS"


def test_a_page_about_to_expire_is_rendered_by_one_request_while_others_get_the_copy(article):
    url = article.get_absolute_url()
    call(url)
    call(url)
    soon = time.time() + store.ttl() - 2  # inside the last quarter of its life
    with time_machine.travel(soon, tick=False):
        first = call(url)
        second = call(url)
    assert first.cache == "MISS"  # rendered again, before the copy expired
    assert second.cache == "HIT"
    with time_machine.travel(soon + 1, tick=False):
        fresh = call(url)
    assert fresh.cache == "HIT"
    assert fresh.headers["age"] == "1"  # the copy rendered a second ago, in memory at once
