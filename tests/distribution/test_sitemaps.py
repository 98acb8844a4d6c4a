"""Sitemaps and robots.txt, parsed as XML in their namespaces."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
import time_machine
from django.urls import reverse

from newsdesk.newsroom.services import correction_add
from tests.distribution.conftest import SITE_URL

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def xml(client, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)  # noqa: S314 (the app's own output)


def path_of(url: str) -> str:
    """The path of a sitemap's absolute URL, which must be on SITE_URL."""
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == SITE_URL, url
    return parts.path + (f"?{parts.query}" if parts.query else "")


def locations(root: ElementTree.Element) -> list[str]:
    return [path_of(loc.text) for loc in root.findall("sm:url/sm:loc", NS)]


def lastmods(root: ElementTree.Element) -> dict[str, datetime]:
    return {
        path_of(url.findtext("sm:loc", namespaces=NS)): datetime.fromisoformat(
            url.findtext("sm:lastmod", namespaces=NS)
        )
        for url in root.findall("sm:url", NS)
    }


def test_the_index_names_every_sitemap_on_site_url(client, newsroom):
    root = xml(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    listed = [path_of(loc.text) for loc in root.findall("sm:sitemap/sm:loc", NS)]
    assert listed == [
        "/sitemap-articles.xml",
        "/sitemap-sections.xml",
        "/sitemap-contributors.xml",
        "/sitemap-tags.xml",
        "/sitemap-news.xml",
    ]
    for sitemap in root.findall("sm:sitemap", NS):
        assert datetime.fromisoformat(sitemap.findtext("sm:lastmod", namespaces=NS)).tzinfo
        assert xml(client, path_of(sitemap.findtext("sm:loc", namespaces=NS))) is not None


def test_the_article_sitemap_lists_exactly_the_live_articles(client, newsroom):
    root = xml(client, "/sitemap-articles.xml")
    expected = [a.get_absolute_url() for a in reversed(newsroom.live)]  # oldest first
    assert locations(root) == expected
    times = lastmods(root)
    for article in newsroom.live:
        assert times[article.get_absolute_url()] == article.publish_at.replace(microsecond=0)


def test_article_lastmod_is_the_last_correction(client, newsroom, editor):
    article = newsroom.live[3]
    correction = correction_add(article=article, user=editor, text="A date was wrong.")
    times = lastmods(xml(client, "/sitemap-articles.xml"))
    assert times[article.get_absolute_url()] == correction.created_at.replace(microsecond=0)
    index = xml(client, "/sitemap.xml")
    first = index.find("sm:sitemap", NS)
    newest = datetime.fromisoformat(first.findtext("sm:lastmod", namespaces=NS))
    assert newest == correction.created_at


def test_article_sitemaps_are_paginated_and_the_index_lists_each_page(client, newsroom, settings):
    settings.NEWSDESK_SITEMAP_PAGE_SIZE = 4
    index = xml(client, "/sitemap.xml")
    listed = [path_of(loc.text) for loc in index.findall("sm:sitemap/sm:loc", NS)]
    assert listed[:2] == ["/sitemap-articles.xml", "/sitemap-articles.xml?p=2"]
    first = locations(xml(client, "/sitemap-articles.xml"))
    second = locations(xml(client, "/sitemap-articles.xml?p=2"))
    assert len(first) == 4
    assert first + second == [a.get_absolute_url() for a in reversed(newsroom.live)]
    assert client.get("/sitemap-articles.xml?p=3").status_code == 404


def test_sections_contributors_and_tags_with_live_articles_are_listed(client, newsroom):
    from newsdesk.newsroom.models import Tag
    from tests.factories import SectionFactory, make_contributor

    SectionFactory(slug="empty", name="Empty")
    make_contributor(display_name="Nobody Yet", slug="nobody-yet")
    Tag.objects.create(name="Unused", slug="unused")
    assert set(locations(xml(client, "/sitemap-sections.xml"))) == {
        "/section/land/",
        "/section/air/",
    }
    assert set(locations(xml(client, "/sitemap-contributors.xml"))) == {
        "/contributor/ana-ortiz/",
        "/contributor/ben-cho/",
    }
    tags = lastmods(xml(client, "/sitemap-tags.xml"))
    # The drones tag is also on hidden articles: its lastmod comes from live ones only.
    assert tags == {"/tag/drones/": newsroom.live[0].publish_at.replace(microsecond=0)}


def test_the_news_sitemap_has_the_last_48_hours_with_publication_details(client, newsroom):
    root = xml(client, "/sitemap-news.xml")
    recent = newsroom.live[:3]  # 1, 21 and 41 hours old; the next is 61
    assert [a.slug for a in recent] == ["live-0", "live-1", "live-2"]
    assert locations(root) == [a.get_absolute_url() for a in recent]
    for url, article in zip(root.findall("sm:url", NS), recent, strict=True):
        news = url.find("news:news", NS)
        assert news.findtext("news:publication/news:name", namespaces=NS) == "Newsdesk Defense"
        assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
        assert news.findtext("news:title", namespaces=NS) == article.headline
        published = datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
        assert published == article.publish_at.replace(microsecond=0)


def test_an_article_leaves_the_news_sitemap_after_48_hours(client, newsroom):
    article = newsroom.live[2]  # 41 hours old
    with time_machine.travel(article.publish_at + timedelta(hours=48, seconds=1)):
        paths = locations(xml(client, "/sitemap-news.xml"))
    assert article.get_absolute_url() not in paths
    assert newsroom.live[0].get_absolute_url() in paths


def test_scheduled_articles_appear_in_sitemaps_at_their_time(client, newsroom):
    scheduled = next(a for a in newsroom.hidden if a.slug == "hidden-scheduled")
    assert scheduled.get_absolute_url() not in locations(xml(client, "/sitemap-articles.xml"))
    assert scheduled.get_absolute_url() not in locations(xml(client, "/sitemap-news.xml"))
    with time_machine.travel(scheduled.publish_at + timedelta(minutes=1)):
        assert scheduled.get_absolute_url() in locations(xml(client, "/sitemap-articles.xml"))
        assert locations(xml(client, "/sitemap-news.xml"))[0] == scheduled.get_absolute_url()


def test_bad_sitemap_addresses_are_404(client, newsroom):
    for url in (
        "/sitemap-nothing.xml",
        "/sitemap-articles.xml?p=0",
        "/sitemap-articles.xml?p=abc",
        "/sitemap-articles.xml?p=99999999999999999999999",
        "/sitemap-articles.xml?p=-1",
        "/sitemap-news.xml?p=2",
    ):
        assert client.get(url).status_code == 404, url


def test_robots_txt_names_the_sitemaps_and_keeps_the_newsroom_and_api_out(client, newsroom):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    rules: dict[str, list[str]] = {}
    for line in response.content.decode().splitlines():
        if ":" in line:
            field, value = line.split(":", 1)
            rules.setdefault(field.strip().lower(), []).append(value.strip())
    assert rules["user-agent"] == ["*"]
    assert {"/admin/", "/api/"} <= set(rules["disallow"])
    assert rules["sitemap"] == [SITE_URL + "/sitemap.xml", SITE_URL + "/sitemap-news.xml"]
    assert reverse("distribution:sitemap-index") == "/sitemap.xml"
    # Nothing a reader can reach is disallowed.
    for path in ["/", newsroom.newest.get_absolute_url(), "/section/land/", "/feeds/rss/"]:
        assert not any(path.startswith(rule) for rule in rules["disallow"]), path


def test_robots_rules_hold_for_a_standard_parser(client, newsroom):
    from urllib.robotparser import RobotFileParser

    parser = RobotFileParser()
    parser.parse(client.get("/robots.txt").content.decode().splitlines())
    assert not parser.can_fetch("Googlebot", SITE_URL + "/admin/")
    assert not parser.can_fetch("Googlebot", SITE_URL + "/api/v1/articles")
    assert parser.can_fetch("Googlebot", SITE_URL + newsroom.newest.get_absolute_url())
    assert parser.site_maps() == [SITE_URL + "/sitemap.xml", SITE_URL + "/sitemap-news.xml"]
