"""Headers from the real server stack (granian + the page cache + the beacon fast path)."""

import urllib.request

import pytest

from tests.live import LiveServer

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]

REQUIRED = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory, django_db_blocker):
    with django_db_blocker.unblock():
        live = LiveServer(tmp_path_factory.mktemp("headers")).setup().start()
        yield live
        live.close()


def fetch(server, path, data=None):
    request = urllib.request.Request(
        server.url + path, data=data, headers={"User-Agent": "Mozilla/5.0 Firefox/133.0"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}


def assert_protected(headers):
    for name, value in REQUIRED.items():
        assert headers.get(name) == value, name
    policy = headers.get("content-security-policy", "")
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "camera=()" in headers.get("permissions-policy", "")


def test_pages_from_the_page_cache_keep_the_headers(server):
    status, first = fetch(server, "/")
    status, second = fetch(server, "/")
    assert status == 200
    assert second.get("x-cache") == "HIT"
    assert_protected(first)
    assert_protected(second)


def test_static_files_carry_the_headers(server):
    status, headers = fetch(server, "/static/newsdesk/site.css")
    assert status == 200
    assert_protected(headers)


def test_the_beacon_fast_path_carries_the_headers(server):
    status, headers = fetch(
        server, "/audience/views/", data=f"article={server.article_ids[0]}".encode()
    )
    assert status == 204
    assert_protected(headers)
