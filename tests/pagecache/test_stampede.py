"""Concurrent misses of one page in one process render it once (after a purge, say)."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from newsdesk.pagecache import store, wsgi
from tests.pagecache import urls
from tests.pagecache.conftest import call

pytestmark = pytest.mark.django_db

READERS = 8
SLOW = "/test-pages/slow/"
SLOW_PRIVATE = "/test-pages/slow-private/"


@pytest.fixture(autouse=True)
def _test_pages(settings):
    settings.ROOT_URLCONF = "tests.pagecache.urls"
    urls.renders["count"] = 0
    wsgi.renders.clear()
    yield
    assert wsgi.renders.idle()  # every render that led was ended
    wsgi.renders.clear()


def at_once(path: str, **extra) -> list:
    with ThreadPoolExecutor(READERS) as pool:
        return list(pool.map(lambda _: call(path, **extra), range(READERS)))


def test_readers_missing_the_same_page_at_once_share_one_render():
    replies = at_once(SLOW)
    assert urls.renders["count"] == 1
    assert all(r.status == 200 for r in replies)
    assert len({r.body for r in replies}) == 1
    assert sorted(r.cache for r in replies) == ["HIT"] * (READERS - 1) + ["MISS"]


def test_after_a_purge_the_next_readers_share_one_render_again():
    first = call(SLOW)
    store.mark_purged(["test-page"])
    urls.renders["count"] = 0
    replies = at_once(SLOW)
    assert urls.renders["count"] == 1
    assert [r.cache for r in replies].count("MISS") == 1
    assert {r.body for r in replies} == {first.body}


def test_a_purge_during_the_render_makes_one_waiting_reader_render_it_again():
    replies = at_once("/test-pages/slow-purged-once/")
    # The first copy was stale when stored: nobody may be served it. One of the waiting
    # readers renders the page again and the rest take that copy.
    assert urls.renders["count"] == 2
    assert [r.cache for r in replies].count("MISS") == 2
    assert all(r.status == 200 for r in replies)


def test_readers_who_waited_too_long_render_the_page_themselves(monkeypatch):
    monkeypatch.setattr(wsgi, "WAIT_SECONDS", 0.05)
    replies = at_once(SLOW)
    assert urls.renders["count"] == READERS
    assert all(r.status == 200 for r in replies)


def test_a_page_that_cannot_be_stored_is_rendered_for_each_reader_who_then_stop_waiting():
    replies = at_once(SLOW_PRIVATE)
    assert urls.renders["count"] == READERS
    assert all(r.status == 200 and r.cache is None for r in replies)
    # Its address is now passed through: the next misses render without waiting for another.
    assert wsgi.renders.begin(f"http://testserver{SLOW_PRIVATE}?") is wsgi.PASS
    assert wsgi.renders.begin(f"http://testserver{SLOW}?") is None  # others still coordinate
    wsgi.renders.end(f"http://testserver{SLOW}?", stored=True)


def test_a_failing_render_ends_its_turn(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("render failed")

    monkeypatch.setattr(wsgi.PageCache, "_render_page", broken)
    with pytest.raises(RuntimeError):
        call(SLOW)
    assert wsgi.renders.idle()
    assert wsgi.renders.begin(f"http://testserver{SLOW}?") is wsgi.PASS
