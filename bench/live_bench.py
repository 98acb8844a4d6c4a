"""Live coverage under load (issue 22): many open live pages polling while editors post.

    .venv/bin/python bench/live_bench.py [--seconds 60] [--config sqlite|postgres|both]

Each configuration on a fresh database, seeded with a live article (coverage running, 20
updates) and 30 other stories:

- **sqlite**: `make run`'s server (granian, 2 workers, page cache on);
- **postgres**: PostgreSQL + Redis with two server processes of one worker each (two nodes);
  the polls are split between them and the editor's updates must reach both.

First, **quiet**: paced readers of two warm pages, the live page and an ordinary article
(whose lists show the live one), for ``--seconds`` (wrk -t1 -c2 on each, every connection
waiting 20 ms between pages). Then, **loaded**, for ``--seconds``: the same readers, plus wrk
with bench/polls.lua on the page's updates address (each thread sends back the last ETag it
saw, as an open page's ``fetch(..., {cache: "no-cache"})`` does; each connection waits 10 ms
between polls), plus an editor process posting an update through coverage.services every 5 s.
One poll every 10 s a page, so the polls per second times 10 is the number of open pages
simulated (the goal: 10,000, that is 1,000 polls/s; the figure reached is reported, not
assumed).

Reported: polls/s and the open pages they stand for, the share answered 304, the poll p99,
origin renders a minute (answers Django rendered, X-Cache MISS, of the polls and both pages),
updates posted, and each page's p99 loaded against quiet (the goal, for the ordinary warm
article page: at most 1.5 x). Figures go to bench/results/live.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import BIN, SEED_NEWSROOM, Server, need, save_result  # noqa: E402

HERE = Path(__file__).resolve().parent
POLLS = HERE / "polls.lua"
POLL_CONNECTIONS = 12  # under the 16 a granian worker takes on at once (--backpressure 16)
# Each page's readers: 2 connections, each waiting 20 ms between pages (about 100 pages/s),
# a latency measurement rather than a saturation one (a closed loop at full speed would take
# the whole machine, and any other load would then show as latency).
READER_GAP_MS = 20

SEED = (
    SEED_NEWSROOM
    + """
from newsdesk.coverage import services as coverage
live = Article.objects.create(headline="Drone incursion: live", slug="live-bench",
    section=section, summary="Updates as they come.", body="<p>What we know.</p>",
    status="published", publish_at=timezone.now() - timedelta(minutes=30))
Byline.objects.create(article=live, contributor=writer)
coverage.coverage_start(article=live, user=editor)
for i in range(20):
    coverage.update_post(article=live, user=editor,
        body=f"<p>Update {i}: " + "what the command said and what we saw. " * 4 + "</p>")
other = Article.objects.get(slug="older-0")
print(json.dumps({"id": live.pk, "path": live.get_absolute_url(),
                  "other": other.get_absolute_url()}))
"""
)

EDITOR = """
import sys, time
import django; django.setup()
from django.contrib.auth.models import User
from newsdesk.coverage import services as coverage
from newsdesk.newsroom.models import Article
user = User.objects.get(username="bench-editor")
live = Article.objects.get(slug="live-bench")
every, until = float(sys.argv[1]), time.time() + float(sys.argv[2])
n = 0
while time.time() < until:
    started = time.time()
    coverage.update_post(article=live, user=user, body=f"<p>Fresh update {n}.</p>")
    n += 1
    time.sleep(max(0.0, every - (time.time() - started)))
print(n, flush=True)
"""


def wrk_run(url: str, *, seconds: int, connections: int, script: Path | None = None,
            args: tuple[str, ...] = ()) -> subprocess.Popen:  # fmt: skip
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        cmd += ["-s", str(script)]
    cmd.append(url)
    if args:
        cmd += ["--", *args]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)


def parse(out: str) -> dict:
    import re

    figures = {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
    }
    for pct in ("50", "99"):
        m = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)\b", out)
        value, unit = float(m.group(1)), m.group(2)
        figures[f"p{pct}_ms"] = (
            value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
        )
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    figures["non2xx"] = int(errors.group(1)) if errors else 0
    for name, value in re.findall(r"^bench (\w+): (\d+)$", out, re.MULTILINE):
        figures[name] = int(value)
    return figures


def run_config(name: str, seconds: int) -> dict:
    postgres = name == "postgres"
    first = Server(postgres=postgres, redis=postgres, workers=1 if postgres else 2)
    servers = [first]
    try:
        first.prepare()
        seeded = json.loads(first.python(SEED).strip().splitlines()[-1])
        if postgres:
            second = Server(workers=1)
            second.env = dict(first.env)
            servers.append(second)
        for server in servers:
            server.start()
        pages = {"live": f"{first.url}{seeded['path']}", "article": f"{first.url}{seeded['other']}"}
        polls = [f"{s.url}/live/{seeded['id']}/updates/" for s in servers]
        for url in [*pages.values(), *polls]:  # warm: the page cache holds them
            subprocess.run(["curl", "-s", "-o", "/dev/null", url], check=True)

        paced = {"connections": 2, "script": POLLS, "args": (str(READER_GAP_MS),)}
        readers = {name: wrk_run(url, seconds=seconds, **paced) for name, url in pages.items()}
        quiet = {name: parse(run.communicate()[0]) for name, run in readers.items()}
        editor = subprocess.Popen(
            [str(BIN / "python"), "-c", EDITOR, "5", str(seconds)],
            env=first.env, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        each = max(1, POLL_CONNECTIONS // len(polls))
        pollers = [
            wrk_run(url, seconds=seconds, connections=each, script=POLLS, args=("10", "etag"))
            for url in polls
        ]
        readers = {name: wrk_run(url, seconds=seconds, **paced) for name, url in pages.items()}
        loaded = {name: parse(run.communicate()[0]) for name, run in readers.items()}
        polled = [parse(p.communicate()[0]) for p in pollers]
        posted = int(editor.communicate()[0].strip() or 0)
    finally:
        for server in reversed(servers):
            server.stop()
    total_polls = sum(p["polls"] for p in polled)
    minutes = seconds / 60
    return {
        "seconds": seconds,
        "servers": len(servers),
        "updates_posted": posted,
        "polls_per_second": round(total_polls / seconds, 1),
        "open_pages_simulated": round(total_polls / seconds * 10),
        "polls_304_share": round(sum(p["not_modified"] for p in polled) / max(1, total_polls), 3),
        "poll_p99_ms": max(p["p99_ms"] for p in polled),
        "poll_non2xx_3xx": sum(p["non2xx"] for p in polled),
        "origin_renders_per_minute": round(
            (sum(p["misses"] for p in polled) + sum(r["misses"] for r in loaded.values()))
            / minutes,
            1,
        ),
        "poll_renders_per_minute": round(sum(p["misses"] for p in polled) / minutes, 1),
        **{
            f"{name}_page_{figure}": value
            for name in pages
            for figure, value in (
                ("p99_quiet_ms", quiet[name]["p99_ms"]),
                ("p99_loaded_ms", loaded[name]["p99_ms"]),
                ("p99_ratio", round(loaded[name]["p99_ms"] / quiet[name]["p99_ms"], 2)),
                ("rps_quiet", quiet[name]["rps"]),
                ("rps_loaded", loaded[name]["rps"]),
                ("renders_loaded", loaded[name]["misses"]),
            )
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--config", choices=["sqlite", "postgres", "both"], default="both")
    options = parser.parse_args()
    need("wrk", "wrk")
    names = ["sqlite", "postgres"] if options.config == "both" else [options.config]
    results = {}
    for name in names:
        results[name] = run_config(name, options.seconds)
        print(name, json.dumps(results[name], indent=2), flush=True)
    print("saved to", save_result("live", results))


if __name__ == "__main__":
    main()
