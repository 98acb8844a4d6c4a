"""Beacons from one address, from other sites, and for ids that are not public.

Each case runs through the Django view and through the WSGI fast path, which must answer alike.
"""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.audience.selectors import live_view_count
from newsdesk.newsroom.models import Article
from newsdesk.wsgi import application
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


@pytest.fixture(autouse=True)
def _keep_the_test_connection(keep_test_connection):
    """The fast path is called as a WSGI layer (tests/conftest.py)."""


def agent(n: int) -> str:
    return f"Mozilla/5.0 (X11; Linux x86_64; rv:{100 + n}.0) Gecko/20100101 Firefox/{100 + n}.0"


def through_django(client, article_id, *, ip, ua, **headers):
    response = client.post(
        "/audience/views/",
        {"article": str(article_id)},
        REMOTE_ADDR=ip,
        HTTP_USER_AGENT=ua,
        **headers,
    )
    return response.status_code, response.content, response.headers


def through_fast_path(client, article_id, *, ip, ua, **headers):
    body = f"article={article_id}".encode()
    environ = {
        "PATH_INFO": "/audience/views/",
        "REQUEST_METHOD": "POST",
        "QUERY_STRING": "",
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "wsgi.input": io.BytesIO(body),
        "HTTP_HOST": "testserver",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "REMOTE_ADDR": ip,
        "HTTP_USER_AGENT": ua,
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        **headers,
    }
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = int(status.split()[0]), dict(headers)

    content = b"".join(application(environ, start_response))
    return seen["status"], content, seen["headers"]


@pytest.fixture(params=["django", "fast path"])
def send(request, client):
    """Sends one beacon as a browser on this site's page would (Origin: the site)."""
    path = through_django if request.param == "django" else through_fast_path

    def send(article_id, *, ip="203.0.113.7", ua=None, n=0, **headers):
        headers.setdefault("HTTP_ORIGIN", SITE)
        headers = {k: v for k, v in headers.items() if v is not None}
        return path(client, article_id, ip=ip, ua=ua or agent(n), **headers)

    return send


def test_a_new_user_agent_for_each_beacon_adds_at_most_the_address_share(send, settings):
    settings.NEWSDESK_VIEW_READERS_PER_ADDRESS = 5
    article = ArticleFactory()
    codes = {send(article.pk, n=n)[0] for n in range(12)}
    assert codes == {204}  # the extra ones are told nothing
    assert live_view_count(article.pk) == 5
    # Another address is another household: its readers count.
    assert send(article.pk, ip="198.51.100.20")[0] == 204
    assert live_view_count(article.pk) == 6


def test_ipv6_addresses_of_one_subscriber_share_one_share(send, settings):
    settings.NEWSDESK_VIEW_READERS_PER_ADDRESS = 3
    article = ArticleFactory()
    for n in range(8):  # one /64, a new address and user agent each time
        send(article.pk, ip=f"2001:db8:1:2::{n + 1:x}", n=n)
    assert live_view_count(article.pk) == 3
    send(article.pk, ip="2001:db8:1:3::1")  # the next /64: someone else
    assert live_view_count(article.pk) == 4


def test_past_the_address_rate_every_user_agent_gets_429(send, settings):
    settings.NEWSDESK_VIEW_RATE_PER_ADDRESS_PER_MINUTE = 4
    articles = [ArticleFactory() for _ in range(6)]
    answers = [send(a.pk, n=n) for n, a in enumerate(articles)]
    statuses = [status for status, _, _ in answers]
    assert statuses[:4] == [204] * 4
    assert 429 in statuses[4:]  # a minute boundary may fall in between, not twice
    status, content, headers = next(a for a in answers if a[0] == 429)
    assert int(headers["Retry-After"]) > 0
    assert b"try again" in content
    # A neighbour on another address is not held up.
    assert send(articles[0].pk, ip="198.51.100.30")[0] == 204


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_ORIGIN": None, "HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": None, "HTTP_SEC_FETCH_SITE": "same-site"},
    ],
)
def test_a_beacon_from_another_site_is_refused_and_counts_nothing(send, headers):
    article = ArticleFactory()
    status, content, _ = send(article.pk, **headers)
    assert status == 403
    assert b"this site" in content
    assert live_view_count(article.pk) == 0


@pytest.mark.parametrize(
    "headers",
    [
        {},  # what fetch and sendBeacon send from our own page
        {"HTTP_ORIGIN": None, "HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": None},  # not a current browser: no other site's page can send it
    ],
)
def test_a_beacon_from_this_site_counts(send, headers):
    article = ArticleFactory()
    assert send(article.pk, **headers)[0] == 204
    assert live_view_count(article.pk) == 1


def test_unknown_and_unpublished_ids_get_the_same_answer(send):
    now = timezone.now()
    hidden = [
        ArticleFactory(status=Article.Status.DRAFT, publish_at=None),
        ArticleFactory(status=Article.Status.IN_REVIEW, publish_at=None),
        ArticleFactory(publish_at=now + timedelta(hours=2)),  # scheduled
        ArticleFactory(status=Article.Status.UNPUBLISHED),
    ]
    unknown = send(987654321)
    assert unknown[0] == 404
    for article in hidden:
        status, content, _ = send(article.pk)
        assert (status, content) == (unknown[0], unknown[1]), article.status
