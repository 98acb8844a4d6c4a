"""The beacon's WSGI fast path: the same answers as the Django view, in front of Django."""

import io

import pytest
from django.db import OperationalError

from newsdesk.audience.models import ArticleStats
from newsdesk.audience.selectors import live_view_count
from newsdesk.audience.stores import StoreUnavailable
from newsdesk.newsroom.models import Article
from newsdesk.wsgi import application
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection(keep_test_connection):
    """Every test here calls the WSGI layers in front of Django (tests/conftest.py)."""


UA = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


def call(body: bytes, *, path="/audience/views/", method="POST", host="testserver", **extra):
    environ = {
        "PATH_INFO": path,
        "REQUEST_METHOD": method,
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "wsgi.input": io.BytesIO(body),
        "HTTP_HOST": host,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_USER_AGENT": UA,
        "wsgi.url_scheme": "http",
        "QUERY_STRING": "",
        "wsgi.errors": io.StringIO(),
        **extra,
    }
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"] = int(status.split()[0])
        seen["headers"] = dict(headers)

    content = b"".join(application(environ, start_response))
    return seen["status"], seen["headers"], content


def test_counts_a_view_and_answers_204():
    article = ArticleFactory()
    status, headers, content = call(f"article={article.pk}".encode())
    assert (status, content) == (204, b"")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert live_view_count(article.pk) == 1
    assert call(f"article={article.pk}".encode())[0] == 204
    assert live_view_count(article.pk) == 1  # same reader, same half hour


@pytest.mark.parametrize(
    "body", [b"", b"article=", b"article=x", b"article=1&article=2", b"a" * 2000, b"\xff\xfe"]
)
def test_malformed_bodies_get_400_with_a_message(body):
    status, headers, content = call(body)
    assert status == 400
    assert b"article" in content
    assert headers["Content-Type"].startswith("text/plain")


def test_unknown_article_gets_404():
    assert call(b"article=99999999")[0] == 404


def test_unpublished_articles_answer_404_and_count_nothing():
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    assert call(f"article={draft.pk}".encode())[0] == 404
    assert not ArticleStats.objects.filter(article=draft).exists()


def test_a_session_cookie_goes_to_django_which_knows_staff(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    status, _, _ = call(f"article={article.pk}".encode(), HTTP_COOKIE=cookie)
    assert status == 204
    assert live_view_count(article.pk) == 0  # staff: not counted


def test_a_host_not_allowed_gets_djangos_400():
    article = ArticleFactory()
    status, _, _ = call(f"article={article.pk}".encode(), host="evil.example")
    assert status == 400
    assert live_view_count(article.pk) == 0


def test_other_paths_and_methods_pass_through_to_django():
    assert call(b"", path="/healthz", method="GET")[0] == 204
    assert call(b"", method="GET")[0] == 405


@pytest.mark.parametrize(
    ("target", "error"),
    [
        ("newsdesk.audience.services.get_store", StoreUnavailable()),
        ("newsdesk.audience.services._article_state", OperationalError("connection closed")),
    ],
)
def test_a_store_or_database_that_cannot_answer_gets_503_not_500(monkeypatch, target, error):
    """Redis stopped, or the database restarting: the view is not acknowledged, politely."""

    def unavailable(*args, **kwargs):
        raise error

    monkeypatch.setattr(target, unavailable)
    article = ArticleFactory()
    status, headers, content = call(f"article={article.pk}".encode())
    assert status == 503
    assert b"paused" in content
    assert int(headers["Retry-After"]) > 0
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
