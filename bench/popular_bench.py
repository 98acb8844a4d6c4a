"""Popular Now with 100k articles and 10M counted views: how long the top six take.

    .venv/bin/python bench/popular_bench.py [--articles N] [--views N] [--only sqlite|postgres]

Builds a synthetic newsroom in a fresh database (a SQLite file under /tmp, or a new PostgreSQL
database that is dropped afterwards): articles spread over 90 days, 10M views spread over them
with more on recent stories, each article's forward-decayed score computed from its views. Then
it times the Popular Now selector against a primary-key lookup in the same run, and prints the
query plan so the index use can be checked.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import bench_database  # noqa: E402


def setup_django(database_url: str, data_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsdesk.settings.local"
    os.environ["DATABASE_URL"] = database_url
    os.environ["NEWSDESK_DATA_DIR"] = data_dir
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


def generate(n_articles: int, n_views: int) -> None:
    import random
    from datetime import timedelta

    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from tqdm import tqdm

    from newsdesk.audience import trending
    from newsdesk.audience.models import ArticleStats
    from newsdesk.newsroom.models import Article, Section

    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    now = timezone.now()
    sections = [Section.objects.create(name=f"Desk {i}", slug=f"desk-{i}") for i in range(8)]
    # Recent stories draw more readers: weights fall with age.
    ages = [rng.uniform(0, 90 * 24) for _ in range(n_articles)]
    weights = [1.0 / (1.0 + age / 12.0) for age in ages]
    scale = n_views / sum(weights)
    chunk = 5000
    with tqdm(total=n_articles, desc="articles", unit="article") as bar:
        for start in range(0, n_articles, chunk):
            with transaction.atomic():
                made = Article.objects.bulk_create(
                    Article(
                        headline=f"Synthetic story {i}",
                        slug=f"synthetic-{i}",
                        body="<p>x</p>",
                        section=sections[i % 8],
                        status=Article.Status.PUBLISHED,
                        publish_at=now - timedelta(hours=ages[i]),
                    )
                    for i in range(start, min(start + chunk, n_articles))
                )
                stats = []
                for offset, article in enumerate(made):
                    i = start + offset
                    views = max(1, int(weights[i] * scale))
                    # Views spread evenly between publication and now: the log of their summed
                    # weights, in closed form for a uniform spread.
                    first = trending.view_weight(now - timedelta(hours=ages[i]))
                    last = trending.view_weight(now)
                    score = trending.NO_WEIGHT
                    for k in range(min(views, 24)):
                        share = views / min(views, 24)
                        point = first + (last - first) * (k + 0.5) / min(views, 24)
                        score = trending.log_add(score, point + math.log(share))
                    stats.append(ArticleStats(article=article, views=views, trend=score))
                ArticleStats.objects.bulk_create(stats)
            bar.update(len(made))


def measure(label: str, rounds: int = 300) -> dict:
    from django.db import connection

    from newsdesk.audience.selectors import popular_now
    from newsdesk.newsroom.models import Article

    ids = list(Article.objects.values_list("pk", flat=True)[:1000])

    def timed(fn) -> list[float]:
        samples = []
        for i in range(rounds):
            t = time.perf_counter()
            fn(i)
            samples.append((time.perf_counter() - t) * 1000)
        return samples

    def by_pk(i):
        return Article.objects.get(pk=ids[i % len(ids)])

    def top(i):
        return popular_now()

    timed(top)
    reference = timed(by_pk)
    popular = timed(top)
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        popular_now()
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    plans = []
    with connection.cursor() as cursor:
        for query in ctx.captured_queries:
            cursor.execute(explain + query["sql"])
            plans.append("\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall()))
    plan = "\n--\n".join(plans)

    def p(samples, q):
        return statistics.quantiles(samples, n=100)[q - 1]

    return {
        "config": label,
        "pk_p50_ms": statistics.median(reference),
        "top6_p50_ms": statistics.median(popular),
        "top6_p95_ms": p(popular, 95),
        "ratio_p50": statistics.median(popular) / statistics.median(reference),
        "plan": plan,
    }


def run_one(kind: str, articles: int, views: int) -> None:
    with bench_database(kind, "popular") as (url, tmp):
        setup_django(url, tmp)
        generate(articles, views)
        result = measure("SQLite" if kind == "sqlite" else "PostgreSQL")
        print(
            f"{result['config']}: primary-key lookup p50 {result['pk_p50_ms']:.2f} ms; "
            f"Popular Now top six p50 {result['top6_p50_ms']:.2f} ms, "
            f"p95 {result['top6_p95_ms']:.2f} ms; ratio (p50) {result['ratio_p50']:.1f}x"
        )
        print("plan:\n" + result["plan"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--views", type=int, default=10_000_000)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    if args.only:
        run_one(args.only, args.articles, args.views)
        return
    # Each configuration in its own process: Django is set up once per process.
    for kind in ("sqlite", "postgres"):
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--only",
                kind,
                "--articles",
                str(args.articles),
                "--views",
                str(args.views),
            ],
            check=True,
        )


if __name__ == "__main__":
    main()
