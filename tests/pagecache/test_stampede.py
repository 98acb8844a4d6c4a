"""Concurrent misses of one page in one process render it once (after a purge, say)."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from newsdesk.pagecache import keys, store
from tests.pagecache import urls
from tests.pagecache.conftest import call

pytestmark = pytest.mark.django_db

READERS = 8


@pytest.fixture(autouse=True)
def _test_pages(settings):
    settings.ROOT_URLCONF = "tests.pagecache.urls"
    urls.renders["count"] = 0


def at_once(path: str, **extra) -> list:
    with ThreadPoolExecutor(READERS) as pool:
        return list(pool.map(lambda _: call(path, **extra), range(READERS)))


def test_readers_missing_the_same_page_at_once_share_one_render():
    replies = at_once("/test-pages/slow/")
    assert urls.renders["count"] == 1
    assert all(r.status == 200 for r in replies)
    assert len({r.body for r in replies}) == 1
    assert sorted(r.cache for r in replies) == ["HIT"] * (READERS - 1) + ["MISS"]


def test_after_a_purge_the_next_readers_share_one_render_again():
    call("/test-pages/slow/")
    store.mark_purged(["test-page"])
    urls.renders["count"] = 0
    replies = at_once("/test-pages/slow/")
    assert urls.renders["count"] == 1
    assert [r.cache for r in replies].count("MISS") == 1
    assert keys.HEADER.lower() in replies[0].headers


def test_a_page_that_cannot_be_stored_is_rendered_for_each_reader():
    replies = at_once("/test-pages/slow-private/")
    assert urls.renders["count"] == READERS
    assert all(r.status == 200 and r.cache is None for r in replies)
