"""A busy article page while purges keep arriving, against the same page with none, in one run.

    .venv/bin/python bench/purge_bench.py [--seconds 10] [--runs 3] [--every 0.5]

Newsdesk serves as `make run` does (granian, 2 workers, embedded SQLite, page cache on) the
article of page_bench's seed. wrk -t2 -c64 (bench/misses.lua counts the answers Django rendered,
X-Cache: MISS) alternates two kinds of run on that page:

- "quiet": no purge; nearly every answer comes from the cache;
- "purges": a separate process purges `list:just-in` (every article page and the home page
  show Just In, as a publication anywhere would) every ``--every`` seconds.

After each purge the page is rendered again. Without coordination every request that arrives
during that render renders it too (up to the server's 2 x 16 requests in flight); the page cache
lets one request per process render it and the others wait for its copy (pagecache/wsgi.py,
``_Renders``). The figures: req/s, p50, p99, renders, and renders per purge (at most one per
worker process, 2, when the renders are shared; 1 when a worker finds the other's copy).
Not a test: nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BIN, Server, need, save_result, wrk  # noqa: E402
from page_bench import SEED  # noqa: E402

HERE = Path(__file__).resolve().parent

PURGER = """
import sys, time
import django; django.setup()
from newsdesk.pagecache import store
every, count = float(sys.argv[1]), 0
while True:
    store.mark_purged(["list:just-in"])
    count += 1
    print(count, flush=True)
    time.sleep(every)
"""


def run_with_purges(server: Server, url: str, *, seconds: int, every: float) -> dict:
    purger = subprocess.Popen(
        [str(BIN / "python"), "-c", PURGER, str(every)],
        env=server.env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        result = wrk(url, seconds=seconds, script=HERE / "misses.lua")
    finally:
        purger.terminate()
        output, _ = purger.communicate(timeout=10)
    counts = [int(line) for line in output.split()]
    if not counts:
        raise SystemExit(f"the purging process purged nothing (exit {purger.returncode})")
    result["purges"] = counts[-1]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--every", type=float, default=0.5, help="seconds between purges")
    args = parser.parse_args()
    need("wrk", "wrk")
    server = Server()
    try:
        server.prepare()
        path = server.python(SEED).strip().splitlines()[-1]
        server.start()
        url = server.url + path
        runs: dict[str, list[dict]] = {"quiet": [], "purges": []}
        for _ in range(args.runs):
            wrk(url, seconds=2)  # warm again: the last purge run left the page to render
            runs["quiet"].append(wrk(url, seconds=args.seconds, script=HERE / "misses.lua"))
            runs["purges"].append(
                run_with_purges(server, url, seconds=args.seconds, every=args.every)
            )
    finally:
        server.stop()
    result = {}
    for name, rows in runs.items():
        result[name] = {
            key: statistics.median(r.get(key, 0) for r in rows)
            for key in ("rps", "p50_ms", "p99_ms", "misses", "purges", "non2xx")
        }
        purges = sum(r.get("purges", 0) for r in rows)
        result[name]["renders_per_purge"] = (
            sum(r.get("misses", 0) for r in rows) / purges if purges else None
        )
    quiet, busy = result["quiet"], result["purges"]
    result["p99_purges_over_quiet"] = busy["p99_ms"] / quiet["p99_ms"]
    result["rps_purges_over_quiet"] = busy["rps"] / quiet["rps"]
    print(
        f"wrk -t2 -c64 -d{args.seconds}s, median of {args.runs}; a purge every {args.every} s "
        "in the purge runs"
    )
    head = ("req/s", 10), ("p50 ms", 9), ("p99 ms", 9), ("renders", 9), ("purges", 8)
    print("run     " + "".join(f"{name:>{width}}" for name, width in head) + f"{'per purge':>11}")
    for name, r in (("quiet", quiet), ("purges", busy)):
        per = f"{r['renders_per_purge']:.1f}" if r["renders_per_purge"] is not None else "-"
        print(
            f"{name:<8}{r['rps']:>10.0f}{r['p50_ms']:>9.2f}{r['p99_ms']:>9.2f}"
            f"{r['misses']:>9.0f}{r['purges']:>8.0f}{per:>11}"
        )
    print(
        f"with purges / quiet: req/s {result['rps_purges_over_quiet']:.2f}, "
        f"p99 {result['p99_purges_over_quiet']:.2f}"
    )
    save_result("purge", result)


if __name__ == "__main__":
    main()
