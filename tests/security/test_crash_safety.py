"""kill -9 during concurrent comment and beacon writes: every acknowledged write survives.

Readers post comments and report views at the same time against a real server (granian, two
workers, the suite's database and, in the scale-out configuration, Redis). The whole server
is killed with SIGKILL while both kinds of write are in flight; after a restart every comment
that was answered with its redirect is in the database, and the view count holds every
beacon that was answered 204.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.live import LiveServer, shown_views

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]

UA = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"

COUNT_COMMENTS = """
import django; django.setup()
from newsdesk.comments.models import Comment
texts = Comment.objects.filter(text__startswith="kill-test ").values_list("text", flat=True)
print(",".join(texts))
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def post(url: str, data: dict, address: str, origin: str | None = None) -> int:
    headers = {
        "User-Agent": UA,
        "Content-Type": "application/x-www-form-urlencoded",
        # The live server trusts one proxy hop: each simulated reader has its own address.
        "X-Forwarded-For": address,
    }
    if origin:
        headers["Origin"] = origin
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode(data).encode(), headers=headers
    )
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0  # the server died under this request: not acknowledged


def address(kind: int, n: int) -> str:
    return f"10.{kind}.{n >> 8 & 255}.{n & 255}"


def test_acknowledged_comments_and_views_survive_kill_9(tmp_path):
    server = LiveServer(tmp_path).setup().start()
    try:
        article = server.article_ids[0]
        started = server.comment_started_token()
        acked_comments: list[str] = []
        acked_views = [0]
        sent_views = [0]
        lock = threading.Lock()
        stop = threading.Event()
        answers: list[int] = []

        def commenter(worker: int) -> None:
            n = 0
            while not stop.is_set():
                n += 1
                text = f"kill-test {worker}-{n}"
                status = post(
                    f"{server.url}/comments/{article}/",
                    {"name": "Reader", "text": text, "started": started},
                    address(1 + worker, n),
                    origin=server.url,
                )
                with lock:
                    answers.append(status)
                    if status == 303:
                        acked_comments.append(text)

        def viewer(worker: int) -> None:
            n = 0
            while not stop.is_set():
                n += 1
                with lock:
                    sent_views[0] += 1
                status = post(
                    f"{server.url}/audience/views/",
                    {"article": article},
                    address(100 + worker, n),
                )
                if status == 204:
                    with lock:
                        acked_views[0] += 1

        threads = [threading.Thread(target=commenter, args=(w,)) for w in range(4)]
        threads += [threading.Thread(target=viewer, args=(w,)) for w in range(4)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with lock:
                if len(acked_comments) >= 40 and acked_views[0] >= 200:
                    break
            time.sleep(0.05)
        server.kill()  # while both kinds of write are in flight
        stop.set()
        for thread in threads:
            thread.join()
        assert len(acked_comments) >= 40, answers[-20:]
        assert acked_views[0] >= 200

        server.start()
        stored = server.python(COUNT_COMMENTS)
        missing = set(acked_comments) - set(stored.split(","))
        assert not missing, f"acknowledged comments lost: {sorted(missing)[:10]}"
        counted = shown_views(server.url, article, at_least=acked_views[0])
        assert acked_views[0] <= counted <= sent_views[0]
    finally:
        server.close()
