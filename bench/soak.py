"""Soak with faults (issue 16): mixed traffic on PostgreSQL + Redis with two server processes,
while one server is killed, Redis restarted and PostgreSQL paused. Shared by
bench/soak_bench.py (10 minutes) and tests/soak/test_soak.py (60 s).

Everything the faults touch is the run's own: a PostgreSQL cluster made with initdb in a
temporary folder and a redis-server, each on a free port, so pausing or restarting them never
touches the machine's shared servers (other tests use them at the same time).

Traffic, from threads of this process:
- readers: article pages (60 %), home (20 %), section (20 %), alternating between the servers;
- beacons: one in ten of the readers' requests is an article's view beacon, each from its own
  reader (a new forwarded address: the servers trust one proxy hop, as behind a balancer), so
  every beacon answered 204 is a counted view;
- comments: two threads, each a new reader that fetches the comment form, waits as a person
  would (the form refuses a post sent under 3 s), and posts a unique text;
- an editor: a separate Python process publishing a new article through
  newsroom.services.article_publish every few seconds, printing each commit's time;
- a poller: home and section on both servers, back to back, noting when each new headline is
  first seen on each page (publish to visible, P6).
"""

from __future__ import annotations

import contextlib
import http.client
import itertools
import json
import math
import os
import random
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import BIN, Server, free_port

PG_BIN = Path("/usr/lib/postgresql/15/bin")
REDIS_SERVER = "/usr/bin/redis-server"
UA = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
# After a fault ends, the Redis breaker keeps a process away from Redis (beacons 503, pages
# uncached) for NEWSDESK_REDIS_RETRY_SECONDS (5 s) after its last error; one more second for
# the requests in flight when the fault ended. A request that overlaps a fault or this grace
# after it is "in a fault window".
GRACE_SECONDS = 6.0
FAULT_SECONDS = 3.0  # how long each fault lasts: server down, Redis down, PostgreSQL paused
P6_BOUND_SECONDS = 1.0  # publish commit to the first response showing it, p99
RSS_TOLERANCE_MB = 16.0  # a flat process: end RSS at most this far above its start
POLLED = ("/", "/section/soak/")  # the pages a new article must reach (P6)
FLUSH_SECONDS = 2.0  # NEWSDESK_VIEW_FLUSH_SECONDS, the default; the views Redis may lose


def unavailable() -> str | None:
    """Why this machine cannot run the soak, or None."""
    if os.geteuid() != 0:
        return "the soak makes its own PostgreSQL cluster with runuser, which needs root"
    for tool in ("/usr/sbin/runuser", str(PG_BIN / "initdb"), str(PG_BIN / "pg_ctl"), REDIS_SERVER):
        if not Path(tool).exists():
            return f"{tool} is missing"
    try:
        import pwd

        pwd.getpwnam("postgres")
    except KeyError:
        return "there is no postgres user to run a PostgreSQL cluster as"
    return None


# ---------------------------------------------------------------------------------------------
# The run's own PostgreSQL and Redis


class OwnPostgres:
    """A PostgreSQL 15 cluster in a temporary folder, trust auth on 127.0.0.1, a free port."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="newsdesk-soak-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/newsdesk"
        self.paused = False

    def _as_postgres(self, *command: str) -> None:
        subprocess.run(
            ["/usr/sbin/runuser", "-u", "postgres", "--", *command],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> OwnPostgres:
        shutil.chown(self.dir, "postgres", "postgres")
        self._as_postgres(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--no-sync",
        )  # fmt: skip
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        self._as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.dir / "log"), "-w",
            "-o", options, "start",
        )  # fmt: skip
        subprocess.run(
            ["psql", f"postgres://postgres@127.0.0.1:{self.port}/postgres", "-qc",
             "CREATE DATABASE newsdesk"],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        return self

    def pids(self) -> list[int]:
        """The postmaster, then every process it started (backends, checkpointer, ...)."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        return [postmaster, *children(postmaster)]

    def pause(self) -> None:
        """SIGSTOP the postmaster first (it forks no new backend), then its children."""
        self.paused = True
        for pid in self.pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGSTOP)

    def resume(self) -> None:
        for pid in reversed(self.pids()):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        self.paused = False

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.resume()
        with contextlib.suppress(Exception):
            self._as_postgres(
                str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"
            )
        shutil.rmtree(self.dir, ignore_errors=True)


class OwnRedis:
    """redis-server on a free port, keeping nothing on disk (as the README's loss table)."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="newsdesk-soak-redis-"))
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> OwnRedis:
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        import redis

        client = redis.Redis(port=self.port, socket_timeout=1)
        deadline = time.monotonic() + 30
        while True:
            try:
                client.ping()
                return self
            except redis.exceptions.RedisError:
                if time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)

    def stop(self) -> None:
        """As `systemctl stop redis` does: SIGTERM; with no persistence, everything is gone."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


def children(pid: int) -> list[int]:
    """Every descendant of pid (from /proc; no psutil in the environment)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


# ---------------------------------------------------------------------------------------------
# Newsdesk: seed, the editor process, and the two servers


# Seeds a small newsroom (prints its articles as one JSON line), waits for "g" on its standard
# input, then publishes a new article every EVERY seconds until that input closes. Each line out:
# the commit's time, taken by an on_commit callback registered before the service's own (so it
# runs first, before the service's purges), and when the call returned.
EDITOR = """
import json, select, sys, time
import django; django.setup()
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone
from newsdesk.newsroom.models import Article, Byline, Section
from newsdesk.newsroom.services import article_publish, article_save, contributor_create
run, every = sys.argv[1], float(sys.argv[2])
section = Section.objects.create(name="Soak", slug="soak")
writer = contributor_create(display_name="Soak Writer", slug="soak-writer")
editor = get_user_model().objects.create_user("soak-editor", "soak@example.test", is_staff=True)
editor.groups.add(Group.objects.get(name="Editor"))
editor = get_user_model().objects.get(pk=editor.pk)
articles = []
for i in range(6):
    a = Article.objects.create(headline=f"Standing story {i}", slug=f"standing-story-{i}",
        section=section, body="<p>Standing.</p>", status="published",
        publish_at=timezone.now() - timedelta(hours=i + 1))
    Byline.objects.create(article=a, contributor=writer)
    articles.append({"id": a.pk, "url": a.get_absolute_url()})
print(json.dumps(articles), flush=True)
if sys.stdin.read(1) != "g":
    sys.exit()
n = 0
while True:
    ready, _, _ = select.select([sys.stdin], [], [], every)
    if ready and not sys.stdin.read(1):
        break
    n += 1
    started = time.time()
    try:
        article = article_save(
            article=Article(headline=f"Soak story {run} {n}", slug=f"soak-story-{run}-{n}",
                            section=section, body=f"<p>Soak story {n}.</p>"),
            user=editor, contributors=[writer])
        stamp = []
        with transaction.atomic():
            transaction.on_commit(lambda: stamp.append(time.time()))
            article_publish(article=article, user=editor)
        print(json.dumps({"n": n, "id": article.pk, "url": article.get_absolute_url(),
                          "started": started, "commit": stamp[0], "returned": time.time()}),
              flush=True)
    except Exception as error:
        print(json.dumps({"n": n, "error": repr(error), "at": time.time()}), flush=True)
        connection.close()
"""

# Writes every view Redis holds through to SQL (until a flush finds none), then reads what SQL
# holds: the comments among the texts in the file named by argv[1], and each article's views.
COUNTS = """
import json, sys, time
import django; django.setup()
from newsdesk.audience.models import ArticleStats
from newsdesk.audience.stores import get_store
from newsdesk.comments.models import Comment
deadline = time.monotonic() + 30
while get_store().flush(force=True) and time.monotonic() < deadline:
    pass
texts = json.load(open(sys.argv[1]))
stored = set(Comment.objects.filter(text__in=texts).values_list("text", flat=True))
views = dict(ArticleStats.objects.values_list("article_id", "views"))
print(json.dumps({"comments": sorted(stored), "views": {str(k): v for k, v in views.items()}}))
"""


class SoakServer(Server):
    """bench.common.Server, one granian worker, on the run's own PostgreSQL and Redis."""

    def __init__(self, env: dict[str, str] | None = None, **options) -> None:
        super().__init__(workers=1, **options)
        if env is not None:  # a second server over the same database, data folder and Redis
            self.env = dict(env)

    def worker_pid(self) -> int | None:
        if not self.process or self.process.poll() is not None:
            return None
        found = children(self.process.pid)
        return found[0] if found else None

    def kill(self) -> None:
        """kill -9 of the whole server (granian's main process and its worker)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=20)


# ---------------------------------------------------------------------------------------------
# Traffic


@dataclass
class Hit:
    kind: str  # page, beacon, form, comment, poll
    server: int
    sent: float
    done: float
    status: int  # 0: no answer (refused, reset, timed out)
    retry_after: bool = False
    article: int | None = None
    note: str = ""


@dataclass
class Traffic:
    servers: list[SoakServer]
    articles: list[dict]  # {"id", "url"}; the editor's new ones are appended
    run: str
    rate: float  # readers' requests a second, beacons included, all reader threads together
    readers: int = 4
    stop: threading.Event = field(default_factory=threading.Event)
    hits: list[Hit] = field(default_factory=list)
    comments: list[dict] = field(default_factory=list)  # {"text", "acknowledged", ...}
    first_seen: dict[tuple[int, str, int], float] = field(default_factory=dict)
    addresses: itertools.count = field(default_factory=lambda: itertools.count(1))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def request(self, index: int, kind: str, method: str, path: str, **extra) -> tuple[Hit, bytes]:
        headers = {"User-Agent": UA, **extra.pop("headers", {})}
        body = extra.pop("body", None)
        sent = time.time()
        host = urllib.parse.urlsplit(self.servers[index].url).netloc
        connection = http.client.HTTPConnection(host, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            hit = Hit(
                kind, index, sent, time.time(), response.status,
                retry_after=response.getheader("Retry-After") is not None,
                note=response.getheader("Location") or "", **extra,
            )  # fmt: skip
        except (OSError, http.client.HTTPException) as error:
            hit, data = Hit(kind, index, sent, time.time(), 0, note=repr(error), **extra), b""
        finally:
            connection.close()
        self.hits.append(hit)
        return hit, data

    def address(self, first: int) -> str:
        n = next(self.addresses)
        return f"{first}.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"

    def reader(self, number: int) -> None:
        rng = random.Random(number)
        gap = self.readers / self.rate
        due = time.monotonic()
        i = number
        while not self.stop.is_set():
            i += 1
            index = i % len(self.servers)
            article = rng.choice(self.articles)
            roll = rng.random()
            if roll < 0.1:
                origin = self.servers[index].url
                self.request(
                    index, "beacon", "POST", "/audience/views/",
                    body=f"article={article['id']}",
                    headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": origin,
                             "Sec-Fetch-Site": "same-origin", "X-Forwarded-For": self.address(10)},
                    article=article["id"],
                )  # fmt: skip
            elif roll < 0.64:
                self.request(index, "page", "GET", article["url"])
            elif roll < 0.82:
                self.request(index, "page", "GET", "/")
            else:
                self.request(index, "page", "GET", "/section/soak/")
            due += gap
            self.stop.wait(max(0.0, due - time.monotonic()))

    def commenter(self, number: int) -> None:
        rng = random.Random(1000 + number)
        while not self.stop.is_set():
            index = rng.randrange(len(self.servers))
            article = rng.choice(self.articles)
            _hit, form = self.request(index, "form", "GET", f"/comments/{article['id']}/")
            found = re.search(rb'name="started" value="([^"]+)"', form)
            if not found:
                self.stop.wait(1)
                continue
            if self.stop.wait(3.2):  # the form refuses a post sent under 3 s after drawing
                return
            text = f"Soak comment {self.run} {number}-{uuid.uuid4().hex[:12]}"
            data = urllib.parse.urlencode(
                {"name": f"Reader {number}", "text": text, "started": found.group(1).decode()}
            )
            hit, _ = self.request(
                index, "comment", "POST", f"/comments/{article['id']}/",
                body=data,
                headers={"Content-Type": "application/x-www-form-urlencoded",
                         "Origin": self.servers[index].url, "X-Forwarded-For": self.address(172)},
                article=article["id"],
            )  # fmt: skip
            # Acknowledged: the 303 to the comment (approved) or to the held notice. A 303
            # back to the bare article is the bot check dropping it: not acknowledged.
            acknowledged = hit.status == 303 and ("#comment-" in hit.note or "=held" in hit.note)
            with self.lock:
                self.comments.append(
                    {"text": text, "acknowledged": acknowledged, "status": hit.status,
                     "done": hit.done, "dropped": hit.status == 303 and not acknowledged}
                )  # fmt: skip

    def poller(self, index: int, path: str) -> None:
        """One page of one server, back to back: when each new headline is first seen there."""
        pattern = re.compile(rf"Soak story {self.run} (\d+)\b".encode())
        while not self.stop.is_set():
            hit, body = self.request(index, "poll", "GET", path)
            for n in pattern.findall(body):
                self.first_seen.setdefault((index, path, int(n)), hit.done)
            # 25 ms between polls: the figure's resolution, and no load of the poller's own.
            self.stop.wait(0.25 if hit.status == 0 else 0.025)


# ---------------------------------------------------------------------------------------------
# The run


def run(
    *,
    seconds: int = 60,
    warmup: float = 5.0,
    publish_every: float = 3.0,
    rate: float = 150.0,
    log=print,
) -> dict:
    """One soak; the figures and the checks' verdicts (``checks``: name -> (passed, detail))."""
    reason = unavailable()
    if reason:
        raise RuntimeError(reason)
    started_at = time.time()
    postgres, redis_server = OwnPostgres(), OwnRedis()
    servers: list[SoakServer] = []
    editor: subprocess.Popen | None = None
    try:
        postgres.start()
        redis_server.start()
        log(
            f"PostgreSQL on {postgres.port}, Redis on {redis_server.port}: "
            f"{time.time() - started_at:.0f} s"
        )
        first = SoakServer(
            extra_env={
                "DATABASE_URL": postgres.url,
                "NEWSDESK_PROXY_COUNT": "1",  # the readers come through one proxy of ours
                "NEWSDESK_VIEW_FLUSH_SECONDS": str(FLUSH_SECONDS),
            }
        )
        first.env["REDIS_URL"] = redis_server.url
        first.env.pop("SITE_URL", None)
        # collectstatic needs no database: it runs beside the migrations.
        collect = threading.Thread(
            target=first.manage, args=("collectstatic", "--noinput", "-v0"), daemon=True
        )
        collect.start()
        first.manage("migrate", "-v0")
        collect.join()
        log(f"migrated, static files collected: {time.time() - started_at:.0f} s")
        second = SoakServer(env=first.env)
        servers = [first, second]
        run_id = uuid.uuid4().hex[:6]
        editor = subprocess.Popen(
            [str(BIN / "python"), "-c", EDITOR, run_id, str(publish_every)],
            env=first.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            stderr=open(first.log.with_name(f"soak-editor-{run_id}.log"), "w"),  # noqa: SIM115
        )  # fmt: skip
        starting = [threading.Thread(target=s.start, daemon=True) for s in servers]
        for thread in starting:
            thread.start()
        articles = json.loads(editor.stdout.readline())  # the editor seeds the newsroom
        for thread in starting:
            thread.join()
        if not all(s.worker_pid() for s in servers):
            raise RuntimeError("a server did not start")
        log(
            f"servers on {first.port} and {second.port}; set up in {time.time() - started_at:.0f} s"
        )
        traffic = Traffic(servers=servers, articles=list(articles), run=run_id, rate=rate)
        threads = [
            *(threading.Thread(target=traffic.reader, args=(i,)) for i in range(traffic.readers)),
            *(threading.Thread(target=traffic.commenter, args=(i,)) for i in range(2)),
            *(
                threading.Thread(target=traffic.poller, args=(i, path))
                for i in range(len(servers))
                for path in POLLED
            ),
        ]
        t0 = time.time()
        for thread in threads:
            thread.start()
        editor.stdin.write("g")
        editor.stdin.flush()
        publishes: list[dict] = []

        def read_editor() -> None:
            for line in editor.stdout:
                entry = json.loads(line)
                publishes.append(entry)
                if "id" in entry:
                    traffic.articles.append({"id": entry["id"], "url": entry["url"]})

        reader_of_editor = threading.Thread(target=read_editor)
        reader_of_editor.start()

        rss: list[dict] = []
        faults: list[dict] = []
        victim = servers[1]

        def sample() -> None:
            rss.append(
                {
                    "t": time.time(),
                    **{str(i): rss_mb(s.worker_pid() or 0) for i, s in enumerate(servers)},
                }
            )

        schedule = [
            (0.15, "kill -9 of server 2, restarted", lambda: kill_and_restart(victim)),
            (0.45, "Redis stopped and started", lambda: restart_redis(redis_server)),
            (0.75, "PostgreSQL paused (SIGSTOP/SIGCONT)", lambda: pause_postgres(postgres)),
        ]
        time_at = lambda fraction: t0 + warmup + fraction * (seconds - warmup)  # noqa: E731
        next_sample = t0
        for fraction, name, action in [*schedule, (1.0, None, None)]:
            while time.time() < time_at(fraction):
                if time.time() >= next_sample:
                    sample()
                    next_sample += 2
                time.sleep(min(0.2, max(0.0, time_at(fraction) - time.time())))
            if action is None:
                break
            log(f"{time.time() - t0:6.1f} s  {name}")
            start = time.time()
            detail = action()
            faults.append({"fault": name, "start": start, "end": time.time(), **(detail or {})})
        sample()
        traffic.stop.set()
        editor.stdin.close()
        for thread in threads:
            thread.join(timeout=60)
        editor.wait(timeout=60)
        reader_of_editor.join(timeout=10)
        t_end = time.time()
        log(f"{t_end - t0:6.1f} s  traffic stopped")
        outcome = settle(first, traffic)
        return report(
            traffic=traffic, publishes=publishes, faults=faults, rss=rss, outcome=outcome,
            t0=t0, t_end=t_end, warmup=warmup, seconds=seconds, publish_every=publish_every,
            rate=rate, setup_started=started_at,
        )  # fmt: skip
    finally:
        if editor and editor.poll() is None:
            editor.kill()
        for server in reversed(servers):
            server.stop()
        redis_server.stop()
        postgres.stop()
        shutil.rmtree(redis_server.dir, ignore_errors=True)


def kill_and_restart(server: SoakServer) -> dict:
    killed = time.time()
    server.kill()
    time.sleep(FAULT_SECONDS)
    server.start()  # as a supervisor would; returns once /healthz answers
    return {"killed": killed, "restarted": time.time()}


def restart_redis(redis_server: OwnRedis) -> dict:
    stopped = time.time()
    redis_server.stop()
    time.sleep(FAULT_SECONDS)
    redis_server.start()
    return {"stopped": stopped}


def pause_postgres(postgres: OwnPostgres) -> dict:
    postgres.pause()
    time.sleep(FAULT_SECONDS)
    postgres.resume()
    return {}


def settle(server: SoakServer, traffic: Traffic) -> dict:
    """After the traffic: every view written through, then what SQL holds."""
    path = server.tmp / "comment-texts.json"
    path.write_text(json.dumps([c["text"] for c in traffic.comments]))
    out = subprocess.run(
        [str(BIN / "python"), "-c", COUNTS, str(path)],
        env=server.env, check=True, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def percentile(values: list[float], pct: float) -> float | None:
    """Nearest rank: the smallest value at or above pct % of them."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def report(
    *, traffic, publishes, faults, rss, outcome, t0, t_end, warmup, seconds, publish_every, rate,
    setup_started,
) -> dict:  # fmt: skip
    windows = [(f["start"], f["end"] + GRACE_SECONDS) for f in faults]

    def in_window(start: float, end: float) -> bool:
        return any(start <= w_end and end >= w_start for w_start, w_end in windows)

    hits = traffic.hits
    kinds = {
        k: sum(1 for h in hits if h.kind == k)
        for k in ("page", "beacon", "form", "comment", "poll")
    }
    errors = [h for h in hits if h.status >= 500 or h.status == 0]
    outside = [h for h in errors if not in_window(h.sent, h.done)]
    refused = [h for h in hits if 400 <= h.status < 500]
    beacon_503 = [h for h in hits if h.kind == "beacon" and h.status == 503]

    # Views: acknowledged (204) and sent, per article, against what SQL holds after the flush.
    redis_stop = next(f["stopped"] for f in faults if "stopped" in f)
    loss_from = redis_stop - FLUSH_SECONDS - 1.0  # the README's window, plus a flush's time
    acknowledged: dict[int, int] = {}
    sent: dict[int, int] = {}
    at_risk: dict[int, int] = {}
    for h in hits:
        if h.kind != "beacon":
            continue
        sent[h.article] = sent.get(h.article, 0) + 1
        if h.status == 204:
            acknowledged[h.article] = acknowledged.get(h.article, 0) + 1
            if loss_from <= h.done <= redis_stop:
                at_risk[h.article] = at_risk.get(h.article, 0) + 1
    counted = {int(k): v for k, v in outcome["views"].items()}
    missing = {a: n - counted.get(a, 0) for a, n in acknowledged.items() if n > counted.get(a, 0)}
    beyond = {a: m for a, m in missing.items() if m > at_risk.get(a, 0)}
    overcounted = {a: v for a, v in counted.items() if v > sent.get(a, 0)}

    comments = traffic.comments
    acked = [c["text"] for c in comments if c["acknowledged"]]
    stored = set(outcome["comments"])
    lost_comments = [t for t in acked if t not in stored]

    # Publish to visible, per publish: the slowest of its four pages (home and section on
    # both servers); a publish whose commit is in a fault window (or the bound before one) is
    # reported apart.
    pages = [(i, p) for i in range(len(traffic.servers)) for p in POLLED]
    visible, visible_faulted, unseen, each = [], [], [], []
    for p in publishes:
        if "commit" not in p:
            continue
        seen = [traffic.first_seen.get((i, path, p["n"])) for i, path in pages]
        if any(s is None for s in seen):
            unseen.append(p["n"])
            continue
        delay = max(seen) - p["commit"]
        faulted = in_window(p["commit"] - P6_BOUND_SECONDS, p["commit"] + delay)
        (visible_faulted if faulted else visible).append(delay)
        each.append(
            {
                "n": p["n"],
                "commit": round(p["commit"] - t0, 2),
                "seen_after": _s(delay),
                "pages": [_s(s - p["commit"]) for s in seen],
                "in_window": faulted,
            }
        )
    # A publish made in the traffic's last second may not have been polled yet.
    unseen_late = [
        n for n in unseen if next(p for p in publishes if p["n"] == n)["commit"] > t_end - 2
    ]

    # Memory: each server's worker, after the warm-up and at the end; the restarted one from
    # its restart's end plus the warm-up.
    kill = next(f for f in faults if "killed" in f)
    memory = {}
    for index in range(len(traffic.servers)):
        key = str(index)
        series = [(s["t"], s[key]) for s in rss if s.get(key)]
        if index == 1:
            before = [(t, v) for t, v in series if t < kill["killed"]]
            after = [(t, v) for t, v in series if t >= kill["restarted"] + warmup]
            memory["server 2 (before the kill)"] = _flat(before, t0 + warmup)
            memory["server 2 (restarted)"] = _flat(after, kill["restarted"] + warmup)
        else:
            memory[f"server {index + 1}"] = _flat(series, t0 + warmup)

    publish_errors = [p for p in publishes if "error" in p]
    clean = [e for e in each if not e["in_window"]]
    checks = {
        "comments: every acknowledged comment stored": (
            not lost_comments and acked != [],
            f"{len(acked)} acknowledged, {len(acked) - len(lost_comments)} stored",
        ),
        "comments: none dropped as a bot (the traffic is a person's)": (
            not any(c["dropped"] for c in comments),
            f"{sum(c['dropped'] for c in comments)} dropped",
        ),
        "views: every acknowledged view counted, but those Redis may lose on its restart": (
            not beyond and sum(acknowledged.values()) > 0,
            f"{sum(acknowledged.values())} acknowledged, "
            f"{sum(counted.get(a, 0) for a in acknowledged)} counted, "
            f"{sum(missing.values())} missing, {sum(at_risk.values())} acknowledged in "
            f"the {redis_stop - loss_from:.0f} s before Redis stopped",
        ),
        "views: none counted that was not sent": (not overcounted, f"{overcounted or 'none'}"),
        "no 5xx or unanswered request outside the fault windows": (
            not outside,
            f"{len(outside)} outside, {len(errors)} in all",
        ),
        "no refusal (4xx) of the soak's legitimate traffic": (
            not refused,
            f"{len(refused)}: {sorted({(h.kind, h.status) for h in refused})}",
        ),
        "beacons refused during the Redis restart carry Retry-After": (
            all(h.retry_after for h in beacon_503),
            f"{len(beacon_503)} beacon 503s",
        ),
        "publish to visible: p99 <= 1 s outside the fault windows": (
            bool(visible) and percentile(visible, 99) <= P6_BOUND_SECONDS,
            f"{len(visible)} publishes, p99 {_s(percentile(visible, 99))}; slowest: "
            f"{sorted(clean, key=lambda e: -e['seen_after'])[:3]}",
        ),
        "publish to visible: every publish seen on every page": (
            not [n for n in unseen if n not in unseen_late],
            f"unseen: {unseen or 'none'} (in the last 2 s: {unseen_late or 'none'})",
        ),
        "editor: every publish committed": (
            not publish_errors,
            f"{len(publish_errors)} failed: {[p['error'][:80] for p in publish_errors]}",
        ),
        f"memory flat: each worker's RSS grew at most {RSS_TOLERANCE_MB:.0f} MB": (
            all(
                m["growth_mb"] is not None and m["growth_mb"] <= RSS_TOLERANCE_MB
                for m in memory.values()
            ),
            "; ".join(f"{k}: {m['start_mb']} -> {m['end_mb']} MB" for k, m in memory.items()),
        ),
    }
    elapsed = t_end - t0
    return {
        "seconds": seconds,
        "warmup_seconds": warmup,
        "traffic_seconds": round(elapsed, 1),
        "setup_and_checks_seconds": round(time.time() - setup_started - elapsed, 1),
        "target_rate": rate,
        "publish_every": publish_every,
        "grace_seconds": GRACE_SECONDS,
        "requests": kinds,
        "requests_per_second": round(len(hits) / elapsed, 1),
        "reader_share": round(
            kinds["page"]
            / max(1, kinds["page"] + kinds["beacon"] + kinds["form"] + kinds["comment"]),
            3,
        ),
        "statuses": _statuses(hits),
        "faults": [
            {
                **f,
                "start": round(f["start"] - t0, 1),
                "end": round(f["end"] - t0, 1),
                **{k: round(f[k] - t0, 1) for k in ("killed", "restarted", "stopped") if k in f},
            }
            for f in faults
        ],
        "errors_in_windows": len(errors) - len(outside),
        "errors_outside_windows": [_hit(h, t0) for h in outside[:20]],
        "refusals": [_hit(h, t0) for h in refused[:20]],
        "beacon_503": len(beacon_503),
        "beacon_503_with_retry_after": sum(h.retry_after for h in beacon_503),
        "comments": {
            "posted": len(comments),
            "acknowledged": len(acked),
            "stored": len(acked) - len(lost_comments),
            "lost": lost_comments[:20],
            "not_acknowledged": len(comments) - len(acked),
        },
        "views": {
            "sent": sum(sent.values()),
            "acknowledged": sum(acknowledged.values()),
            "counted": sum(counted.get(a, 0) for a in acknowledged),
            "missing": sum(missing.values()),
            "acknowledged_before_redis_stop": sum(at_risk.values()),
            "missing_beyond_that": beyond,
        },
        "publishes": {
            "made": len([p for p in publishes if "commit" in p]),
            "failed": len(publish_errors),
            "outside_windows": len(visible),
            "in_windows": len(visible_faulted),
            "unseen": unseen,
            "p50_s": _s(percentile(visible, 50)),
            "p99_s": _s(percentile(visible, 99)),
            "max_s": _s(max(visible, default=None)),
            "in_windows_max_s": _s(max(visible_faulted, default=None)),
            "each": each,
            "service_call_s_max": _s(
                max(
                    (p["returned"] - p["started"] for p in publishes if "commit" in p), default=None
                )
            ),
        },
        "memory": memory,
        "checks": {
            name: {"passed": bool(ok), "detail": detail} for name, (ok, detail) in checks.items()
        },
    }


def _flat(series: list[tuple[float, float]], after: float) -> dict:
    kept = [(t, v) for t, v in series if t >= after]
    if len(kept) < 2:
        return {"start_mb": None, "end_mb": None, "growth_mb": None, "max_mb": None}
    return {
        "series_mb": [round(v, 1) for _, v in kept],
        "start_mb": round(kept[0][1], 1),
        "end_mb": round(kept[-1][1], 1),
        "growth_mb": round(kept[-1][1] - kept[0][1], 1),
        "max_mb": round(max(v for _, v in kept), 1),
        "span_s": round(kept[-1][0] - kept[0][0]),
    }


def _statuses(hits: list[Hit]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for h in hits:
        out.setdefault(h.kind, {})
        out[h.kind][str(h.status)] = out[h.kind].get(str(h.status), 0) + 1
    return out


def _hit(h: Hit, t0: float) -> dict:
    return {"kind": h.kind, "server": h.server + 1, "sent": round(h.sent - t0, 2),
            "done": round(h.done - t0, 2), "status": h.status, "note": h.note[:120]}  # fmt: skip


def _s(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
