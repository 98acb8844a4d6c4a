"""Every distribution endpoint answers bad input with a 4xx, never a 500."""

from __future__ import annotations

import base64

import pytest
from django.core import signing

from newsdesk.distribution.api import cursors

pytestmark = pytest.mark.django_db


def status(client, url: str, method: str = "get") -> int:
    return getattr(client, method)(url).status_code


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles?cursor=nonsense",
        "/api/v1/articles?cursor=" + base64.urlsafe_b64encode(b'["2024-01-01", 1]').decode(),
        "/api/v1/articles?cursor=" + "A" * 5000,
        "/api/v1/articles?cursor=%00",
        "/api/v1/contributors?cursor=%E2%82%AC",
    ],
)
def test_bad_cursors_are_400(client, newsroom, url):
    response = client.get(url)
    assert response.status_code in (400, 422), url
    assert response.json()["detail"]


def test_a_tampered_or_foreign_cursor_is_400(client, newsroom):
    page = client.get("/api/v1/articles?limit=1").json()
    token = page["next_cursor"]
    assert client.get(f"/api/v1/articles?cursor={token}").status_code == 200
    assert client.get(f"/api/v1/articles?cursor={token[:-2]}xx").status_code == 400
    # A genuine contributors' cursor is not an articles' cursor.
    foreign = cursors.encode("contributors", ["Ana Ortiz", 1])
    assert client.get(f"/api/v1/articles?cursor={foreign}").status_code == 400
    # Signed with our key and salt but of the wrong shape.
    odd = signing.dumps({"a": 1}, salt=f"{cursors.SALT}:articles")
    assert client.get(f"/api/v1/articles?cursor={odd}").status_code == 400
    three = cursors.encode("articles", ["2024-01-01T00:00:00+00:00", 1, 2])
    assert client.get(f"/api/v1/articles?cursor={three}").status_code == 400


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=-1",
        "limit=101",
        "limit=1000000",
        "limit=" + "9" * 40,
        "limit=abc",
        "limit=",
    ],
)
def test_limits_out_of_range_are_422(client, newsroom, query):
    for endpoint in ("/api/v1/articles", "/api/v1/contributors"):
        assert status(client, f"{endpoint}?{query}") == 422, (endpoint, query)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles/no-such-story",
        "/api/v1/articles/hidden-draft",
        "/api/v1/articles/hidden-scheduled",
        "/api/v1/sections/nowhere",
        "/api/v1/contributors/nobody",
        "/api/v1/articles?section=nowhere",
        "/api/v1/articles?contributor=nobody",
        "/api/v1/articles?tag=none",
        "/api/v1/lists/latest-stories?section=nowhere",
    ],
)
def test_unknown_and_hidden_things_are_404(client, newsroom, url):
    assert status(client, url) == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles/a%00b",
        "/api/v1/articles/" + "a" * 500,
        "/api/v1/articles/%E2%82%AC",
        "/api/v1/articles?section=a%00b",
        "/api/v1/articles?tag=" + "t" * 500,
        "/api/v1/lists/latest-stories?section=%27;--",
    ],
)
def test_malformed_slugs_are_4xx(client, newsroom, url):
    assert 400 <= status(client, url) < 500


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/section/no-such/rss/",
        "/feeds/contributor/no-such/atom/",
        "/feeds/tag/no-such/rss/",
        "/feeds/section/a%00b/rss/",
        "/feeds/section/%E2%82%AC/rss/",
        "/sitemap-%00.xml",
        "/sitemap-articles.xml?p=1.5",
        "/sitemap-articles.xml?p=%00",
        "/sitemap-news.xml?p=0",
        "/sitemap-sections.xml?p=2",
    ],
)
def test_bad_feed_and_sitemap_addresses_are_404(client, newsroom, url):
    assert status(client, url) == 404


@pytest.mark.parametrize(
    "url", ["/api/v1/articles", "/sitemap.xml", "/sitemap-articles.xml", "/robots.txt"]
)
def test_writes_are_refused(client, newsroom, url):
    assert status(client, url, "post") == 405
    assert status(client, url, "delete") == 405
