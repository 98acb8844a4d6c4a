"""Publish to visible (P6, issue 16): the time from a newsroom action's commit to the first
reader response that shows it, with readers loading the site meanwhile.

    .venv/bin/python bench/publish_bench.py [--rounds 20] [--config sqlite|postgres|both]

Two configurations, each on a fresh database with a seeded section of 30 published stories:

- **sqlite**: Newsdesk as `make run` serves it (granian, 2 workers, embedded SQLite, page
  cache on at its default 60 s, purge clock in a file);
- **postgres**: PostgreSQL + Redis (page cache and purge clock in Redis) with **two server
  processes** (two granian servers of one worker each on two ports, as two nodes behind a
  balancer); every poll alternates between them, so a change has to reach both.

Load during the whole run: wrk (-t1 -c4) on the home page and another on the section page of
each server, cookie-less readers as the page cache serves them: 8 connections a server, half of
what one granian worker takes on at once (`--backpressure 16`), so the pollers' requests are
not queued behind the load generator's (with -c8 a one-worker server left them waiting).

An editor process (its own Python, the services as the admin calls them) does ``--rounds``
rounds of three actions: **publish** a new story (its page, the home page and the section page
must show its headline), **correct** it (its page must show the correction's text) and
**unpublish** it (its page must answer 404 and the home and section pages must no longer
name it). It prints the wall-clock time right after the service returned, that is after its
transaction committed and its purges ran. Pollers (one thread per page, a keep-alive
connection to each server, a request every 10 ms, as a reader pressing reload would) note the
time each page's first response showing the change arrived. Reported per configuration and
per action: p50, p99 and max of those delays over every (action, page), and the worst page per
action. Goal: p99 <= 1 s. A page that still does not show the change after 15 s counts 15 s.
Both processes read one machine clock (time.time()).

Figures go to bench/results/publish.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BACKPRESSURE, BIN, SEED_NEWSROOM, Server, free_port, need, save_result  # noqa: E402

TIMEOUT = 15.0

SEED = (
    SEED_NEWSROOM
    + """
print(section.get_absolute_url())
"""
)

EDITOR = """
import json, sys, time
import django; django.setup()
from django.contrib.auth.models import User
from newsdesk.newsroom import services
from newsdesk.newsroom.models import Article, Byline, Contributor, Section
user = User.objects.get(username="bench-editor")
section = Section.objects.get(slug="bench")
writer = Contributor.objects.get(slug="bench-writer")
article = None
for line in sys.stdin:
    kind, n = line.split()
    if kind == "publish":
        article = Article(headline=f"Fresh story number {n}", slug=f"fresh-{n}", section=section,
                          summary="Just in.", body="<p>New words.</p>")
        services.article_save(article=article, user=user, contributors=[writer])
        services.article_publish(article=article, user=user)
        detail = {"headline": article.headline, "url": article.get_absolute_url()}
    elif kind == "correct":
        text = f"Correction number {n}: an earlier version named the wrong harbour."
        services.correction_add(article=article, user=user, text=text)
        detail = {"text": text}
    else:
        services.article_unpublish(article=article, user=user)
        detail = {}
    print(json.dumps({"kind": kind, "committed_at": time.time(), **detail}), flush=True)
"""


class Poller(threading.Thread):
    """Asks one page every 10 ms, alternating between the servers, until ``shows`` holds for
    an answer; notes when that answer arrived."""

    def __init__(self, ports: list[int], path: str, shows) -> None:
        super().__init__(daemon=True)
        self.ports, self.path, self.shows = ports, path, shows
        self.seen_at: float | None = None
        self.stop = threading.Event()

    def run(self) -> None:
        connections = {p: http.client.HTTPConnection("127.0.0.1", p, timeout=5) for p in self.ports}
        turn = 0
        while not self.stop.is_set():
            port = self.ports[turn % len(self.ports)]
            turn += 1
            try:
                connections[port].request("GET", self.path)
                response = connections[port].getresponse()
                body = response.read().decode("utf-8", "replace")
                arrived = time.time()
                if self.shows(response.status, body):
                    self.seen_at = arrived
                    break
            except (OSError, http.client.HTTPException):
                connections[port].close()
                connections[port] = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            self.stop.wait(0.01)
        for connection in connections.values():
            connection.close()


PUBLISHED: dict[str, tuple[str, str]] = {}  # round -> the headline and address published


def checks(action: dict, section: str) -> dict:
    """The pages an action changes, and what each must show."""
    if action["kind"] == "publish":
        headline, url = action["headline"], action["url"]
        PUBLISHED[action["n"]] = (headline, url)
        return {
            "article": (url, lambda s, b: s == 200 and headline in b),
            "home": ("/", lambda s, b: s == 200 and headline in b),
            "section": (section, lambda s, b: s == 200 and headline in b),
        }
    headline, url = PUBLISHED[action["n"]]
    if action["kind"] == "correct":
        text = action["text"]
        return {"article": (url, lambda s, b: s == 200 and text in b)}
    return {
        "article": (url, lambda s, b: s == 404),
        "home": ("/", lambda s, b: s == 200 and headline not in b),
        "section": (section, lambda s, b: s == 200 and headline not in b),
    }


def start_granian(server: Server, port: int, workers: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(BIN / "granian"),
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--no-ws",
            "--backpressure",
            BACKPRESSURE,
            "--log-level",
            "error",
            "newsdesk.wsgi:application",
        ],
        env=server.env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_up(port: int) -> None:
    for _ in range(300):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"no server on {port}")


def run_config(name: str, rounds: int) -> dict:
    postgres = name == "postgres"
    server = Server(postgres=postgres, redis=postgres, workers=1 if postgres else 2)
    extra = None
    loads = []
    try:
        server.prepare()
        section = server.python(SEED).strip().splitlines()[-1]
        server.start()
        ports = [server.port]
        if postgres:
            port = free_port()
            extra = start_granian(server, port, 1)
            wait_up(port)
            ports.append(port)
        for port in ports:
            for path in ("/", section):
                loads.append(
                    subprocess.Popen(
                        ["wrk", "-t1", "-c4", "-d3600s", f"http://127.0.0.1:{port}{path}"],
                        stdout=subprocess.DEVNULL,
                    )
                )
        time.sleep(2)
        editor = subprocess.Popen(
            [str(BIN / "python"), "-c", EDITOR],
            env=server.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        samples = []
        for n in range(rounds):
            for kind in ("publish", "correct", "unpublish"):
                editor.stdin.write(f"{kind} {n}\n")
                editor.stdin.flush()
                action = {**json.loads(editor.stdout.readline()), "n": str(n)}
                pollers = {
                    page: Poller(ports, path, shows)
                    for page, (path, shows) in checks(action, section).items()
                }
                for poller in pollers.values():
                    poller.start()
                for poller in pollers.values():
                    poller.join(TIMEOUT)
                    poller.stop.set()
                for page, poller in pollers.items():
                    delay = poller.seen_at - action["committed_at"] if poller.seen_at else TIMEOUT
                    samples.append({"kind": kind, "page": page, "round": n, "delay_s": delay})
                time.sleep(0.5)
        editor.stdin.close()
        editor.wait(timeout=30)
    finally:
        for load in loads:
            load.terminate()
        if extra and extra.poll() is None:
            os.killpg(extra.pid, signal.SIGTERM)
            extra.wait(timeout=20)
        server.stop()
    return {"config": name, "servers": 2 if postgres else 1, "samples": samples}


def summary(samples: list[dict]) -> dict:
    delays = sorted(s["delay_s"] for s in samples)
    if not delays:
        return {}

    def pct(p: float) -> float:
        return delays[min(len(delays) - 1, int(round(p / 100 * (len(delays) - 1))))]

    return {
        "n": len(delays),
        "p50_ms": statistics.median(delays) * 1000,
        "p99_ms": pct(99) * 1000,
        "max_ms": delays[-1] * 1000,
        "timeouts": sum(1 for d in delays if d >= TIMEOUT),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--config", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    need("wrk", "wrk")
    names = ["sqlite", "postgres"] if args.config == "both" else [args.config]
    results = []
    for name in names:
        print(f"{name}: {args.rounds} rounds...", file=sys.stderr)
        result = run_config(name, args.rounds)
        result["all"] = summary(result["samples"])
        result["by_kind"] = {
            kind: summary([s for s in result["samples"] if s["kind"] == kind])
            for kind in ("publish", "correct", "unpublish")
        }
        results.append(result)
    target = save_result("publish", results)
    print("| configuration | action | pages seen | p50 | p99 | max | not seen in 15 s |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for result in results:
        label = "SQLite, 1 server" if result["config"] == "sqlite" else "PG + Redis, 2 servers"
        for kind, figures in [*result["by_kind"].items(), ("all", result["all"])]:
            print(
                f"| {label} | {kind} | {figures['n']} | {figures['p50_ms']:.0f} ms "
                f"| {figures['p99_ms']:.0f} ms | {figures['max_ms']:.0f} ms "
                f"| {figures['timeouts']} |"
            )
    print(f"figures: {target}")


if __name__ == "__main__":
    main()
