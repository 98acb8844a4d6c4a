"""What machines read off every public page: a description, and times HTML accepts."""

from __future__ import annotations

import re

import pytest

from newsdesk.newsroom.models import Correction
from tests.conftest import parse

pytestmark = pytest.mark.django_db

# HTML's "valid global date and time string" as we write it: to the second, with an offset
# (HTML allows at most three digits of a fraction; we write none).
MACHINE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


def public_pages(room) -> dict[str, str]:
    article = room.live[0]
    Correction.objects.create(article=article, text="An earlier figure was wrong.")
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "section": room.land.get_absolute_url(),
        "contributor": room.writers[0].get_absolute_url(),
        "tag": room.drones.get_absolute_url(),
        "search": "/search/?q=fleet",
    }


def test_every_public_page_type_has_one_description(client, newsroom):
    for name, path in public_pages(newsroom).items():
        soup = parse(client.get(path))
        found = soup.select('meta[name="description"]')
        assert len(found) == 1, name
        assert len(found[0]["content"].strip()) > 20, name


def test_home_describes_the_site_with_its_tagline(client, newsroom, settings):
    tagline = parse(client.get("/")).select_one('meta[name="description"]')["content"]
    assert tagline == settings.SITE_TAGLINE


def test_a_section_without_a_description_gets_a_sentence(client, newsroom, settings):
    assert newsroom.land.description == ""
    soup = parse(client.get(newsroom.land.get_absolute_url()))
    content = soup.select_one('meta[name="description"]')["content"]
    assert content == f"The latest Land stories from {settings.SITE_NAME}."


def test_every_time_element_carries_a_valid_date_time(client, newsroom):
    seen = 0
    for name, path in public_pages(newsroom).items():
        for node in parse(client.get(path)).select("time[datetime]"):
            assert MACHINE_TIME.match(node["datetime"]), (name, node["datetime"])
            seen += 1
    assert seen >= 20  # teasers, the article's own dates, its correction


def test_sitemap_times_are_to_the_second(client, newsroom):
    for path in ["/sitemap-articles.xml", "/sitemap-news.xml"]:
        body = client.get(path).content.decode()
        times = re.findall(r"<(?:lastmod|news:publication_date)>([^<]+)<", body)
        assert times, path
        for value in times:
            assert MACHINE_TIME.match(value), (path, value)
