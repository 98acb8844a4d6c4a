"""Newsdesk's cold render against Wagtail's uncached render, in one run.

    .venv/bin/python bench/wagtail_bench.py [--seconds 10] [--runs 3]

The project's goal for P2 is a Newsdesk article page rendered with the page cache off at
ten times or more the rate of the same kind of page from a stock, uncached Wagtail site.

The first run builds the Wagtail side once under .cache/bench-wagtail/ (git ignores .cache/):
a venv of its own (python3.11 -m venv) with wagtail 8.0.1 (or, if that release cannot be
had, the newest 8.x, else 7.x, and says which) and the same granian release as .venv. The
site is written by this script (the strings below): the apps and middleware of the project
`wagtail start` makes, DEBUG off, ALLOWED_HOSTS 127.0.0.1, SQLite, no cache backend nor
cache middleware (Wagtail's default), and one page model, ArticlePage (title and a rich-text
body), rendered by a small template. Under the default site's home page it creates one
article whose body is eight plain paragraphs of the text of page_bench's seed, about 12 KB.
Later runs reuse the build; it is redone when the site's source here or granian's release
changes. Delete .cache/bench-wagtail/ to force a new one.

Each run then serves that page from Wagtail under granian (2 workers, --backpressure as
bench/common.py's Server) and the article of page_bench's SEED from Newsdesk with the page
cache off (NEWSDESK_PAGE_CACHE_SECONDS=0, page_bench's "render" target), warms both, and
alternates wrk -t2 -c64 runs between them; a third target is Newsdesk again with the four
lists read on every render (NEWSDESK_LIST_CACHE_SECONDS=0), to show what keeping them brings.
It prints the medians (req/s, p50, p99), the ratio Newsdesk / Wagtail against the goal of 10,
and writes bench/results/wagtail.json. All servers are stopped on exit (their process
groups), also on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    BACKPRESSURE,
    BIN,
    ROOT,
    Server,
    alternate,
    free_port,
    median_of,
    need,
    save_result,
)
from page_bench import SEED  # noqa: E402

WAGTAIL_WANTED = "8.0.1"
GOAL = 10.0
CACHE = ROOT / ".cache" / "bench-wagtail"
VENV = CACHE / "venv"
SITE = CACHE / "refsite"
STAMP = CACHE / "built.json"
# As page_bench's seed paragraph, eight times: about 12 KB of plain paragraphs.
BODY = "".join("<p>" + "Paragraph of text. " * 80 + "</p>" for _ in range(8))

# The Wagtail site. Apps and middleware as the project `wagtail start` makes, so the page
# goes through what a stock Wagtail site's page does; no CACHES, no cache middleware.
SETTINGS = """
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "{secret}"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS = [
    "articles",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
ROOT_URLCONF = "refsite.urls"
TEMPLATES = [
    {{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {{
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        }},
    }},
]
WSGI_APPLICATION = "refsite.wsgi.application"
DATABASES = {{
    "default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
WAGTAIL_SITE_NAME = "refsite"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
LOGGING = {{
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {{"console": {{"class": "logging.StreamHandler"}}}},
    "root": {{"handlers": ["console"], "level": "WARNING"}},
}}
"""

URLS = """
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("", include(wagtail_urls)),
]
"""

WSGI = """
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "refsite.settings")
application = get_wsgi_application()
"""

MANAGE = """
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "refsite.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
"""

MODELS = """
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class ArticlePage(Page):
    summary = models.CharField(max_length=300, blank=True)
    body = RichTextField()

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
"""

TEMPLATE = """{% load wagtailcore_tags wagtailuserbar %}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ page.seo_title|default:page.title }} | refsite</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
{% if page.search_description %}
<meta name="description" content="{{ page.search_description }}">
{% endif %}
</head>
<body>
{% wagtailuserbar %}
<header><a href="/">Home</a></header>
<main>
<article>
<h1>{{ page.title }}</h1>
<p>{{ page.summary }}</p>
<time datetime="{{ page.first_published_at|date:"c" }}">
{{ page.first_published_at|date:"j F Y" }}</time>
{{ page.body|richtext }}
</article>
</main>
</body>
</html>
"""

SEED_WAGTAIL = f"""
import django; django.setup()
from wagtail.models import Site
from articles.models import ArticlePage
home = Site.objects.get(is_default_site=True).root_page
if not ArticlePage.objects.filter(slug="bench-article").exists():
    page = ArticlePage(title="Bench story", slug="bench-article", summary="A summary.",
        body={BODY!r})
    home.add_child(instance=page)
    page.save_revision().publish()
print(ArticlePage.objects.get(slug="bench-article").url)
"""

FILES = {
    "manage.py": MANAGE,
    "refsite/__init__.py": "",
    "refsite/settings.py": SETTINGS,
    "refsite/urls.py": URLS,
    "refsite/wsgi.py": WSGI,
    "articles/__init__.py": "",
    "articles/migrations/__init__.py": "",
    "articles/models.py": MODELS,
    "articles/templates/articles/article_page.html": TEMPLATE,
}


def granian_version() -> str:
    out = subprocess.run(
        [str(BIN / "granian"), "--version"], check=True, capture_output=True, text=True
    ).stdout
    return re.search(r"(\d+(?:\.\d+)+)", out).group(1)


def pip_install(*requirements: str) -> bool:
    result = subprocess.run(
        [str(VENV / "bin" / "pip"), "install", "-q", *requirements], capture_output=True, text=True
    )
    if result.returncode:
        print(result.stderr.strip()[-1500:], file=sys.stderr)
    return result.returncode == 0


def build_venv(granian: str) -> str:
    """The Wagtail venv; returns the Wagtail release installed."""
    shutil.rmtree(VENV, ignore_errors=True)
    python = shutil.which("python3.11")
    if python is None:
        sys.exit("python3.11 is missing")
    subprocess.run([python, "-m", "venv", str(VENV)], check=True)
    for spec in (f"wagtail=={WAGTAIL_WANTED}", "wagtail>=8,<9", "wagtail>=7,<8"):
        if pip_install(spec, f"granian=={granian}"):
            break
        print(f"could not install {spec}, trying the next", file=sys.stderr)
    else:
        sys.exit("no Wagtail 8.x or 7.x could be installed")
    return wagtail_installed()


def wagtail_installed() -> str:
    return subprocess.run(
        [str(VENV / "bin" / "python"), "-c", "import wagtail; print(wagtail.__version__)"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def site_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.pop("PYTHONPATH", None)
    return {**env, "DJANGO_SETTINGS_MODULE": "refsite.settings", "PYTHONPATH": str(SITE)}


def site_run(*args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [str(VENV / "bin" / "python"), *args],
        cwd=SITE,
        env=site_env(),
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout if capture else ""


def build_site() -> str:
    """Writes the Wagtail project, migrates and seeds it; returns the article's path."""
    shutil.rmtree(SITE, ignore_errors=True)
    for name, text in FILES.items():
        path = SITE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name == "refsite/settings.py":
            text = text.format(secret=secrets.token_urlsafe(40))
        path.write_text(text.lstrip("\n"))
    site_run("manage.py", "makemigrations", "articles", "-v0")
    site_run("manage.py", "migrate", "-v0")
    return site_run("-c", SEED_WAGTAIL, capture=True).strip().splitlines()[-1]


def build() -> dict[str, str]:
    """The Wagtail venv and site, built once and reused while this script's source agrees."""
    granian = granian_version()
    source = hashlib.sha256(json.dumps([FILES, SEED_WAGTAIL]).encode()).hexdigest()
    stamp = json.loads(STAMP.read_text()) if STAMP.exists() else {}
    CACHE.mkdir(parents=True, exist_ok=True)
    started, built = time.monotonic(), False
    if stamp.get("granian") != granian or not (VENV / "bin" / "granian").exists():
        print(f"building the Wagtail venv in {VENV} ...", flush=True)
        stamp, built = {"granian": granian, "wagtail": build_venv(granian)}, True
        STAMP.write_text(json.dumps(stamp))
    if stamp.get("source") != source or not (SITE / "db.sqlite3").exists():
        print(f"building the Wagtail site in {SITE} ...", flush=True)
        stamp.pop("source", None)
        STAMP.write_text(json.dumps(stamp))
        stamp.update(source=source, path=build_site())
        built = True
        STAMP.write_text(json.dumps(stamp))
    if built:
        print(f"built in {time.monotonic() - started:.0f} s", flush=True)
    if stamp["wagtail"] != WAGTAIL_WANTED:
        print(f"note: Wagtail {WAGTAIL_WANTED} was not to be had; using {stamp['wagtail']}")
    return stamp


def fetch(url: str) -> tuple[bytes, dict[str, str]]:
    with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310
        return r.read(), r.headers


def start_wagtail(path: str, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [
            str(VENV / "bin" / "granian"),
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
            "--no-ws",
            "--backpressure",
            BACKPRESSURE,
            "--log-level",
            "error",
            "--working-dir",
            str(SITE),
            "refsite.wsgi:application",
        ],
        cwd=SITE,
        env=site_env(),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=open(log, "ab"),  # noqa: SIM115 - the server's, for its lifetime
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        if process.poll() is not None:
            break
        try:
            fetch(url + path)
            return process, url
        except OSError:
            time.sleep(0.1)
    stop(process)
    raise RuntimeError(f"Wagtail did not start; see {log}")


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def on_sigterm(signum, frame) -> None:
    raise SystemExit(128 + signum)  # so that the finally below stops the servers


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    need("wrk", "wrk")
    stamp = build()
    signal.signal(signal.SIGTERM, on_sigterm)
    newsdesk = Server(extra_env={"NEWSDESK_PAGE_CACHE_SECONDS": "0"})
    # The same, reading the four lists on every render: what keeping them brings.
    fresh = Server(
        extra_env={"NEWSDESK_PAGE_CACHE_SECONDS": "0", "NEWSDESK_LIST_CACHE_SECONDS": "0"}
    )
    wagtail = None
    try:
        paths = {}
        for name, server in (("newsdesk", newsdesk), ("fresh", fresh)):
            server.prepare()
            paths[name] = server.python(SEED).strip().splitlines()[-1]
            server.start()
        log = newsdesk.log.with_name(f"wagtail-{newsdesk.port}.log")
        wagtail, wagtail_url = start_wagtail(stamp["path"], log)
        targets = {
            "newsdesk": newsdesk.url + paths["newsdesk"],
            "newsdesk_fresh_lists": fresh.url + paths["fresh"],
            "wagtail": wagtail_url + stamp["path"],
        }
        pages = {}
        for name, url in targets.items():
            for _ in range(3):
                pages[name], headers = fetch(url)
            assert headers.get("X-Cache") is None, (name, dict(headers))
            assert b"Paragraph of text." in pages[name], name
        runs = alternate(targets, seconds=args.seconds, runs=args.runs)
    finally:
        try:
            stop(wagtail)
        finally:
            try:
                newsdesk.stop()
            finally:
                fresh.stop()
    result = {
        name: {
            "rps": median_of(r, "rps"),
            "p50_ms": median_of(r, "p50_ms"),
            "p99_ms": median_of(r, "p99_ms"),
            "errors": sum(x["non2xx"] for x in r),
            "page_bytes": len(pages[name]),
        }
        for name, r in runs.items()
    }
    ratio = result["newsdesk"]["rps"] / result["wagtail"]["rps"]
    result.update(
        wagtail_version=stamp["wagtail"],
        granian_version=stamp["granian"],
        seconds=args.seconds,
        runs=args.runs,
        newsdesk_over_wagtail=ratio,
        goal=GOAL,
        met=ratio >= GOAL,
    )
    print(
        f"Wagtail {stamp['wagtail']}, granian {stamp['granian']} (2 workers, backpressure "
        f"{BACKPRESSURE}); wrk -t2 -c64 -d{args.seconds}s, median of {args.runs}"
    )
    print(f"{'target':<34}{'bytes':>7}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    labels = {
        "newsdesk": "Newsdesk, cache off (render)",
        "newsdesk_fresh_lists": "  same, lists read on every render",
        "wagtail": "Wagtail, uncached",
    }
    for name, label in labels.items():
        r = result[name]
        print(
            f"{label:<34}{r['page_bytes']:>7}{r['rps']:>10.0f}{r['p50_ms']:>9.2f}"
            f"{r['p99_ms']:>9.2f}{r['errors']:>8}"
        )
    verdict = "met" if ratio >= GOAL else "not met"
    print(f"Newsdesk / Wagtail = {ratio:.2f} (goal >= {GOAL:.0f}: {verdict})")
    save_result("wagtail", result)


if __name__ == "__main__":
    main()
