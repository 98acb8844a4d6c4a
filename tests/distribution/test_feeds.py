"""RSS and Atom feeds, checked as feedparser reads them."""

from __future__ import annotations

import calendar
from datetime import timedelta

import feedparser
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.urls import reverse

from newsdesk.images.markup import largest_jpeg
from newsdesk.newsroom.services import correction_add
from tests.conftest import parse
from tests.distribution.conftest import SITE_URL, fill
from tests.factories import make_image

pytestmark = pytest.mark.django_db

KINDS = ("rss", "atom")


def read(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    return response, feed


def feed_urls(room) -> dict[str, tuple[str, list]]:
    """Each feed's address, with the live articles it must list, newest first."""
    live = room.live
    urls = {}
    for kind in KINDS:
        urls[reverse(f"distribution:{kind}")] = live
        urls[reverse(f"distribution:section-{kind}", args=["land"])] = [
            a for a in live if a.section_id == room.land.pk
        ]
        urls[reverse(f"distribution:contributor-{kind}", args=["ben-cho"])] = [
            a for a in live if room.writers[1] in a.contributors.all()
        ]
        urls[reverse(f"distribution:tag-{kind}", args=["drones"])] = [
            a for a in live if room.drones in a.tags.all()
        ]
    return urls


def test_every_feed_parses_and_lists_exactly_its_live_articles(client, newsroom):
    for url, expected in feed_urls(newsroom).items():
        response, feed = read(client, url)
        expected_links = [SITE_URL + a.get_absolute_url() for a in expected]
        assert [e.link for e in feed.entries] == expected_links, url
        assert expected_links, url
        wanted = "rss20" if "/rss/" in url else "atom10"
        assert feed.version == wanted
        assert response["Content-Type"].startswith(
            "application/rss+xml" if wanted == "rss20" else "application/atom+xml"
        )


def test_hidden_articles_are_in_no_feed(client, newsroom):
    hidden = {SITE_URL + a.get_absolute_url() for a in newsroom.hidden}
    for url in feed_urls(newsroom):
        _, feed = read(client, url)
        assert not hidden & {e.link for e in feed.entries}


@pytest.mark.parametrize("kind", KINDS)
def test_feed_metadata_uses_site_url_and_names_the_channel(client, newsroom, kind):
    _, feed = read(client, reverse(f"distribution:section-{kind}", args=["land"]))
    assert feed.feed.title == "Newsdesk Defense: Land"
    assert feed.feed.link == SITE_URL + "/section/land/"
    assert feed.feed.language == "en"
    selves = [link.href for link in feed.feed.links if link.rel == "self"]
    assert selves == [SITE_URL + reverse(f"distribution:section-{kind}", args=["land"])]


@pytest.mark.parametrize("kind", KINDS)
def test_items_carry_authors_categories_dates_and_the_lead_image(client, newsroom, kind):
    _, feed = read(client, reverse(f"distribution:{kind}"))
    entry = feed.entries[0]
    article = newsroom.newest
    assert entry.title == article.headline
    assert entry.summary == article.summary
    assert [a.name for a in entry.authors] == ["Ana Ortiz", "Ben Cho"]
    if kind == "atom":
        assert [a.href for a in entry.authors] == [
            SITE_URL + "/contributor/ana-ortiz/",
            SITE_URL + "/contributor/ben-cho/",
        ]
    assert {t.term for t in entry.tags} == {"Land", "Drones"}
    assert calendar.timegm(entry.published_parsed) == int(article.publish_at.timestamp())
    assert calendar.timegm(entry.updated_parsed) == int(article.publish_at.timestamp())
    enclosures = entry.enclosures
    assert len(enclosures) == 1
    # The widest JPEG rendition (never the original upload), with its real length.
    rendition = largest_jpeg(article.lead_image)
    assert enclosures[0].href == SITE_URL + rendition.url
    assert rendition.name.startswith("images/renditions/") and rendition.width == 1600
    assert enclosures[0].type == "image/jpeg"
    assert int(enclosures[0].length) == default_storage.size(rendition.name) > 0
    # An article without a lead image has no enclosure.
    assert feed.entries[1].get("enclosures", []) == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_correction_updates_the_items_updated_date(client, newsroom, editor, kind):
    article = newsroom.live[2]
    correction = correction_add(article=article, user=editor, text="The base was misnamed.")
    _, feed = read(client, reverse(f"distribution:{kind}"))
    entry = next(e for e in feed.entries if e.link.endswith(article.get_absolute_url()))
    assert calendar.timegm(entry.updated_parsed) == int(correction.created_at.timestamp())
    assert calendar.timegm(entry.published_parsed) == int(article.publish_at.timestamp())
    # The feed as a whole is as new as its newest change.
    assert calendar.timegm(feed.feed.updated_parsed) >= int(correction.created_at.timestamp())


def test_feeds_hold_the_latest_50_items(client, newsroom):
    fill(60, section=newsroom.land, contributor=newsroom.writers[0], tag=newsroom.drones)
    _, feed = read(client, reverse("distribution:rss"))
    assert len(feed.entries) == 50
    times = [calendar.timegm(e.published_parsed) for e in feed.entries]
    assert times == sorted(times, reverse=True)


@pytest.mark.parametrize("kind", KINDS)
def test_full_text_setting_adds_the_body_with_absolute_links(client, newsroom, settings, kind):
    article = newsroom.newest
    picture = make_image(size=(800, 500), alt_text="x")
    jpeg = largest_jpeg(picture)
    article.body = (
        '<p>See <a href="/section/land/">Land</a>.</p>'
        f'<figure><img src="{jpeg.url}" alt="x" data-file="{picture.pk}"></figure>'
        '<p><img src="https://elsewhere.example/hotlinked.jpg" alt="theirs"></p>'
    )
    article.save()
    _, feed = read(client, reverse(f"distribution:{kind}"))
    assert "content" not in feed.entries[0]

    settings.NEWSDESK_FEED_FULL_TEXT = True
    _, feed = read(client, reverse(f"distribution:{kind}"))
    entry = feed.entries[0]
    assert entry.summary == article.summary
    body = BeautifulSoup(entry.content[0].value, "html5lib")
    assert body.find("a")["href"] == SITE_URL + "/section/land/"
    # The library's picture as its widest JPEG, absolute; another site's never.
    assert [img["src"] for img in body.find_all("img")] == [SITE_URL + jpeg.url]


def test_an_article_without_summary_is_described_by_its_opening_words(client, newsroom):
    article = newsroom.newest
    article.summary = ""
    article.body = "<p>" + " ".join(f"word{i}" for i in range(100)) + "</p>"
    article.save()
    _, feed = read(client, reverse("distribution:atom"))
    summary = feed.entries[0].summary
    assert summary.startswith("word0 word1")
    assert len(summary.split()) == 40


def test_a_scheduled_article_enters_the_feed_at_its_time(client, newsroom):
    scheduled = next(a for a in newsroom.hidden if a.slug == "hidden-scheduled")
    link = SITE_URL + scheduled.get_absolute_url()
    _, feed = read(client, reverse("distribution:rss"))
    assert link not in {e.link for e in feed.entries}
    with time_machine.travel(scheduled.publish_at + timedelta(seconds=1)):
        _, feed = read(client, reverse("distribution:rss"))
    assert feed.entries[0].link == link


def test_each_listing_page_advertises_its_feeds(client, newsroom):
    pages = {
        "/": ("distribution:rss", "distribution:atom", None),
        "/section/land/": ("distribution:section-rss", "distribution:section-atom", "land"),
        "/contributor/ana-ortiz/": (
            "distribution:contributor-rss",
            "distribution:contributor-atom",
            "ana-ortiz",
        ),
        "/tag/drones/": ("distribution:tag-rss", "distribution:tag-atom", "drones"),
    }
    for path, (rss, atom, slug) in pages.items():
        soup = parse(client.get(path))
        args = [slug] if slug else []
        alternates = {
            (link["type"], link["href"]) for link in soup.find_all("link", rel="alternate")
        }
        assert ("application/rss+xml", reverse(rss, args=args)) in alternates, path
        assert ("application/atom+xml", reverse(atom, args=args)) in alternates, path
        for _type, href in alternates:
            assert client.get(href).status_code == 200


def test_unknown_slugs_are_404(client, newsroom):
    for kind in ("section", "contributor", "tag"):
        for feed in KINDS:
            url = reverse(f"distribution:{kind}-{feed}", args=["no-such-thing"])
            assert client.get(url).status_code == 404
