"""The cold render against /healthz, and the warm tail against nginx, in one run (issue 15).

    .venv/bin/python bench/cold_bench.py [--seconds 8] [--runs 2] [--commit REV ...]

Serves the demo newsroom as `make run` does (migrate, load_demo, load_demo_views, renditions,
collectstatic into a fresh data folder; granian, 2 workers, --backpressure 16, embedded SQLite):

- **cold**: one server with the page cache and the kept lists off
  (NEWSDESK_PAGE_CACHE_SECONDS=0, NEWSDESK_LIST_CACHE_SECONDS=0); wrk -t2 -c16 alternates
  /healthz (a Django view through every middleware, no database) with the demo's article page,
  the home page and the article's section page. Each page's ratio is its req/s over the
  /healthz run just before it.
- **warm**: a second server on the same data folder with the caches on, every request a hit,
  against nginx (2 workers) serving the same bytes from a file; wrk -t2 -c64, alternating;
  the ratio is Newsdesk's p99 over nginx's.

Each --commit (default: the working tree alone) is served from its own `git archive` copy with
its own data folder of the same shape, and the commits take turns within each round, so two
commits are compared in the same minutes of the same machine. Medians of the rounds.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, Server, need, save_result, wrk  # noqa: E402
from page_bench import nginx  # noqa: E402

ARTICLE = "army-fields-counter-drone-jammers-at-forward-outposts"  # the demo's first article
OFF = {"NEWSDESK_PAGE_CACHE_SECONDS": "0", "NEWSDESK_LIST_CACHE_SECONDS": "0"}


def code_of(rev: str) -> tuple[str, Path | None]:
    """(label, folder): the working tree itself, or a commit's files in a folder of their own."""
    if rev == "WORKTREE":
        return "worktree", None
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", rev], check=True, capture_output=True, text=True
    ).stdout.strip()
    folder = Path(tempfile.mkdtemp(prefix=f"newsdesk-cold-{sha[:7]}-"))
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", sha], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return sha[:7], folder


class Site:
    """One code's demo data folder, a cold server and a warm one on it."""

    def __init__(self, label: str, code: Path | None) -> None:
        self.label = label
        self.cold = Server(extra_env=OFF)
        self.warm = Server(extra_env={"NEWSDESK_PAGE_CACHE_SECONDS": "60"})
        for key in ("DATABASE_URL", "NEWSDESK_DATA_DIR"):
            self.warm.env[key] = self.cold.env[key]
        for server in (self.cold, self.warm):
            server.env["SITE_URL"] = server.url
            if code is not None:  # first on the path of every process (the editable install last)
                server.env["PYTHONPATH"] = str(code)
        self.code = code

    def prepare(self) -> None:
        cwd = os.getcwd()
        try:
            if self.code is not None:
                os.chdir(self.code)
            s = self.cold
            s.prepare()
            s.manage("load_demo")
            s.manage("load_demo_views")
            s.manage("renditions")
            paths = s.python(
                "import django; django.setup()\n"
                "from newsdesk.newsroom.models import Article\n"
                f"a = Article.objects.get(slug={ARTICLE!r})\n"
                "print(a.get_absolute_url()); print(a.section.get_absolute_url())"
            ).split()
            self.paths = {"article": paths[0], "home": "/", "section": paths[1]}
            self.cold.start()
            self.warm.start()
        finally:
            os.chdir(cwd)

    def stop(self) -> None:
        if self.warm.process and self.warm.process.poll() is None:
            os.killpg(self.warm.process.pid, signal.SIGTERM)
            self.warm.process.wait(timeout=20)
        self.cold.stop()


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=30) as r:  # noqa: S310
        return r.read(), r.headers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--commit", action="append", help="a git revision; repeat to compare")
    args = parser.parse_args()
    need("wrk", "wrk")
    need("nginx", "nginx")
    sites = [Site(*code_of(rev)) for rev in (args.commit or ["WORKTREE"])]
    webs = []
    try:
        for site in sites:
            site.prepare()
            for path in site.paths.values():
                fetch(site.cold.url + path)  # the first render of each page (imports, templates)
            for _ in range(3):
                page, headers = fetch(site.warm.url + site.paths["article"])
            assert headers.get("X-Cache") == "HIT", headers
            web, static_url = nginx(page)
            webs.append(web)
            assert fetch(static_url)[0] == page
            site.page_bytes = len(page)
            site.nginx_url = static_url
            print(f"{site.label}: article {site.paths['article']} ({len(page):,} bytes warm)")
        results = {
            s.label: {k: [] for k in ("healthz", "article", "home", "section", "warm", "nginx")}
            for s in sites
        }
        for site in sites:  # a short warm-up of every target
            for path in ("/healthz", *site.paths.values()):
                wrk(site.cold.url + path, seconds=1, connections=16)
        for _ in range(args.runs):
            for site in sites:
                r = results[site.label]
                for page in ("article", "home", "section"):
                    r["healthz"].append(
                        wrk(site.cold.url + "/healthz", seconds=args.seconds, connections=16)
                    )
                    r[page].append(
                        wrk(site.cold.url + site.paths[page], seconds=args.seconds, connections=16)
                    )
                    r.setdefault(page + "_ratio", []).append(
                        r[page][-1]["rps"] / r["healthz"][-1]["rps"]
                    )
                r["warm"].append(wrk(site.warm.url + site.paths["article"], seconds=args.seconds))
                r["nginx"].append(wrk(site.nginx_url, seconds=args.seconds))
                r.setdefault("p99_ratio", []).append(
                    r["warm"][-1]["p99_ms"] / r["nginx"][-1]["p99_ms"]
                )
    finally:
        for web in webs:
            os.killpg(web.pid, signal.SIGTERM)
            web.wait(timeout=10)
        for site in sites:
            site.stop()
    print(f"wrk -t2, cold -c16, warm -c64, -d{args.seconds}s, {args.runs} rounds (median, range)")
    summary = {}
    for site in sites:
        r = results[site.label]
        errors = sum(
            x["non2xx"]
            for k in ("healthz", "article", "home", "section", "warm", "nginx")
            for x in r[k]
        )
        print(f"== {site.label} (errors {errors})")
        healthz = [x["rps"] for x in r["healthz"]]
        print(
            f"  /healthz            {statistics.median(healthz):>9.0f} req/s "
            f"({min(healthz):.0f}-{max(healthz):.0f})"
        )
        s = {
            "healthz_rps": statistics.median(healthz),
            "errors": errors,
            "page_bytes": site.page_bytes,
        }
        for page in ("article", "home", "section"):
            rps = [x["rps"] for x in r[page]]
            ratio = r[page + "_ratio"]
            print(
                f"  {page:<8} cold      {statistics.median(rps):>9.0f} req/s "
                f"({min(rps):.0f}-{max(rps):.0f})  / healthz = {statistics.median(ratio):.3f} "
                f"({min(ratio):.3f}-{max(ratio):.3f})"
            )
            s[page + "_rps"] = statistics.median(rps)
            s[page + "_ratio"] = statistics.median(ratio)
        for name in ("warm", "nginx"):
            p99 = [x["p99_ms"] for x in r[name]]
            rps = [x["rps"] for x in r[name]]
            print(
                f"  {name:<8} -c64      {statistics.median(rps):>9.0f} req/s  p99 "
                f"{statistics.median(p99):.2f} ms ({min(p99):.2f}-{max(p99):.2f})"
            )
            s[name + "_p99_ms"] = statistics.median(p99)
            s[name + "_rps"] = statistics.median(rps)
        ratio = r["p99_ratio"]
        print(
            f"  warm p99 / nginx p99 = {statistics.median(ratio):.2f} "
            f"({min(ratio):.2f}-{max(ratio):.2f}); warm req/s / nginx = "
            f"{s['warm_rps'] / s['nginx_rps']:.3f}"
        )
        s["p99_ratio"] = statistics.median(ratio)
        summary[site.label] = s
    save_result("cold", summary)


if __name__ == "__main__":
    main()
