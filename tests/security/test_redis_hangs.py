"""A Redis that accepts connections and never answers costs each server process one timeout.

Without the breaker (newsdesk.site.redis_breaker) every Redis call of every request would wait
for its socket timeout (1 to 2 s), several per page. With it, the first failure in a process
sends that process's requests past Redis for NEWSDESK_REDIS_RETRY_SECONDS.
"""

import socket
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings

from tests.live import LiveServer

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]

UA = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


class BlackHole:
    """Accepts TCP connections, reads whatever comes, answers nothing."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(conn)  # kept open, never answered

    def close(self) -> None:
        self.listener.close()
        for conn in self.connections:
            conn.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, django_db_blocker):
    hole = BlackHole()
    with django_db_blocker.unblock():
        live = LiveServer(
            tmp_path_factory.mktemp("redis-hangs"),
            extra_env={"NEWSDESK_REDIS_RETRY_SECONDS": "30"},
        )
        live.env["REDIS_URL"] = settings.REDIS_URL or ""
        live.setup()
        live.env["REDIS_URL"] = f"redis://127.0.0.1:{hole.port}/0"
        live.start()
        yield live
        live.close()
    hole.close()


def fetch(server, path, data=None):
    request = urllib.request.Request(server.url + path, data=data, headers={"User-Agent": UA})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as error:
        return error.code


def test_pages_stay_fast_once_each_process_has_met_the_hung_redis(server):
    for _ in range(6):  # each worker meets the hung Redis once (start() made the first)
        assert fetch(server, "/") == 200
    paths = ["/", "/section/live/", "/contributor/live-writer/", "/feeds/rss/", "/sitemap.xml"]
    started = time.monotonic()
    for path in paths * 2:
        assert fetch(server, path) == 200
    # A single Redis timeout is 1 s; without the breaker each of these pages pays several.
    assert time.monotonic() - started < 3.0


def test_beacons_are_refused_at_once(server):
    slow = 0
    for _ in range(6):
        started = time.monotonic()
        data = f"article={server.article_ids[0]}".encode()
        assert fetch(server, "/audience/views/", data=data) == 503
        slow += time.monotonic() - started > 1.0
    assert slow <= 2  # at most the first in each of the two worker processes
