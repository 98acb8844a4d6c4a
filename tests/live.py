"""A real Newsdesk server in a subprocess (granian, as `make run` starts it) on its own database.

Used by the tests that need real concurrency or a real `kill -9`. The database follows the
suite's configuration: a fresh SQLite file, or a fresh PostgreSQL database (and Redis keys
under their own prefix) when the suite runs with DATABASE_URL and REDIS_URL.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from django.conf import settings

VENV_BIN = Path(sys.executable).parent

SEED = """
import django; django.setup()
from datetime import timedelta
from django.utils import timezone
from newsdesk.newsroom.models import Article, Section, Byline
from newsdesk.newsroom.services import contributor_create
s = Section.objects.create(name="Live", slug="live")
c = contributor_create(display_name="Live Writer", slug="live-writer")
for i in range(3):
    a = Article.objects.create(headline=f"Live story {i}", slug=f"live-story-{i}", section=s,
        body="<p>Live.</p>", status="published",
        publish_at=timezone.now() - timedelta(hours=i + 1))
    Byline.objects.create(article=a, contributor=c)
print(",".join(str(a.pk) for a in Article.objects.order_by("pk")))
"""


STARTED = """
import django, time; django.setup()
from django.core import signing
from newsdesk.comments.forms import STARTED_SALT
print(signing.dumps(int(time.time()) - 30, salt=STARTED_SALT))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(self, tmp_path: Path, extra_env: dict[str, str] | None = None) -> None:
        self.tmp = tmp_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        own = f"newsdesk-live-{uuid.uuid4().hex[:8]}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.local",
            "NEWSDESK_DATA_DIR": str(tmp_path / "data"),
            # Its own keys in a shared Redis: counters, and the caches with the page cache's
            # purge clock, which servers of other test modules (running beside it in the
            # suite's other process) would otherwise move, emptying its page cache.
            "NEWSDESK_REDIS_PREFIX": own,
            "NEWSDESK_CACHE_PREFIX": own,
            "NEWSDESK_JOB_QUEUE": own,  # its own job queue in a shared Redis
            "NEWSDESK_VIEW_FLUSH_SECONDS": "0.5",
            "NEWSDESK_PROXY_COUNT": "1",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
        self.pg_name = None
        if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
            self.pg_name = f"newsdesk_live_{uuid.uuid4().hex[:10]}"
            self._pg(f'CREATE DATABASE "{self.pg_name}"')
            db = settings.DATABASES["default"]
            self.env["DATABASE_URL"] = (
                f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
                f"{self.pg_name}"
            )
        else:
            self.env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'live.sqlite3'}"
        if settings.REDIS_URL:
            self.env["REDIS_URL"] = settings.REDIS_URL
        else:
            self.env.pop("REDIS_URL", None)
        self.env.update(extra_env or {})  # last, so a test can override any of the above
        self.process: subprocess.Popen | None = None
        self.article_ids: list[int] = []

    def twin(self) -> LiveServer:
        """A second server on its own port over the same database, data folder and Redis.

        Stop it with stop(); close() on the first server drops what they share.
        """
        other = LiveServer.__new__(LiveServer)
        other.__dict__.update(self.__dict__)
        other.port = free_port()
        other.url = f"http://127.0.0.1:{other.port}"
        other.env = dict(self.env)
        other.process = None
        return other

    def _pg(self, sql: str) -> None:
        import psycopg

        db = settings.DATABASES["default"]
        with psycopg.connect(
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
            user=db["USER"],
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(sql)

    def setup(self) -> LiveServer:
        newsdesk = str(VENV_BIN / "newsdesk")
        subprocess.run([newsdesk, "migrate", "-v0"], env=self.env, check=True, timeout=120)
        subprocess.run(
            [newsdesk, "collectstatic", "--noinput", "-v0"], env=self.env, check=True, timeout=120
        )
        self.article_ids = [int(x) for x in self.python(SEED).split(",")]
        return self

    def start(self) -> LiveServer:
        self.process = subprocess.Popen(
            [
                str(VENV_BIN / "granian"),
                "--interface",
                "wsgi",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                "2",
                "--no-ws",
                "--backpressure",
                "16",  # as `make run`
                "--log-level",
                "error",
                "newsdesk.wsgi:application",
            ],
            env=self.env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=open(self.tmp / "server.log", "ab"),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2) as r:
                    if r.status == 200:
                        return self
            except urllib.error.HTTPError as error:
                log = (self.tmp / "server.log").read_text()
                raise RuntimeError(f"the live server answered {error.code}: {log}") from error
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(
            "the live server did not start: " + (self.tmp / "server.log").read_text()
        )

    def start_worker(self) -> subprocess.Popen:
        """The job worker (`newsdesk run_huey`, as `make run` starts it) on this server's
        database and queue; stopped by close(), killed by kill_worker()."""
        worker = subprocess.Popen(
            [str(VENV_BIN / "newsdesk"), "run_huey", "--workers", "2", "--quiet"],
            env=self.env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=open(self.tmp / "worker.log", "ab"),
        )
        self.workers = [*getattr(self, "workers", []), worker]
        return worker

    def kill_worker(self) -> None:
        """kill -9 of every job worker."""
        for worker in getattr(self, "workers", []):
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(timeout=10)
        self.workers = []

    def kill(self) -> None:
        """kill -9 of the whole server: granian's main process and its workers."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def _run(self, *command: str) -> str:
        """A command in this server's environment; its standard output."""
        return subprocess.run(
            command, env=self.env, check=True, timeout=120, capture_output=True, text=True
        ).stdout

    def python(self, code: str) -> str:
        """Runs ``code`` in a Python process configured as this server; its last output line."""
        return self._run(sys.executable, "-c", code).strip().splitlines()[-1]

    def comment_started_token(self) -> str:
        """The signed form-start time a comment form carries, as if shown 30 s ago."""
        return self.python(STARTED)

    def manage(self, *args: str) -> str:
        return self._run(str(VENV_BIN / "newsdesk"), *args)

    def close(self) -> None:
        for worker in getattr(self, "workers", []):
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(worker.pid, signal.SIGKILL)
        self.workers = []
        self.stop()
        if settings.REDIS_URL:
            import redis

            client = redis.Redis.from_url(settings.REDIS_URL)
            # Its counters (prefix:) and its caches (prefix:, prefix-pages:, ...).
            for key in client.scan_iter(match=f"{self.env['NEWSDESK_REDIS_PREFIX']}*"):
                client.delete(key)
            # Its job queue: huey names its keys after the queue name with only its letters
            # and digits kept.
            queue = re.sub(r"[^A-Za-z0-9_]", "", self.env["NEWSDESK_JOB_QUEUE"])
            for key in client.scan_iter(match=f"huey.*{queue}*"):
                client.delete(key)
        if self.pg_name:
            self._pg(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')


def shown_views(base: str, article_id: int, *, at_least: int, timeout: float = 10.0) -> int:
    """The article's live count once it reaches at_least, or when timeout runs out.

    Without Redis a view is acknowledged once it is in the server's view journal and joins
    the count when the journal is written through, a moment later (audience.journal); once
    the count is there, a second look a writer round later shows nothing more is added.
    """
    import json

    def read() -> int:
        with urllib.request.urlopen(f"{base}/audience/views/{article_id}/", timeout=10) as r:
            return json.loads(r.read())["views"]

    deadline = time.monotonic() + timeout
    count = read()
    while count < at_least and time.monotonic() < deadline:
        time.sleep(0.05)
        count = read()
    time.sleep(0.6)  # one idle round of the journal writer (IDLE_WAKE_SECONDS)
    return max(count, read())
