"""Views against a real server: exact under concurrency; nothing acknowledged lost to kill -9."""

import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.live import LiveServer, shown_views

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]


@pytest.fixture
def server(tmp_path):
    live = LiveServer(tmp_path).setup().start()
    yield live
    live.close()


def send_view(base: str, article_id: int, reader: int) -> int:
    request = urllib.request.Request(
        f"{base}/audience/views/",
        data=f"article={article_id}".encode(),
        headers={
            "User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Content-Type": "application/x-www-form-urlencoded",
            # The live server trusts one proxy hop (tests/live.py): each reader its own address.
            "X-Forwarded-For": f"198.{18 + (reader >> 16 & 1)}.{reader >> 8 & 255}.{reader & 255}",
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def test_1000_concurrent_beacons_from_distinct_readers_add_exactly_1000(server):
    article = server.article_ids[0]
    with ThreadPoolExecutor(max_workers=32) as pool:
        codes = list(pool.map(lambda i: send_view(server.url, article, i), range(1000)))
    assert codes.count(204) == 1000
    assert shown_views(server.url, article, at_least=1000) == 1000
    # In SQL too, by the server's own threads (the journal's writer; with Redis, the
    # flusher, every NEWSDESK_VIEW_FLUSH_SECONDS): no request or command needed.
    stored = None
    for _ in range(10):
        out = server.manage(
            "shell",
            "-c",
            (
                "from newsdesk.audience.models import ArticleStats;"
                f"s = ArticleStats.objects.filter(pk={article}).first();"
                "print(s.views if s else 0)"
            ),
        )
        stored = int(out.strip().splitlines()[-1])
        if stored == 1000:
            break
        time.sleep(0.5)
    assert stored == 1000


def test_every_acknowledged_beacon_survives_kill_9(server):
    article = server.article_ids[1]
    acked = []
    sent = [0]
    stop = threading.Event()
    lock = threading.Lock()

    def fire(worker: int) -> None:
        n = 0
        while not stop.is_set():
            reader = worker + 8 * n  # distinct across workers
            n += 1
            with lock:
                sent[0] += 1
            if send_view(server.url, article, reader) == 204:
                with lock:
                    acked.append(reader)

    threads = [threading.Thread(target=fire, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 30
    while len(acked) < 300 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.kill()  # while beacons are in flight
    stop.set()
    for t in threads:
        t.join()
    assert len(acked) >= 300
    server.start()
    counted = shown_views(server.url, article, at_least=len(acked))
    assert len(acked) <= counted <= sent[0]
