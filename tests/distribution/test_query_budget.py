"""Each feed, sitemap and API endpoint has a fixed query budget, the same for 5 and 50 articles."""

from __future__ import annotations

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.newsroom.models import Article, Tag
from tests.distribution.conftest import fill
from tests.factories import SectionFactory, make_contributor, make_image

pytestmark = pytest.mark.django_db

# Endpoint -> most queries it may make. Feeds: articles, bylines, tags (+ the section,
# contributor or tag itself). Sitemaps: count and page (the index: latest change and count of
# each, and the news sitemap's). API lists of articles: rows, bylines, tags (+ the filter's
# object); one article: row, bylines, tags, corrections.
BUDGET = {
    "/feeds/rss/": 3,
    "/feeds/atom/": 3,
    "/feeds/section/land/rss/": 4,
    "/feeds/contributor/writer-one/atom/": 4,
    "/feeds/tag/drones/rss/": 4,
    "/sitemap.xml": 9,
    "/sitemap-articles.xml": 2,
    "/sitemap-sections.xml": 2,
    "/sitemap-contributors.xml": 2,
    "/sitemap-tags.xml": 2,
    "/sitemap-news.xml": 2,
    "/robots.txt": 0,
    "/api/v1/articles": 3,
    "/api/v1/articles?section=land&limit=100": 4,
    "/api/v1/articles?tag=drones&contributor=writer-one": 5,
    "/api/v1/articles/filler-0": 4,
    "/api/v1/sections": 1,
    "/api/v1/sections/land": 1,
    "/api/v1/contributors": 1,
    "/api/v1/contributors/writer-one": 1,
}
# The four lists are the audience selectors' (the API only serializes them): a query or two
# each; Must-Reads reads Popular Now first, then the pins and the week's ranking.
LISTS = {
    "/api/v1/lists/just-in": 1,
    "/api/v1/lists/latest-stories": 1,
    "/api/v1/lists/latest-stories?section=land": 2,
    "/api/v1/lists/popular-now": 3,
    "/api/v1/lists/must-reads": 6,
}


@pytest.fixture
def desk():
    section = SectionFactory(slug="land", name="Land")
    writer = make_contributor(display_name="Writer One", slug="writer-one")
    tag = Tag.objects.create(name="Drones", slug="drones")
    return section, writer, tag


def grow(desk, count: int, *, images: bool) -> None:
    section, writer, tag = desk
    made = fill(count, section=section, contributor=writer, tag=tag)
    if images:
        image = make_image(size=(1300, 700), alt_text="x")
        Article.objects.filter(pk__in=[a.pk for a in made]).update(lead_image=image)


def counts(client, urls) -> dict[str, int]:
    used = {}
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        used[url] = len(ctx.captured_queries)
    return used


def assert_flat(client, desk, urls: dict[str, int], *, images: bool, same: bool = True) -> None:
    # The clock stands still: the week's ranking behind Must-Reads is kept per minute of the
    # clock, and a minute turning between the two counts would add its query to one of them.
    with time_machine.travel(timezone.now(), tick=False):
        grow(desk, 5, images=images)
        small = counts(client, urls)
        grow(desk, 45, images=images)
        assert Article.objects.live().count() == 50
        large = counts(client, urls)
    if same:
        assert small == large
    else:
        assert all(large[url] <= small[url] for url in urls), (small, large)
    for url, used in (small | large).items():
        assert used <= urls[url], (url, used)


def test_feeds_sitemaps_and_api_are_flat_from_5_to_50_articles(client, desk):
    assert_flat(client, desk, BUDGET, images=True)


def test_list_endpoints_do_not_grow_from_5_to_50_articles(client, desk):
    # Not "the same": with fewer articles than a list holds, the selectors fall back to a
    # scan of the week, which can cost a query more than the index path taken at 50.
    assert_flat(client, desk, LISTS, images=False, same=False)


def test_list_endpoints_do_not_grow_with_lead_images(client, desk):
    assert_flat(client, desk, LISTS, images=True, same=False)
