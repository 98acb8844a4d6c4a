"""The page cache keys a page on the query parameters pages read, nothing else.

A parameter no page reads (``/?x=<random>``) would otherwise make a new copy of the page per
value: a miss that renders, and a stored copy that pushes popular pages out.
"""

import secrets

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.http import QueryDict

from newsdesk.pagecache import query
from tests.factories import ArticleFactory, TagFactory, make_contributor
from tests.pagecache.conftest import call

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    item = ArticleFactory(contributors=[make_contributor()])
    item.tags.add(TagFactory(slug="drones", name="Drones"))
    return item


def test_a_parameter_no_page_reads_gets_the_stored_copy(article):
    url = article.get_absolute_url()
    first = call(url)
    assert first.cache == "MISS"
    for _ in range(5):
        again = call(url, query=f"x={secrets.token_hex(8)}&utm_source=feed")
        assert (again.cache, again.body) == ("HIT", first.body)
    assert call("/", query="x=1").cache == "MISS"  # another page: its own copy
    assert call("/", query="y=2").cache == "HIT"


def test_the_parameters_pages_read_still_make_their_own_copies(article):
    url = article.get_absolute_url()
    call(url)
    assert call(url, query="corder=oldest").cache == "MISS"
    assert call(url, query="corder=oldest&x=1").cache == "HIT"
    # Order, repeats and values that mean the default share one copy.
    assert call(url, query="cpage=1&corder=oldest").cache == "MISS"
    assert call(url, query="corder=newest&corder=oldest&cpage=01").cache == "HIT"
    assert call(url, query="corder=newest").cache == "HIT"  # the page without a query
    assert call(url, query="comment=held").cache == "MISS"
    assert b"waiting for a moderator" in call(url, query="comment=held&x=2").body


def test_values_with_no_page_behind_them_are_404s_and_never_stored(article):
    url = article.get_absolute_url()
    for _ in range(2):
        assert (call(url, query="cpage=99").status, call(url, query="cpage=99").cache) == (
            404,
            None,
        )
    assert call(url, query="cpage=abc").status == 404
    assert call("/section/" + article.section.slug + "/", query="page=999").status == 404


class RecordingQueryDict(QueryDict):
    """A request's GET that remembers every parameter the page asked for."""

    asked: set[str] = set()
    recording = False  # on once built: building it asks itself about every key

    def _ask(self, key):
        if self.recording:
            self.asked.add(key)

    def __getitem__(self, key):
        self._ask(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._ask(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self._ask(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self._ask(key)
        return super().__contains__(key)

    def __iter__(self):
        self._ask("*every parameter*")
        return super().__iter__()

    def items(self):
        self._ask("*every parameter*")
        return super().items()

    def lists(self):
        self._ask("*every parameter*")
        return super().lists()

    def urlencode(self, safe=None):
        self._ask("*every parameter*")
        return super().urlencode(safe)


def test_pages_read_no_parameter_the_cache_does_not_key_on(client, article, monkeypatch):
    """If a page starts reading a new parameter, pagecache.query must learn it."""
    RecordingQueryDict.asked = set()

    def recording_get(request):
        if not hasattr(request, "_recording_get"):
            request._recording_get = RecordingQueryDict(request.META.get("QUERY_STRING", ""))
            request._recording_get.recording = True
        return request._recording_get

    monkeypatch.setattr(WSGIRequest, "GET", property(recording_get))
    section = article.section.slug
    contributor = article.bylines.first().contributor.slug
    paths = [
        "/",
        article.get_absolute_url(),
        f"/section/{section}/",
        f"/contributor/{contributor}/",
        "/tag/drones/",
        "/feeds/rss/",
        "/feeds/atom/",
        f"/feeds/section/{section}/rss/",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/sitemap-articles.xml",
        "/robots.txt",
        "/no/such/page/",
    ]
    for path in paths:
        assert client.get(path, {"zz": "1"}).status_code in {200, 404}, path
    assert {"page", "cpage", "p"} <= RecordingQueryDict.asked  # the recording works
    assert RecordingQueryDict.asked <= set(query.PARAMETERS), RecordingQueryDict.asked
