"""Beacon throughput against the same server's minimal endpoint, in one run.

    .venv/bin/python bench/beacon_bench.py [--seconds 10] [--runs 3]

For each configuration (embedded SQLite; PostgreSQL + Redis) it starts Newsdesk under granian
with 2 workers, as `make run` does, and alternates wrk runs (-t2 -c64) against /healthz (a
Django view that answers 204 and touches nothing) and against the view beacon, every request a
new reader, so every beacon is a counted, durably stored view. Goal: beacon >= 0.8 x minimal.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, Server, median_of, need, wrk  # noqa: E402

SEED = """
import django; django.setup()
from django.utils import timezone
from newsdesk.newsroom.models import Article, Section
s = Section.objects.create(name="Bench", slug="bench")
a = Article.objects.create(headline="Bench", slug="bench", section=s, body="<p>x</p>",
                           status="published", publish_at=timezone.now())
print(a.pk)
"""


def measure(label: str, server: Server, seconds: int, runs: int) -> dict:
    article = server.python(SEED).strip().splitlines()[-1]
    os.environ["BENCH_ARTICLE"] = article
    script = Path(__file__).with_name("beacon.lua")
    wrk(server.url + "/healthz", seconds=2)  # warm-up
    minimal, beacon = [], []
    for i in range(runs):
        minimal.append(wrk(server.url + "/healthz", seconds=seconds))
        os.environ["BENCH_RUN"] = f"{time.time_ns()}-{i}"
        beacon.append(wrk(server.url + "/", seconds=seconds, script=script))
    acknowledged = sum(r["requests"] - r["non2xx"] for r in beacon)
    # Without Redis a beacon is answered once its view is journaled and written through to
    # SQL a moment later: wait for the count to reach every acknowledged view, and say how
    # long that took (the write-through lag at the end of the load).
    ended = time.monotonic()
    counted = views(server.url, article)
    while counted < acknowledged and time.monotonic() - ended < 30:
        time.sleep(0.1)
        counted = views(server.url, article)
    result = {
        "config": label,
        "minimal_rps": median_of(minimal, "rps"),
        "beacon_rps": median_of(beacon, "rps"),
        "beacon_p99_ms": median_of(beacon, "p99_ms"),
        "beacon_errors": sum(r["non2xx"] for r in beacon),
        "views_acknowledged": acknowledged,
        "views_counted": counted,
        "catch_up_s": round(time.monotonic() - ended, 1),
    }
    result["ratio"] = result["beacon_rps"] / result["minimal_rps"]
    return result


def views(url: str, article: str) -> int:
    with urllib.request.urlopen(f"{url}/audience/views/{article}/") as r:  # noqa: S310
        return json.loads(r.read())["views"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=["sqlite", "redis"])
    args = parser.parse_args()
    need("wrk", "wrk")
    configs = [("SQLite", {}), ("PostgreSQL + Redis", {"postgres": True, "redis": True})]
    if args.only:
        configs = [c for c in configs if (c[0] == "SQLite") == (args.only == "sqlite")]
    results = []
    for label, options in configs:
        server = (
            Server(
                **options,
                extra_env={
                    "NEWSDESK_PROXY_COUNT": "1",
                    "NEWSDESK_VIEW_RATE_PER_MINUTE": "1000000",
                },
            )
            .prepare()
            .start()
        )
        try:
            results.append(measure(label, server, args.seconds, args.runs))
        finally:
            server.stop()
    print(
        f"{'configuration':<22}{'minimal req/s':>15}{'beacon req/s':>14}{'ratio':>8}"
        f"{'beacon p99 ms':>15}{'errors':>8}{'acknowledged':>14}{'counted':>10}{'catch-up s':>12}"
    )
    for r in results:
        print(
            f"{r['config']:<22}{r['minimal_rps']:>15.0f}{r['beacon_rps']:>14.0f}"
            f"{r['ratio']:>8.2f}{r['beacon_p99_ms']:>15.1f}{r['beacon_errors']:>8}"
            f"{r['views_acknowledged']:>14}{r['views_counted']:>10}{r['catch_up_s']:>12}"
        )
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "beacon.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
