"""Two Newsdesk servers on one database (and, scaled out, one Redis) behave as one site.

Two granian servers on different ports share the suite's database: the same SQLite file and
data folder (one host), or one PostgreSQL and one Redis (the scale-out configuration). An
article published through one server's admin and a comment posted through one are shown by
the other within a second, though the other had the page cached; beacons sent to both add up
exactly.
"""

from __future__ import annotations

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.live import LiveServer, shown_views

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]

UA = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"

SETUP = """
import django; django.setup()
from django.contrib.auth.models import User
from newsdesk.newsroom.models import Article, Byline, Contributor, Section
User.objects.create_superuser("chief", "chief@example.org", "a long pass phrase 4 tests")
draft = Article.objects.create(headline="Scale-out draft goes live", slug="scale-out-draft",
    section=Section.objects.get(slug="live"), body="<p>Draft.</p>", status="draft")
Byline.objects.create(article=draft, contributor=Contributor.objects.get(slug="live-writer"))
print(draft.pk)
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def opener(jar=None):
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar or http.cookiejar.CookieJar()), NoRedirect
    )


def get(url: str) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers={"User-Agent": UA})
    with opener().open(request, timeout=10) as r:
        return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read().decode()


def post(client, url: str, data: dict, headers: dict | None = None) -> int:
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(data, doseq=True).encode(),
        headers={"User-Agent": UA, **(headers or {})},
    )
    try:
        with client.open(request, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as error:
        return error.code


def csrf_token(client, url: str) -> str:
    request = urllib.request.Request(url, headers={"User-Agent": UA})
    with client.open(request, timeout=10) as r:
        html = r.read().decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def until(predicate, seconds: float = 1.0) -> float:
    """Seconds until ``predicate()`` holds; fails past ``seconds``."""
    start = time.monotonic()
    while not predicate():
        assert time.monotonic() - start < seconds, "not visible within the time allowed"
        time.sleep(0.02)
    return time.monotonic() - start


@pytest.fixture(scope="module")
def pair(tmp_path_factory, django_db_blocker):
    with django_db_blocker.unblock():
        first = LiveServer(tmp_path_factory.mktemp("scale-out")).setup()
        out = first.python(SETUP).split()
        first.draft_id, first.started = int(out[-1]), first.comment_started_token()
        second = first.twin()
        first.start()
        second.start()
        yield first, second
        second.stop()
        first.close()


def test_an_article_published_through_one_is_shown_by_the_other(pair):
    first, second = pair
    section = second.url + "/section/live/"
    get(section)
    status, headers, html = get(section)
    assert headers.get("x-cache") == "HIT" and "Scale-out draft" not in html

    editor = opener()
    admin = first.url + "/admin/"
    token = csrf_token(editor, admin + "login/")
    login = {"username": "chief", "password": "a long pass phrase 4 tests"}
    login["csrfmiddlewaretoken"] = token
    assert post(editor, admin + "login/", login, {"Referer": admin + "login/"}) == 302
    changelist = admin + "newsroom/article/"
    action = {
        "action": "publish",
        "_selected_action": [str(first.draft_id)],
        "index": "0",
        "csrfmiddlewaretoken": csrf_token(editor, changelist),
    }
    assert post(editor, changelist, action, {"Referer": changelist}) == 302
    until(lambda: "Scale-out draft goes live" in get(section)[2])


def test_a_comment_posted_through_one_is_shown_by_the_other(pair):
    first, second = pair
    article = f"{second.url}/section/live/"
    html = get(article)[2]
    start = html.index("/live-story-0/")
    path = html[html.rindex('"', 0, start) + 1 : start + len("/live-story-0/")]
    get(second.url + path)
    assert get(second.url + path)[1].get("x-cache") == "HIT"
    text = "Seen from the other server, I hope."
    status = post(
        opener(),
        f"{first.url}/comments/{first.article_ids[0]}/",
        {"name": "Reader", "text": text, "started": first.started},
        {"Origin": first.url},
    )
    assert status == 303
    until(lambda: text in get(second.url + path)[2])


def test_beacons_sent_to_both_add_up_exactly(pair):
    first, second = pair
    article = first.article_ids[1]

    def send(n: int) -> int:
        server = first if n % 2 else second
        request = urllib.request.Request(
            f"{server.url}/audience/views/",
            data=f"article={article}".encode(),
            # The servers trust one proxy hop (tests/live.py): each reader its own address.
            headers={"User-Agent": UA, "X-Forwarded-For": f"198.51.{n >> 8}.{n & 255}"},
        )
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status

    with ThreadPoolExecutor(max_workers=16) as pool:
        codes = list(pool.map(send, range(400)))
    assert codes.count(204) == 400
    for server in pair:
        assert shown_views(server.url, article, at_least=400) == 400
