"""A scheduled story is on cached pages at its time: stored copies end their life then."""

from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from newsdesk.newsroom import services
from newsdesk.newsroom.models import Article
from tests.factories import ArticleFactory, make_contributor
from tests.pagecache.conftest import call

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer():
    return make_contributor()


def schedule(writer, editor, at) -> Article:
    """The story "Scheduled frigate launch", scheduled by an editor for ``at``."""
    story = ArticleFactory(
        headline="Scheduled frigate launch",
        status=Article.Status.DRAFT,
        publish_at=None,
        contributors=[writer],
    )
    return services.article_publish(article=story, user=editor, publish_at=at)


def test_a_page_cached_before_a_scheduled_time_expires_at_that_time(writer, editor, settings):
    settings.NEWSDESK_PAGE_CACHE_SECONDS = 60
    ArticleFactory(contributors=[writer])
    start = timezone.now().replace(microsecond=0)
    at = start + timedelta(seconds=20)
    schedule(writer, editor, at)
    with time_machine.travel(start + timedelta(seconds=1), tick=False):
        first = call("/")
        assert first.cache == "MISS"
        assert b"Scheduled frigate launch" not in first.body
        # The copy says so to a CDN too: it is as old as 60 s minus the time left.
        assert first.headers["age"] == str(60 - 19)
    # Served from the copy until the last seconds of its life (then refreshed ahead of time).
    with time_machine.travel(at - timedelta(seconds=6), tick=False):
        assert call("/").cache == "HIT"
    with time_machine.travel(at + timedelta(seconds=1), tick=False):
        after = call("/")
        assert after.cache == "MISS"
        assert b"Scheduled frigate launch" in after.body


def test_without_anything_scheduled_a_page_keeps_its_whole_ttl(writer, settings):
    settings.NEWSDESK_PAGE_CACHE_SECONDS = 60
    ArticleFactory(contributors=[writer])
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert call("/").headers["age"] == "0"
    with time_machine.travel(start + timedelta(seconds=50), tick=False):
        assert call("/").cache == "HIT"


def just_in(body: bytes) -> list[str]:
    soup = BeautifulSoup(body.decode(), "html5lib")
    section = soup.select_one('section[aria-labelledby="list-just-in"]')
    return [a.get_text() for a in section.select("li a")]


def test_kept_lists_are_read_again_once_a_scheduled_story_is_due(writer, editor, settings):
    settings.NEWSDESK_PAGE_CACHE_SECONDS = 60
    settings.NEWSDESK_LIST_CACHE_SECONDS = 15  # the most they are kept: a quarter of the TTL
    other = ArticleFactory(contributors=[writer])
    start = timezone.now().replace(microsecond=0)
    at = start + timedelta(seconds=10)
    schedule(writer, editor, at)
    with time_machine.travel(start + timedelta(seconds=1), tick=False):
        assert "Scheduled frigate launch" not in just_in(call("/").body)
    # Eleven seconds on the lists kept at start + 1 would still be young enough to show.
    with time_machine.travel(at + timedelta(seconds=2), tick=False):
        # Another page, never cached: only the kept lists could hold the story back.
        assert just_in(call(other.get_absolute_url()).body)[0] == "Scheduled frigate launch"


def must_reads(body: bytes) -> list[str]:
    soup = BeautifulSoup(body.decode(), "html5lib")
    section = soup.select_one('section[aria-labelledby="list-must-reads"]')
    return [a.get_text() for a in section.select("li a")]


def test_an_expired_must_read_pin_leaves_cached_pages_and_kept_lists_at_its_time(writer, settings):
    from newsdesk.audience.models import MustRead

    settings.NEWSDESK_PAGE_CACHE_SECONDS = 60
    settings.NEWSDESK_LIST_CACHE_SECONDS = 15
    ArticleFactory(contributors=[writer])
    # Ten days old: outside the week the Must-Reads fill looks at, so only the pin shows it.
    old = ArticleFactory(
        headline="Why the radar upgrade matters",
        publish_at=timezone.now() - timedelta(days=10),
        contributors=[writer],
    )
    start = timezone.now().replace(microsecond=0)
    at = start + timedelta(seconds=20)
    MustRead.objects.create(article=old, position=1, expires_at=at)
    with time_machine.travel(start + timedelta(seconds=1), tick=False):
        first = call("/")
        assert first.cache == "MISS"
        assert must_reads(first.body)[0] == "Why the radar upgrade matters"
        assert first.headers["age"] == str(60 - 19)  # the copy ends when the pin does
    with time_machine.travel(at - timedelta(seconds=6), tick=False):
        assert call("/").cache == "HIT"
    with time_machine.travel(at + timedelta(seconds=1), tick=False):
        after = call("/")
        assert after.cache == "MISS"
        assert "Why the radar upgrade matters" not in must_reads(after.body)
