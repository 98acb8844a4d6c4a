"""Counting views: real readers once per half hour, never bots, staff or unpublished pages."""

from datetime import timedelta

import crawleruseragents
import pytest
import time_machine
from django.utils import timezone

from newsdesk.audience.models import ArticleStats
from newsdesk.audience.selectors import live_view_count
from newsdesk.newsroom.models import Article
from tests.factories import ArticleFactory, make_contributor

pytestmark = pytest.mark.django_db

BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/128.0.0.0 Whale/3.28.266.14 Safari/537.36",
]


def real_crawler_agents(n: int) -> list[str]:
    """One recorded user agent from each of the first n bots of the crawler-user-agents list."""
    agents = [
        e["instances"][0] for e in crawleruseragents.CRAWLER_USER_AGENTS_DATA if e["instances"]
    ]
    return agents[:n]


@pytest.fixture
def article():
    return ArticleFactory(contributors=[make_contributor(1)])


def beacon(client, article_id, *, ua=BROWSERS[0], ip="203.0.113.7"):
    return client.post(
        "/audience/views/", {"article": str(article_id)}, HTTP_USER_AGENT=ua, REMOTE_ADDR=ip
    )


def views(article) -> int:
    return live_view_count(article.pk) or 0


def test_a_browser_view_counts(client, article):
    assert beacon(client, article.pk).status_code == 204
    assert views(article) == 1


def test_distinct_readers_each_count(client, article):
    for i, ua in enumerate(BROWSERS):
        assert beacon(client, article.pk, ua=ua, ip=f"198.51.100.{i}").status_code == 204
    assert views(article) == len(BROWSERS)


def test_sixty_real_crawler_user_agents_add_nothing(client, article):
    agents = real_crawler_agents(60)
    assert len(agents) == 60
    for i, ua in enumerate(agents):
        assert beacon(client, article.pk, ua=ua, ip=f"192.0.2.{i}").status_code == 204
    assert views(article) == 0


def test_no_user_agent_adds_nothing(client, article):
    response = client.post("/audience/views/", {"article": str(article.pk)}, REMOTE_ADDR="1.2.3.4")
    assert response.status_code == 204
    assert views(article) == 0


def test_same_reader_twice_within_30_minutes_counts_once_and_after_twice(client, article):
    # Mid-morning, so the reader's daily key cannot roll over within the test.
    start = (timezone.now() + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    with time_machine.travel(start, tick=False):
        beacon(client, article.pk)
    with time_machine.travel(start + timedelta(minutes=29, seconds=59), tick=False):
        beacon(client, article.pk)
        assert views(article) == 1
    with time_machine.travel(start + timedelta(minutes=30, seconds=1), tick=False):
        beacon(client, article.pk)
        assert views(article) == 2


def test_staff_views_and_previews_add_nothing(client, article, editor):
    client.force_login(editor)
    assert beacon(client, article.pk).status_code == 204
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    assert beacon(client, draft.pk).status_code == 404  # as for anyone: not public
    client.logout()
    assert views(article) == 0
    assert not ArticleStats.objects.filter(article=draft).exists()


def test_unpublished_and_scheduled_articles_add_nothing_and_answer_404(client):
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    later = ArticleFactory(publish_at=timezone.now() + timedelta(hours=2))
    for item in (draft, later):
        assert beacon(client, item.pk).status_code == 404  # as for an id never used
    assert ArticleStats.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"article": ""},
        {"article": "abc"},
        {"article": "-3"},
        {"article": "1" * 40},
        {"article": "1.5"},
        {"article": "٣"},
        {"article": "1\x00"},
    ],
)
def test_malformed_reports_get_400_with_a_message(client, data):
    response = client.post("/audience/views/", data, HTTP_USER_AGENT=BROWSERS[0])
    assert response.status_code == 400
    assert b"article" in response.content


def test_unknown_article_gets_404(client):
    assert beacon(client, 987654).status_code == 404


def test_get_is_not_a_view(client, article):
    assert client.get("/audience/views/").status_code == 405
    assert views(article) == 0


def test_past_the_rate_limit_a_reader_gets_429(client, settings):
    settings.NEWSDESK_VIEW_RATE_PER_MINUTE = 5
    articles = [ArticleFactory() for _ in range(7)]
    at = timezone.now().replace(second=1)
    with time_machine.travel(at, tick=False):
        codes = [beacon(client, a.pk).status_code for a in articles]
    assert codes == [204] * 5 + [429] * 2
    with time_machine.travel(at, tick=False):
        response = beacon(client, articles[0].pk)
    assert int(response["Retry-After"]) > 0
    assert b"try again" in response.content


def test_reader_key_has_no_cookie_and_rotates_daily(client, article):
    from newsdesk.audience import readers
    from newsdesk.audience.models import DailySalt

    response = beacon(client, article.pk)
    assert not response.cookies
    today = timezone.now().date()
    a = readers.reader_key(ip="1.1.1.1", user_agent="x", day=today)
    assert a == readers.reader_key(ip="1.1.1.1", user_agent="x", day=today)
    b = readers.reader_key(ip="1.1.1.1", user_agent="x", day=today + timedelta(days=1))
    assert a != b
    assert list(DailySalt.objects.values_list("day", flat=True)) == [today + timedelta(days=1)]


def test_count_endpoint_formats_and_hides_unpublished(client, article):
    ArticleStats.objects.create(article=article, views=12345)
    data = client.get(f"/audience/views/{article.pk}/").json()
    assert data == {"views": 12345, "display": "12.3K"}
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    assert client.get(f"/audience/views/{draft.pk}/").status_code == 404


@pytest.mark.parametrize(
    "n,shown",
    [
        (0, "0"),
        (999, "999"),
        (1234, "1,234"),
        (9999, "9,999"),
        (12345, "12.3K"),
        (100_000, "100K"),
        (1_250_000, "1.2M"),
    ],
)
def test_compact_count(n, shown):
    from newsdesk.newsroom.templatetags.newsdesk import compact_count

    assert compact_count(n) == shown
