"""Shared pieces of the benchmarks: a Newsdesk server on its own database, and wrk runs."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
# As `make run` (the Makefile's BACKPRESSURE): requests each worker takes on at once.
BACKPRESSURE = os.environ.get("BENCH_BACKPRESSURE", "16")


# Python run as the server (Server.python): a "Bench" section of 30 published stories by one
# writer, and an editor "bench-editor"; leaves `section`, `writer` and `editor` defined, so a
# benchmark appends its own lines (bench/publish_bench.py, bench/live_bench.py).
SEED_NEWSROOM = """
import json
import django; django.setup()
from datetime import timedelta
from django.contrib.auth.models import Group, User
from django.utils import timezone
from newsdesk.newsroom.models import Article, Byline, Section
from newsdesk.newsroom.services import contributor_create
section = Section.objects.create(name="Bench", slug="bench")
writer = contributor_create(display_name="Bench Writer", slug="bench-writer")
for i in range(30):
    a = Article.objects.create(headline=f"Older story {i}", slug=f"older-{i}", section=section,
        summary="A summary.", body="<p>" + "Paragraph of text. " * 80 + "</p>",
        status="published", publish_at=timezone.now() - timedelta(hours=i + 1))
    Byline.objects.create(article=a, contributor=writer)
editor = User.objects.create_user("bench-editor", is_staff=True)
editor.groups.add(Group.objects.get(name="Editor"))
"""


def need(tool: str, package: str) -> None:
    if shutil.which(tool) is None:
        sys.exit(f"{tool} is missing: apt-get install {package}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """Newsdesk under granian, as `make run` serves it, on a fresh database."""

    def __init__(
        self,
        *,
        postgres: bool = False,
        redis: bool = False,
        workers: int = 2,
        extra_env: dict[str, str] | None = None,
    ) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.pg_name = f"newsdesk_bench_{uuid.uuid4().hex[:8]}" if postgres else None
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.local",
            "NEWSDESK_DATA_DIR": str(self.tmp / "data"),
            "NEWSDESK_REDIS_PREFIX": f"newsdesk-bench-{uuid.uuid4().hex[:8]}",
            "DATABASE_URL": f"{PG_URL}/{self.pg_name}"
            if postgres
            else f"sqlite:///{self.tmp / 'bench.sqlite3'}",
            **(extra_env or {}),
        }
        if redis:
            self.env["REDIS_URL"] = REDIS_URL
        else:
            self.env.pop("REDIS_URL", None)
        self.process: subprocess.Popen | None = None
        self.log = ROOT / "bench" / "results" / f"server-{self.port}.log"
        self.log.parent.mkdir(exist_ok=True)

    def manage(self, *args: str, capture: bool = False) -> str:
        result = subprocess.run(
            [str(BIN / "newsdesk"), *args],
            env=self.env,
            check=True,
            capture_output=capture,
            text=True,
        )
        return result.stdout if capture else ""

    def python(self, code: str) -> str:
        return subprocess.run(
            [str(BIN / "python"), "-c", code],
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def prepare(self) -> Server:
        if self.pg_name:
            pg_create(self.pg_name)
        self.manage("migrate", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        return self

    def start(self) -> Server:
        self.process = subprocess.Popen(
            [
                str(BIN / "granian"),
                "--interface",
                "wsgi",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
                "--no-ws",
                "--backpressure",
                BACKPRESSURE,
                "--log-level",
                "error",
                "newsdesk.wsgi:application",
            ],
            env=self.env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=open(self.log, "ab"),  # noqa: SIM115 - the server's, for its lifetime
        )
        for _ in range(300):
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1)  # noqa: S310
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        if self.pg_name:
            pg_drop(self.pg_name)
        shutil.rmtree(self.tmp, ignore_errors=True)


def pg_create(name: str) -> None:
    subprocess.run(["psql", PG_URL + "/postgres", "-qc", f'CREATE DATABASE "{name}"'], check=True)


def pg_drop(name: str) -> None:
    subprocess.run(
        ["psql", PG_URL + "/postgres", "-qc", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'],
        check=False,
    )


@contextmanager
def bench_database(kind: str, prefix: str):
    """A fresh database for one in-process benchmark, removed afterwards: (url, data folder).

    ``kind`` is "sqlite" (a file in a new folder) or "postgres" (a new database on PG_URL).
    """
    tmp = tempfile.mkdtemp(prefix=f"newsdesk-{prefix}-")
    name = f"newsdesk_{prefix}_{uuid.uuid4().hex[:8]}"
    if kind == "sqlite":
        url = f"sqlite:///{tmp}/{prefix}.sqlite3"
    else:
        pg_create(name)
        url = f"{PG_URL}/{name}"
    try:
        yield url, tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if kind != "sqlite":
            from django.db import connections

            connections.close_all()
            pg_drop(name)


def alternate(targets: dict[str, str], *, seconds: int, runs: int) -> dict[str, list]:
    """A warm-up of each target, then ``runs`` rounds of one wrk run per target in turn."""
    for url in targets.values():
        wrk(url, seconds=2)
    results: dict[str, list] = {name: [] for name in targets}
    for _ in range(runs):
        for name, url in targets.items():
            results[name].append(wrk(url, seconds=seconds))
    return results


def wrk(
    url: str,
    *,
    seconds: int = 10,
    connections: int = 64,
    threads: int = 2,
    script: Path | None = None,
    args: tuple[str, ...] = (),
) -> dict[str, float]:
    """One wrk run: requests per second and latency percentiles (ms); ``args`` go to the
    script (bench/polls.lua takes the pause between a connection's requests, in ms)."""
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        cmd += ["-s", str(script)]
    tail = ["--", *args] if args else []
    out = subprocess.run([*cmd, url, *tail], check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    latency = {}
    for pct in ("50", "99"):
        m = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(m.group(1)), m.group(2)
        latency[pct] = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    result = {
        "rps": rps,
        "p50_ms": latency["50"],
        "p99_ms": latency["99"],
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "requests": requests,
    }
    # A script's own figures, printed as "bench <name>: <integer>" (bench/misses.lua).
    for name, value in re.findall(r"^bench (\w+): (\d+)$", out, re.MULTILINE):
        result[name] = int(value)
    return result


def median_of(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def save_result(name: str, data) -> Path:
    """Writes a benchmark's figures to bench/results/<name>.json (git ignores the folder)."""
    import json

    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    target = out / f"{name}.json"
    target.write_text(json.dumps(data, indent=2))
    return target
