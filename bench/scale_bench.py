"""P5: the article and home pages with 100k articles against the same pages with 1k.

    .venv/bin/python bench/scale_bench.py [--small 1000] [--large 100000] [--only sqlite|postgres]

For each size it builds a fresh newsroom (bench/popular_bench.py's generator: articles over 90
days with their view statistics), then renders the newest article's page and the home page
through Django (the page cache is in front of Django, so every request here is a render) and
reports the median time per render and the queries each page ran. Each size runs in its own
process, one after the other, on the same machine: the goal is large / small <= 1.2 with the
same query counts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import bench_database  # noqa: E402
from bench.popular_bench import generate, setup_django  # noqa: E402

ROUNDS = 300


def measure() -> dict:
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from newsdesk.newsroom.models import Article

    article = (
        Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__lte=timezone.now())
        .order_by("-publish_at")
        .first()
    )
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0")
    result = {}
    for name, url in (("article", article.get_absolute_url()), ("home", "/")):
        for _ in range(20):
            assert client.get(url).status_code == 200
        count = [0]

        def counter(execute, sql, params, many, context, count=count):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            client.get(url)
        times = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - start)
        result[name] = {
            "median_ms": statistics.median(times) * 1000,
            "queries": count[0],
        }
    return result


def run_one(kind: str, articles: int) -> None:
    with bench_database(kind, "scale") as (url, tmp):
        setup_django(url, tmp)
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        settings.ALLOWED_HOSTS = ["testserver"]
        generate(articles, articles * 100)
        if kind == "postgres":
            # A database in service has planner statistics (autovacuum gathers them); one
            # bulk-loaded a second ago does not yet.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        call_command("collectstatic", interactive=False, verbosity=0)
        print("RESULT " + json.dumps(measure()), flush=True)


def child(kind: str, articles: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--articles", str(articles)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--child", choices=["sqlite", "postgres"])
    parser.add_argument("--articles", type=int)
    args = parser.parse_args()
    if args.child:
        run_one(args.child, args.articles)
        return
    kinds = [args.only] if args.only else ["sqlite", "postgres"]
    report = []
    for kind in kinds:
        small, large = child(kind, args.small), child(kind, args.large)
        for page in ("article", "home"):
            s, b = small[page], large[page]
            row = {
                "backend": kind,
                "page": page,
                "small_ms": s["median_ms"],
                "large_ms": b["median_ms"],
                "ratio": b["median_ms"] / s["median_ms"],
                "queries": (s["queries"], b["queries"]),
            }
            report.append(row)
            print(
                f"{kind:<9}{page:<8} {args.small:>7} articles {s['median_ms']:6.2f} ms "
                f"({s['queries']} queries)   {args.large:>7} articles {b['median_ms']:6.2f} ms "
                f"({b['queries']} queries)   ratio {row['ratio']:.2f}",
                flush=True,
            )
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / "scale.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
