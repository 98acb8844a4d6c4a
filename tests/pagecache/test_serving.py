"""The page cache in front of Django: what it serves, with which headers, at what cost."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, make_contributor
from tests.pagecache.conftest import call

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(contributors=[make_contributor()])


def test_second_request_is_a_hit_with_the_same_bytes(article):
    first = call(article.get_absolute_url())
    second = call(article.get_absolute_url())
    assert (first.status, first.cache) == (200, "MISS")
    assert (second.status, second.cache) == (200, "HIT")
    assert second.body == first.body
    assert article.headline.encode() in second.body
    assert second.headers["content-type"] == "text/html; charset=utf-8"
    assert int(second.headers["age"]) >= 0


def test_a_hit_runs_no_query(article):
    call(article.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        reply = call(article.get_absolute_url())
    assert reply.cache == "HIT"
    assert len(queries) == 0


def test_cacheable_pages_carry_cdn_headers(article):
    for reply in (call(article.get_absolute_url()), call(article.get_absolute_url())):
        assert reply.headers["cache-control"] == (
            "public, max-age=0, s-maxage=60, stale-while-revalidate=30"
        )
        keys = reply.headers["surrogate-key"].split()
        assert {f"article:{article.pk}", f"comments:{article.pk}", "list:must-reads"} <= set(keys)
        assert reply.headers["etag"].startswith('"')


@pytest.mark.parametrize(
    "path, key",
    [
        ("/", "home"),
        ("/section/land/", "section:"),
        ("/feeds/rss/", "feeds"),
        ("/feeds/atom/", "feeds"),
        ("/sitemap.xml", "sitemaps"),
        ("/sitemap-news.xml", "sitemaps"),
    ],
)
def test_reader_pages_feeds_and_sitemaps_are_cached(article, path, key):
    assert call(path).cache == "MISS"
    reply = call(path)
    assert (reply.status, reply.cache) == (200, "HIT")
    assert key in reply.headers["surrogate-key"]


def test_contributor_and_tag_pages_are_cached(article):
    tag = article.tags.create(name="Drones", slug="drones")
    for path in (article.contributors.get().get_absolute_url(), tag.get_absolute_url()):
        call(path)
        assert call(path).cache == "HIT"


def test_if_none_match_gets_304_without_a_body(article):
    url = article.get_absolute_url()
    etag = call(url).headers["etag"]
    for header in (etag, f"W/{etag}", f'"other", {etag}'):
        reply = call(url, HTTP_IF_NONE_MATCH=header)
        assert (reply.status, reply.body) == (304, b"")
        assert reply.headers["etag"] == etag
        assert "content-length" not in reply.headers
    assert call(url, HTTP_IF_NONE_MATCH='"stale"').status == 200


def test_the_etag_changes_with_the_page(article, editor, django_capture_on_commit_callbacks):
    from newsdesk.newsroom.services import correction_add

    url = article.get_absolute_url()
    etag = call(url).headers["etag"]
    with django_capture_on_commit_callbacks(execute=True):
        correction_add(article=article, user=editor, text="The date was wrong.")
    reply = call(url, HTTP_IF_NONE_MATCH=etag)
    assert reply.status == 200
    assert reply.headers["etag"] != etag


def test_head_answers_the_headers_without_a_body_and_fills_the_cache(article):
    url = article.get_absolute_url()
    head = call(url, method="HEAD")
    assert (head.status, head.body, head.cache) == (200, b"", "MISS")
    get = call(url)
    assert get.cache == "HIT"
    assert head.headers["content-length"] == str(len(get.body))
    again = call(url, method="HEAD")
    assert (again.status, again.body, again.cache) == (200, b"", "HIT")


def test_the_key_is_host_path_and_query(article):
    url = article.get_absolute_url()
    call(url)
    assert call(url, query="corder=oldest").cache == "MISS"
    assert call(url, query="corder=oldest").cache == "HIT"
    assert call(url, host="localhost").cache == "MISS"
    assert call(url, HTTP_X_FORWARDED_HOST="elsewhere.example").cache == "HIT"


def test_a_host_not_allowed_gets_djangos_400_and_nothing_is_stored(article):
    reply = call(article.get_absolute_url(), host="evil.example")
    assert reply.status == 400
    assert reply.cache is None


def test_missing_pages_and_redirects_are_not_cached(article):
    for _ in range(2):
        missing = call("/section/no-such-section/")
        assert (missing.status, missing.cache) == (404, None)
    wrong_date = "/1999/01/01/" + article.slug + "/"
    for _ in range(2):
        moved = call(wrong_date)
        assert (moved.status, moved.cache) == (301, None)


@pytest.mark.parametrize("path", ["/admin/login/", "/healthz", "/robots.txt"])
def test_other_paths_pass_through(path):
    for _ in range(2):
        assert call(path).cache is None


def test_a_zero_ttl_turns_the_cache_off(article, settings):
    settings.NEWSDESK_PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        reply = call(article.get_absolute_url())
        assert (reply.status, reply.cache) == (200, None)


def test_the_ttl_is_never_above_60_seconds(article, settings):
    settings.NEWSDESK_PAGE_CACHE_SECONDS = 3600
    reply = call(article.get_absolute_url())
    assert "s-maxage=60," in reply.headers["cache-control"]


def test_a_page_expires_after_the_ttl(article, settings):
    settings.NEWSDESK_PAGE_CACHE_SECONDS = 1
    url = article.get_absolute_url()
    call(url)
    assert call(url).cache == "HIT"
    time.sleep(1.2)
    assert call(url).cache == "MISS"


def test_an_unavailable_cache_falls_back_to_rendering(article, monkeypatch):
    from newsdesk.pagecache import store

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(store, "get", down)
    reply = call(article.get_absolute_url())
    assert reply.status == 200
    assert article.headline.encode() in reply.body
