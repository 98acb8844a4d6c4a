import time

import pytest
from django.core import signing

from newsdesk.comments.forms import STARTED_SALT
from tests.factories import ArticleFactory, make_contributor


def started(seconds_ago: int = 30) -> str:
    """The form's signed drawing time, as if the reader took ``seconds_ago`` to write."""
    return signing.dumps(int(time.time()) - seconds_ago, salt=STARTED_SALT)


_ip = [0]


def next_ip() -> str:
    _ip[0] += 1
    return f"198.51.{_ip[0] // 250 % 250}.{_ip[0] % 250 + 1}"


POSTER_COOKIE = "nd_poster"


def as_browser_at(client, ip: str) -> None:
    """Makes ``client`` the browser of the reader at ``ip``: the poster cookie that browser got
    (none before its first post). One test client then plays one browser per address."""
    browsers = client.__dict__.setdefault("_browsers_by_ip", {})
    if ip in browsers:
        client.cookies[POSTER_COOKIE] = browsers[ip]
    elif POSTER_COOKIE in client.cookies:
        del client.cookies[POSTER_COOKIE]


def _remember_browser(client, ip: str) -> None:
    if POSTER_COOKIE in client.cookies:
        client.__dict__.setdefault("_browsers_by_ip", {})[ip] = client.cookies[POSTER_COOKIE].value


def post(client, article, text, *, ip=None, name="Reader", **extra):
    """A reader's POST as a current browser sends it (Origin of the site itself); each address
    is its own browser (as_browser_at)."""
    ip = ip or next_ip()
    data = {"name": name, "text": text, "started": started(), **extra}
    headers = {"REMOTE_ADDR": ip, "HTTP_ORIGIN": "http://testserver"}
    url = extra.pop("url", None) or f"/comments/{article.pk}/"
    as_browser_at(client, ip)
    response = client.post(url, data, **headers)
    _remember_browser(client, ip)
    return response


def report(client, comment, *, ip):
    """A reader's report, from the browser at ``ip`` (as_browser_at)."""
    as_browser_at(client, ip)
    response = client.post(
        f"/comments/report/{comment.pk}/", REMOTE_ADDR=ip, HTTP_ORIGIN="http://testserver"
    )
    _remember_browser(client, ip)
    return response


@pytest.fixture
def article(db):
    return ArticleFactory(contributors=[make_contributor(1)])
