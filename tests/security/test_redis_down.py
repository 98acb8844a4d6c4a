"""With Redis gone, the site still serves: pages render, live figures degrade, nothing 500s.

The server runs with REDIS_URL pointing at a closed port, as when Redis has stopped: every
connection is refused at once. Its database follows the suite's configuration.
"""

import http.cookiejar
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.conf import settings

from tests.live import LiveServer

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]

DEAD_REDIS = "redis://127.0.0.1:1/0"
UA = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


@pytest.fixture(scope="module")
def server(tmp_path_factory, django_db_blocker):
    with django_db_blocker.unblock():
        live = LiveServer(tmp_path_factory.mktemp("redis-down"))
        # Set up (migrate, seed) as the site was before Redis stopped; then serve without it.
        live.env["REDIS_URL"] = settings.REDIS_URL or ""
        live.setup()
        live.env["REDIS_URL"] = DEAD_REDIS
        try:
            live.start()
        except RuntimeError:
            pass  # start() wants a 200 from "/": the tests below say what failed instead
        live.log = live.tmp / "server.log"
        yield live
        live.close()


def call(server, path, data=None, headers=None):
    status, _headers, body = call_with_headers(server, path, data, headers)
    return status, body


def call_with_headers(server, path, data=None, headers=None):
    request = urllib.request.Request(
        server.url + path, data=data, headers={"User-Agent": UA, **(headers or {})}
    )
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect
    )
    try:
        with opener.open(request, timeout=30) as r:
            return r.status, r.headers, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def article_path(server) -> str:
    status, html = call(server, "/section/live/")
    assert status == 200
    start = html.index("/live-story-0/")
    return html[html.rindex('"', 0, start) + 1 : start + len("/live-story-0/")]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/section/live/",
        "/contributor/live-writer/",
        "/search/?q=live",
        "/feeds/rss/",
        "/sitemap.xml",
        "/api/v1/articles",
        "/admin/login/",
    ],
)
def test_pages_render(server, path):
    status, body = call(server, path)
    assert status == 200, body[:500]


def test_the_article_page_renders_with_its_view_count(server):
    status, body = call(server, article_path(server))
    assert status == 200, body[:500]
    assert "data-view-count" in body


def test_the_live_count_answers_200_with_the_sql_figure(server):
    status, body = call(server, f"/audience/views/{server.article_ids[0]}/")
    assert status == 200, body[:500]
    assert json.loads(body)["views"] == 0  # the seeded article has no stored views


def test_a_view_beacon_is_refused_with_503_and_retry_after(server):
    data = f"article={server.article_ids[0]}".encode()
    status, headers, body = call_with_headers(server, "/audience/views/", data=data)
    assert status == 503, body[:500]
    assert headers["Retry-After"] == "30"
    assert "View counting is paused for a moment; the view was not counted." in body


STORED_COMMENTS = """
import django; django.setup()
from newsdesk.comments.models import Comment
print(Comment.objects.filter(text={text!r}, article_id={article_id}).count())
"""


def test_a_comment_is_accepted_and_stored(server):
    text = "Redis is down and my comment still lands."
    started = server.comment_started_token()
    data = urllib.parse.urlencode({"name": "Reader", "text": text, "started": started}).encode()
    status, headers, body = call_with_headers(
        server,
        f"/comments/{server.article_ids[0]}/",
        data=data,
        headers={"Origin": server.url, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 303, body[:500]
    stored = server.python(STORED_COMMENTS.format(text=text, article_id=server.article_ids[0]))
    assert stored == "1"
