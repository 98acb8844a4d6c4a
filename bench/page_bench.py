"""The page cache against nginx serving the same bytes, and the cold render, in one run.

    .venv/bin/python bench/page_bench.py [--seconds 10] [--runs 3]

P1: a warm article page from Newsdesk under granian (2 workers, as `make run`, embedded SQLite,
page cache on) against nginx (2 workers) serving the bytes of that same page from a file.
P2: the same page rendered by Django every time (NEWSDESK_PAGE_CACHE_SECONDS=0), against
the cached page. wrk -t2 -c64, the median of the runs, the targets alternating.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Server, alternate, free_port, median_of, need, save_result  # noqa: E402

SEED = """
import django; django.setup()
from django.utils import timezone
from datetime import timedelta
from newsdesk.newsroom.models import Article, Section, Byline
from newsdesk.newsroom.services import contributor_create
s = Section.objects.create(name="Bench", slug="bench")
c = contributor_create(display_name="Bench Writer", slug="bench-writer")
for i in range(30):
    a = Article.objects.create(headline=f"Bench story {i}", slug=f"bench-{i}", section=s,
        summary="A summary.", body="<p>" + "Paragraph of text. " * 80 + "</p>" * 1,
        status="published", publish_at=timezone.now() - timedelta(hours=i + 1))
    Byline.objects.create(article=a, contributor=c)
print(a.get_absolute_url())
"""

NGINX = """
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
daemon off;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{ default_type text/html; root {tmp}/site; try_files /page.html =404; }}
    }}
}}
"""


def nginx(page: bytes) -> tuple[subprocess.Popen, str]:
    tmp = Path(tempfile.mkdtemp(prefix="newsdesk-nginx-"))
    tmp.chmod(0o755)  # nginx's workers may run as another user
    (tmp / "site").mkdir(mode=0o755)
    (tmp / "site" / "page.html").write_bytes(page)
    (tmp / "site" / "page.html").chmod(0o644)
    port = free_port()
    (tmp / "nginx.conf").write_text(NGINX.format(tmp=tmp, port=port))
    process = subprocess.Popen(
        ["nginx", "-c", str(tmp / "nginx.conf"), "-p", str(tmp)],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310
            return process, url
        except OSError:
            time.sleep(0.05)
    os.killpg(process.pid, signal.SIGTERM)
    raise RuntimeError("nginx did not start: " + (tmp / "error.log").read_text()[-2000:])


def fetch(url: str):
    with urllib.request.urlopen(url) as r:  # noqa: S310
        return r.read(), r.headers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    need("wrk", "wrk")
    need("nginx", "nginx")
    cached = Server(extra_env={"NEWSDESK_PAGE_CACHE_SECONDS": "60"}).prepare()
    path = cached.python(SEED).strip().splitlines()[-1]
    cold = Server(extra_env={"NEWSDESK_PAGE_CACHE_SECONDS": "0"})
    cold.env["DATABASE_URL"] = cached.env["DATABASE_URL"]  # the same database and page
    cold.env["NEWSDESK_DATA_DIR"] = cached.env["NEWSDESK_DATA_DIR"]
    cached.start()
    cold.start()
    web = None
    try:
        for _ in range(3):  # the first renders and stores, the next are hits
            page, headers = fetch(cached.url + path)
        assert headers.get("X-Cache") == "HIT", headers
        web, static_url = nginx(page)
        assert fetch(static_url)[0] == page
        assert fetch(cold.url + path)[1].get("X-Cache") is None
        targets = {"cache": cached.url + path, "nginx": static_url, "render": cold.url + path}
        runs = alternate(targets, seconds=args.seconds, runs=args.runs)
    finally:
        if web is not None:
            os.killpg(web.pid, signal.SIGTERM)
            web.wait(timeout=10)
        cold.process and os.killpg(cold.process.pid, signal.SIGTERM)
        cold.process and cold.process.wait(timeout=20)
        cached.stop()
    result = {
        name: {
            "rps": median_of(r, "rps"),
            "p50_ms": median_of(r, "p50_ms"),
            "p99_ms": median_of(r, "p99_ms"),
            "errors": sum(x["non2xx"] for x in r),
        }
        for name, r in runs.items()
    }
    result["page_bytes"] = len(page)
    result["P1_cache_over_nginx"] = result["cache"]["rps"] / result["nginx"]["rps"]
    result["P2_render_over_cache"] = result["render"]["rps"] / result["cache"]["rps"]
    print(f"article page: {len(page)} bytes; wrk -t2 -c64 -d{args.seconds}s, median of {args.runs}")
    print(f"{'target':<34}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    labels = {
        "nginx": "nginx, the same bytes from a file",
        "cache": "Newsdesk, page cache (warm)",
        "render": "Newsdesk, cache off (render)",
    }
    for name, label in labels.items():
        r = result[name]
        print(f"{label:<34}{r['rps']:>10.0f}{r['p50_ms']:>9.2f}{r['p99_ms']:>9.2f}{r['errors']:>8}")
    print(f"P1 cache / nginx  = {result['P1_cache_over_nginx']:.2f}")
    print(
        f"render / cache    = {result['P2_render_over_cache']:.3f}  (P2 is bench/wagtail_bench.py)"
    )
    save_result("page", result)


if __name__ == "__main__":
    main()
