"""Search latency with 100,000 articles, on SQLite and on PostgreSQL.

    .venv/bin/python bench/search_bench.py [--articles 100000] [--runs 25] \
        [--backends sqlite,postgres] [--keep] [--json FILE]

For each backend it builds a fresh database (a SQLite file under /tmp; a PostgreSQL database
created here and dropped at the end, from BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432),
applies the migrations, generates the same synthetic newsroom (seeded: English and Korean
stories, Zipf-distributed words, six years of publish times, drafts, scheduled and
unpublished pieces), indexes it with the reindex service, and then times a set of queries:

- "selector": what the search page asks the database (count, page of ids, the page's articles)
  and the highlighting;
- "page": the whole search page through Django's test client (middleware, view, template).

It prints p50/p95 per query and over all queries, the indexing time and the time an edit
takes to be searchable. The goal is absolute (page p95 under 50 ms), but these machines are
shared and their speed varies threefold from hour to hour, so each run also times a yardstick
between the searches: the same search page asked with no query (same middleware, view, form
and template; no search). The page's p95 over that page's p50 is comparable between runs; a
fixed Python loop, timed before and after, says how fast the machine was.

The figures go into docs/search.md. Not a test: nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
PG_NAME = "newsdesk_search_bench"
SQLITE_PATH = Path(tempfile.gettempdir()) / "newsdesk-search-bench.sqlite3"
SEED = 8

# (label, query string, filters); filters name a section slug, a contributor slug or a range.
QUERIES = [
    ("rare word", "hypersonic", {}),
    ("medium word", "procurement", {}),
    ("common word", "army", {}),
    ("two words", "navy drone", {}),
    ("phrase", '"missile defense"', {}),
    ("no match", "zeppelin", {}),
    ("common, section", "army", {"section": "land"}),
    ("common, 90 days", "army", {"days": 90}),
    ("common, page 3", "army", {"page": 3}),
    ("common, contributor", "readiness", {"contributor": "writer-7"}),
    ("ko 2 syllables", "국방", {}),
    ("ko 3 syllables", "미사일", {}),
    ("ko two words", "북한 미사일", {}),
    ("ko 1 syllable", "핵", {}),
    ("syntax chars", '"drone AND (navy OR*', {}),
]

# Real words of a defense desk, by how common they are (their Zipf rank is set below).
# fmt: off
ENGLISH = {
    "the": 1, "of": 2, "and": 3, "to": 4, "in": 5, "a": 6, "said": 8, "for": 9, "on": 10,
    "that": 12, "with": 14, "military": 25, "army": 40, "defense": 60, "missile": 80,
    "drone": 90, "forces": 100, "navy": 120, "budget": 150, "ministry": 200,
    "procurement": 400, "readiness": 600, "submarine": 800, "artillery": 1000,
    "frigate": 1500, "hypersonic": 2500, "logistics": 3000,
}
KOREAN = {
    "국방부": 3, "정부": 5, "훈련": 8, "북한": 10, "군": 12, "발표": 15, "국방": 20, "미사일": 40,
    "해군": 50, "공군": 60, "안보": 80, "동맹": 100, "전차": 150, "잠수함": 300, "핵": 400,
    "합참": 500,
}
# fmt: on
PARTICLES = ["", "", "는", "은", "가", "이", "를", "을", "의", "에서", "와"]


def vocabulary(rnd: random.Random, real: dict[str, int], size: int, make) -> list[str]:
    words = []
    seen = set(real)
    while len(words) < size:
        word = make()
        if word not in seen:
            seen.add(word)
            words.append(word)
    for word, rank in sorted(real.items(), key=lambda item: item[1]):
        words.insert(rank - 1, word)
    return words


class Corpus:
    """A seeded newsroom: the same stories for every backend."""

    def __init__(self, seed: int) -> None:
        rnd = self.rnd = random.Random(seed)
        syllables = ["ka", "ri", "to", "mo", "ne", "sa", "lu", "pe", "vi", "da", "gor", "en"]
        self.english = vocabulary(
            rnd, ENGLISH, 20000, lambda: "".join(rnd.choices(syllables, k=rnd.randint(2, 4)))
        )
        hangul = [chr(c) for c in range(0xAC00, 0xD7A4, 37)]
        self.korean = vocabulary(
            rnd, KOREAN, 8000, lambda: "".join(rnd.choices(hangul, k=rnd.randint(2, 3)))
        )
        self.en_weights = list(itertools.accumulate(1 / r for r in range(1, len(self.english) + 1)))
        self.ko_weights = list(itertools.accumulate(1 / r for r in range(1, len(self.korean) + 1)))

    def words(self, count: int, korean: bool) -> str:
        if korean:
            picked = self.rnd.choices(self.korean, cum_weights=self.ko_weights, k=count)
            return " ".join(w + self.rnd.choice(PARTICLES) for w in picked)
        return " ".join(self.rnd.choices(self.english, cum_weights=self.en_weights, k=count))

    def story(self) -> tuple[str, str, str]:
        korean = self.rnd.random() < 0.2
        headline = self.words(self.rnd.randint(6, 10), korean).capitalize()
        summary = self.words(self.rnd.randint(15, 30), korean)
        paragraphs = [self.words(self.rnd.randint(30, 60), korean) for _ in range(4)]
        if not korean and self.rnd.random() < 0.02:
            paragraphs[1] += " missile defense"
        body = "".join(f"<p>{p}.</p>" for p in paragraphs)
        return headline, summary, body


# The child: one backend, inside Django.


def build(count: int) -> dict:
    from django.contrib.auth.hashers import make_password  # noqa: F401  (app registry ready)
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from tqdm import tqdm

    from newsdesk.newsroom.models import Article, Byline, Contributor, Section
    from newsdesk.search.services import index_rebuild

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    sections = Section.objects.bulk_create(
        Section(name=name.capitalize(), slug=name, position=i)
        for i, name in enumerate(["land", "sea", "air", "cyber", "space", "policy", "industry"])
    )
    contributors = Contributor.objects.bulk_create(
        Contributor(display_name=f"Writer {n}", slug=f"writer-{n}", public_id=f"CP-2020-{n:04d}")
        for n in range(200)
    )
    corpus = Corpus(SEED)
    rnd = corpus.rnd
    now = timezone.now()
    span = timedelta(days=6 * 365)
    statuses = (
        [Article.Status.PUBLISHED] * 93
        + [Article.Status.DRAFT] * 4
        + [Article.Status.UNPUBLISHED] * 2
        + [Article.Status.IN_REVIEW]
    )
    with tqdm(total=count, desc="articles", unit="article", file=sys.stderr) as bar:
        for start in range(0, count, 2000):
            batch = []
            for i in range(start, min(count, start + 2000)):
                headline, summary, body = corpus.story()
                # Older articles first, so ids follow publish times as in a real newsroom.
                when = now - span + span * (i / count) + timedelta(hours=rnd.uniform(-12, 12))
                status = rnd.choice(statuses)
                if i >= count - count // 200:
                    when = now + timedelta(days=rnd.uniform(0.1, 5))  # scheduled
                batch.append(
                    Article(
                        headline=headline[:200],
                        slug=f"story-{i}",
                        summary=summary[:400],
                        body=body,
                        section=sections[rnd.randrange(len(sections))],
                        status=status,
                        publish_at=when if status != Article.Status.DRAFT else None,
                    )
                )
            made = Article.objects.bulk_create(batch)
            Byline.objects.bulk_create(
                Byline(article=a, contributor=c, position=p)
                for a in made
                for p, c in enumerate(rnd.sample(contributors, rnd.choice([1, 1, 1, 2])))
            )
            bar.update(len(made))
    loaded = time.monotonic() - started

    started = time.monotonic()
    with tqdm(total=count, desc="index", unit="article", file=sys.stderr) as bar:
        index_rebuild(chunk_size=1000, on_progress=bar.update)
    indexed = time.monotonic() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {"load_seconds": round(loaded, 1), "index_seconds": round(indexed, 1)}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(runs: int) -> dict:
    from django.test import Client
    from django.utils import timezone

    from newsdesk.newsroom.models import Article, Contributor, Section
    from newsdesk.newsroom.services import article_save
    from newsdesk.search.analysis import parse_query
    from newsdesk.search.selectors import search_results, search_scope

    client = Client()
    sections = {s.slug: s for s in Section.objects.all()}
    contributors = {c.slug: c for c in Contributor.objects.all()}

    def scope_of(filters):
        today = timezone.localdate()
        return search_scope(
            section=sections.get(filters.get("section")),
            contributor=contributors.get(filters.get("contributor")),
            date_from=today - timedelta(days=filters["days"]) if "days" in filters else None,
        )

    def selector(text, filters):
        results = search_results(query=parse_query(text), scope=scope_of(filters))
        pages = max(1, -(-results.count() // 20))
        page = min(filters.get("page", 1), pages)
        hits = results[(page - 1) * 20 : page * 20]
        return results.total, hits

    def page(text, filters):
        params = {"q": text}
        for key in ("section", "contributor", "page"):
            if key in filters:
                params[key] = filters[key]
        if "days" in filters:
            params["date_from"] = str(timezone.localdate() - timedelta(days=filters["days"]))
        response = client.get("/search/", params)
        assert response.status_code == 200, (text, response.status_code)

    def reference():
        # The same page with nothing to search: middleware, view, form, template, the filter
        # choices' two queries. Timed between the searches, it is the run's own yardstick.
        response = client.get("/search/")
        assert response.status_code == 200, response.status_code

    rows = []
    all_selector, all_page, reference_ms = [], [], []
    reference()
    for label, text, filters in QUERIES:
        total, hits = selector(text, filters)  # warm-up
        page(text, filters)
        selector_ms, page_ms = [], []
        for _ in range(runs):
            t = time.perf_counter()
            reference()
            reference_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            selector(text, filters)
            selector_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            page(text, filters)
            page_ms.append((time.perf_counter() - t) * 1000)
        all_selector += selector_ms
        all_page += page_ms
        rows.append(
            {
                "label": label,
                "query": text,
                "matches": total,
                "selector_p50": statistics.median(selector_ms),
                "selector_p95": percentile(selector_ms, 0.95),
                "page_p50": statistics.median(page_ms),
                "page_p95": percentile(page_ms, 0.95),
            }
        )

    # An edit, then the same search: how long the save (with its index write) takes.
    editor = _editor()
    edit_ms = []
    live = Article.objects.live().order_by("-publish_at")
    ids = list(live.values_list("pk", flat=True)[:20])
    for n, pk in enumerate(ids):
        article = Article.objects.get(pk=pk)
        article.headline = f"Quokka sighting {n}"
        t = time.perf_counter()
        article_save(article=article, user=editor)
        edit_ms.append((time.perf_counter() - t) * 1000)
        assert any(h.article.pk == pk for h in selector(f"quokka {n}", {})[1]), pk
    return {
        "rows": rows,
        "selector_p50": statistics.median(all_selector),
        "selector_p95": percentile(all_selector, 0.95),
        "page_p50": statistics.median(all_page),
        "page_p95": percentile(all_page, 0.95),
        "reference_p50": statistics.median(reference_ms),
        "reference_p95": percentile(reference_ms, 0.95),
        "edit_p50": statistics.median(edit_ms),
        "edit_max": max(edit_ms),
    }


def _editor():
    from django.contrib.auth import get_user_model

    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True, "is_superuser": True}
    )
    return user


def child(backend: str, count: int, runs: int) -> None:
    import django

    django.setup()
    from django.db import connection

    result = {"backend": backend, "vendor": connection.vendor, "articles": count}
    result.update(build(count))
    # Both databases are built at once; queries are timed one backend at a time.
    print("BUILT", flush=True)
    sys.stdin.readline()
    result.update(measure(runs))
    print("RESULT " + json.dumps(result), flush=True)


# The parent: databases, children, the table.


def start_backend(backend: str, count: int, runs: int) -> subprocess.Popen:
    env = {
        key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "newsdesk.settings.test"
    env["PYTHONPATH"] = str(ROOT)
    if backend == "sqlite":
        drop_sqlite()
        env["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
    else:
        _pg_admin(f"DROP DATABASE IF EXISTS {PG_NAME}", f"CREATE DATABASE {PG_NAME}")
        env["DATABASE_URL"] = f"{PG_URL}/{PG_NAME}"
    args = [sys.executable, __file__, "--child", backend, "--articles", str(count)]
    return subprocess.Popen(
        [*args, "--runs", str(runs)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def read_until(process: subprocess.Popen, prefix: str) -> str:
    for line in process.stdout:
        if line.startswith(prefix):
            return line.strip()
    raise SystemExit(f"a benchmark process stopped (exit {process.wait()})")


def drop_sqlite() -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)


def _pg_admin(*statements: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def table(results: list[dict]) -> str:
    lines = []
    head = f"| query | {' | '.join(r['backend'] + ' matches' for r in results)} |"
    for r in results:
        head += f" {r['backend']} page p50 / p95 ms |"
    lines.append(head)
    lines.append("|" + "---|" * (1 + 2 * len(results)))
    for i, (label, text, _) in enumerate(QUERIES):
        cells = [f"{label}: `{text}`"]
        cells += [f"{r['rows'][i]['matches']:,}" for r in results]
        cells += [
            f"{r['rows'][i]['page_p50']:.1f} / {r['rows'][i]['page_p95']:.1f}" for r in results
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "| backend | page p50 | page p95 | selector p50 | selector p95 "
        "| page without a query p50 / p95 | page p95 / that p50 | index | edit, searchable |"
    )
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        lines.append(
            f"| {r['backend']} | {r['page_p50']:.1f} ms | {r['page_p95']:.1f} ms "
            f"| {r['selector_p50']:.1f} ms | {r['selector_p95']:.1f} ms "
            f"| {r['reference_p50']:.1f} / {r['reference_p95']:.1f} ms "
            f"| {r['page_p95'] / r['reference_p50']:.1f} x "
            f"| {r['index_seconds']:.0f} s | {r['edit_p50']:.1f} ms (max {r['edit_max']:.1f}) |"
        )
    return "\n".join(lines)


def python_loop_seconds() -> float:
    """How long 20 million additions take in pure Python: the machine's speed of the moment."""
    started = time.perf_counter()
    total = 0
    for i in range(20_000_000):
        total += i
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=25, help="timed runs of each query")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.articles, args.runs)
        return
    started = time.monotonic()
    loop_before = python_loop_seconds()
    backends = args.backends.split(",")
    processes = {b: start_backend(b, args.articles, args.runs) for b in backends}
    results = []
    try:
        for process in processes.values():
            read_until(process, "BUILT")
        for process in processes.values():
            process.stdin.write("go\n")
            process.stdin.flush()
            line = read_until(process, "RESULT ")
            results.append(json.loads(line.removeprefix("RESULT ")))
            process.wait()
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
        if not args.keep:
            drop_sqlite()
            if "postgres" in backends:
                _pg_admin(f"DROP DATABASE IF EXISTS {PG_NAME}")
    print(table(results))
    print(
        f"\n{os.cpu_count()} cores; whole run {time.monotonic() - started:.0f} s; "
        f"a fixed Python loop took {loop_before:.2f} s before and "
        f"{python_loop_seconds():.2f} s after"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
