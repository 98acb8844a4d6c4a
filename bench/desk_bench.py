"""The desk's cost: 50 editors autosaving and beating presence while readers load the site
(issue 19's benchmark).

    .venv/bin/python bench/desk_bench.py [--editors 50] [--seconds 10] [--runs 3] [--postgres]
        [--reader-gap MS]

Newsdesk under granian with 2 workers, as `make run` serves it, on a fresh database with the
demo newsroom loaded (SQLite; ``--postgres`` PostgreSQL + Redis). Each simulated editor is a
signed-in member of the Editor role with the article form "open": its own thread, a new
connection for each request (see below), sending what static/newsdesk/desk.js sends: the
form's words to ``/desk/articles/<id>/autosave/`` every 5 s (a headline and a 6 KB body that
change each time) and a presence beat to ``/desk/articles/<id>/presence/`` every 10 s, with the
session cookie and CSRF header. Two editors share each article, so every beat finds a
colleague. Starts are spread over the first 5 s, as people do not open the form in step.

Readers: wrk (-t2 -c16) on a published article page, as cookie-less readers get it (the page
cache at its default), at full speed, or with ``--reader-gap MS`` each connection pausing that
long between pages (bench/polls.lua): a load the server can take with room to spare, where full
speed keeps both workers busy and every autosave waits in their queue behind readers. The
full-speed rate of the warm-up is reported beside, so the load is a stated share of it.
**Reference, same run**: the same wrk with no editor at work. The two
alternate ``--runs`` times, so a slow patch of the shared machine falls on both. Reported: the
readers' p99 and requests per second with and without the editors (goal: p99 unchanged within
noise), and each desk request's latency as the editor's client measured it (goal: autosave p95
under 20 ms), and any answer that was not 200 (goal: none).

Why a connection per request: `make run`'s granian takes on 16 connections per worker
(`--backpressure 16`), idle keep-alive ones included, so 50 editors each holding one open
starve the server (seen: readers' wrk got no answer at all, autosaves timed out at 10 s).
Behind a proxy (nginx, a load balancer), which production has, the proxy holds the browsers'
idle connections; closing after each request is what the server then sees.
docs/performance.md ("Open connections") has the measurements.

Figures go to bench/results/desk.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, Server, median_of, need, wrk  # noqa: E402

CSRF = "benchdeskcsrfsecret0123456789abc"  # a 32-character secret, as Django's cookie holds

SEED = """
import django, json; django.setup()
from importlib import import_module
from django.conf import settings
from django.contrib.auth.models import Group, User
from newsdesk.newsroom.models import Article
from newsdesk.newsroom.models import live_q
editors = Group.objects.get(name="Editor")
articles = list(Article.objects.order_by("pk").values_list("pk", flat=True)[:{pairs}])
live = Article.objects.filter(live_q()).order_by("-publish_at").first()
engine = import_module(settings.SESSION_ENGINE)
sessions = []
for i in range({editors}):
    user = User.objects.create_user(f"bench-editor-{{i}}", password=None, is_staff=True,
                                    first_name="Bench", last_name=f"Editor {{i}}")
    user.groups.add(editors)
    session = engine.SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    sessions.append({{"key": session.session_key, "article": articles[i % len(articles)]}})
print(json.dumps({{"sessions": sessions, "reader": live.get_absolute_url()}}))
"""


class Editor(threading.Thread):
    """One person with the article form open: autosave every 5 s, presence every 10 s."""

    def __init__(self, port: int, session: dict, offset: float, stop: threading.Event, log):
        super().__init__(daemon=True)
        self.port, self.session, self.offset, self.stop, self.log = (
            port,
            session,
            offset,
            stop,
            log,
        )
        self.words = 0

    def request(self, kind: str, path: str, body: dict) -> None:
        payload = json.dumps(body).encode()
        headers = {
            "Connection": "close",
            "Content-Type": "application/json",
            "X-CSRFToken": CSRF,
            "Cookie": f"sessionid={self.session['key']}; csrftoken={CSRF}",
            "Referer": f"http://127.0.0.1:{self.port}/admin/",
        }
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("POST", path, body=payload, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
        finally:
            connection.close()
        self.log.append((kind, time.perf_counter() - started, status))

    def run(self) -> None:
        base = f"/desk/articles/{self.session['article']}/"
        if self.stop.wait(self.offset):
            return
        tick = 0
        while not self.stop.is_set():
            self.words += 1
            body = "<p>" + " ".join(f"word{self.words}-{n}" for n in range(600)) + "</p>"
            fields = {"headline": f"A headline, draft {self.words}", "body": body}
            self.request("autosave", base + "autosave/", {"fields": fields})
            if tick % 2 == 0:
                self.request("presence", base + "presence/", {})
            tick += 1
            self.stop.wait(5)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def measure(server: Server, editors: int, seconds: int, runs: int, gap: int = 0) -> dict:
    seeded = json.loads(
        server.python(SEED.format(editors=editors, pairs=max(1, editors // 2)))
        .strip()
        .splitlines()[-1]
    )
    reader = server.url + seeded["reader"]
    capacity = wrk(reader, seconds=2, connections=16)  # warm-up: the page cache holds it
    # Full speed (gap 0) keeps both workers busy, so an autosave waits in their queue; with a
    # gap, each reader connection pauses between pages: a load below what the server can take.
    readers = {"connections": 16}
    if gap:
        readers.update(script=ROOT / "bench" / "polls.lua", args=(str(gap),))
    alone, busy, log = [], [], []
    for _ in range(runs):
        alone.append(wrk(reader, seconds=seconds, **readers))
        stop = threading.Event()
        crowd = [
            Editor(server.port, session, 5 * i / editors, stop, log)
            for i, session in enumerate(seeded["sessions"])
        ]
        for editor in crowd:
            editor.start()
        time.sleep(5)  # every editor has started
        busy.append(wrk(reader, seconds=seconds, **readers))
        stop.set()
        for editor in crowd:
            editor.join()
    by_kind: dict[str, dict] = {}
    for kind in ("autosave", "presence"):
        times = [t * 1000 for k, t, status in log if k == kind]
        by_kind[kind] = {
            "requests": len(times),
            "p50_ms": statistics.median(times),
            "p95_ms": percentile(times, 95),
            "max_ms": max(times),
            "not_200": sum(1 for k, _t, status in log if k == kind and status != 200),
        }
    return {
        "editors": editors,
        "reader_gap_ms": gap,
        "reader_capacity_rps": capacity["rps"],
        "readers_alone": alone,
        "readers_with_editors": busy,
        "reader_p99_alone_ms": median_of(alone, "p99_ms"),
        "reader_p99_with_editors_ms": median_of(busy, "p99_ms"),
        "reader_rps_alone": median_of(alone, "rps"),
        "reader_rps_with_editors": median_of(busy, "rps"),
        "desk": by_kind,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--editors", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL + Redis")
    parser.add_argument("--reader-gap", type=int, default=0, help="ms between a reader's pages")
    args = parser.parse_args()
    need("wrk", "wrk")
    server = Server(postgres=args.postgres, redis=args.postgres)
    try:
        server.prepare()
        server.manage("load_demo")
        server.start()
        result = measure(server, args.editors, args.seconds, args.runs, args.reader_gap)
    finally:
        server.stop()
    result["config"] = "PostgreSQL + Redis" if args.postgres else "SQLite"
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "desk.json").write_text(json.dumps(result, indent=2))
    print(
        f"{result['config']}, {args.editors} editors, {args.runs} x {args.seconds} s each way, "
        f"readers' gap {args.reader_gap} ms (full speed: {result['reader_capacity_rps']:.0f} "
        "req/s)\n"
        f"readers alone:        p99 {result['reader_p99_alone_ms']:.1f} ms, "
        f"{result['reader_rps_alone']:.0f} req/s (runs: "
        + ", ".join(f"{r['p99_ms']:.1f}" for r in result["readers_alone"])
        + ")\n"
        f"readers with editors: p99 {result['reader_p99_with_editors_ms']:.1f} ms, "
        f"{result['reader_rps_with_editors']:.0f} req/s (runs: "
        + ", ".join(f"{r['p99_ms']:.1f}" for r in result["readers_with_editors"])
        + ")"
    )
    for kind, figures in result["desk"].items():
        print(
            f"{kind}: {figures['requests']} requests, p50 {figures['p50_ms']:.1f} ms, "
            f"p95 {figures['p95_ms']:.1f} ms, max {figures['max_ms']:.1f} ms, "
            f"not 200: {figures['not_200']}"
        )
    print(f"figures: {out / 'desk.json'}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
