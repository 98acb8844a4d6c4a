"""One morning briefing to 100,000 subscribers through the real job worker (issue 21's
benchmark): messages per second into an SMTP server, the worker's peak memory, and the reader
site's p99 while it sends (goal: unchanged within noise).

    .venv/bin/python bench/newsletter_bench.py [--subscribers 100000] [--setup sqlite|postgres|both]
        [--seconds 10] [--reference-runs 3] [--reader-connections 4] [--reader-gap 20]
        [--stall 60] [--rate 0] [--nice 10]

Each setup on a fresh database: **sqlite** (the default: SQLite, the job queue in a SQLite file
of the data folder) and **postgres** (PostgreSQL + Redis, the job queue in Redis, its own queue
name and cache prefix so nothing else on a shared Redis takes its jobs). For each:

1. An SMTP server in its own process (aiosmtpd, a handler that only counts: messages, bytes,
   the time of the first and last, and how many each recipient got; it neither parses nor
   keeps a message), so its CPU is outside this process.
2. Newsdesk under granian with 2 workers and the page cache on, as `make run` serves it
   (bench/common.py), mail going to that SMTP server, NEWSDESK_NEWSLETTER_RATE=1000000 (no
   throttle: the raw rate) or ``--rate`` (50 is the default a newsroom gets: the readers' p99
   under the send as configured). Seeded with bench/common.py's newsroom (30 stories) and
   ``--subscribers`` confirmed subscribers of the "briefing" list (bulk inserts).
3. The job worker, `newsdesk run_huey --workers 2`, started and idle: as under `make run`, it
   runs beside the site all the time, so the reference has it too (its start-up is not in
   any measurement). Its process tree's RSS (VmRSS of it and any children, from /proc) is
   sampled every 0.2 s from its start to the end.
4. **Before** (the reference, same run): ``--reference-runs`` runs (median p99) of readers
   of a warm article page, ``--seconds`` each (wrk through bench/polls.lua,
   ``--reader-connections`` connections each pausing ``--reader-gap`` ms between pages: a
   load the server takes with room to spare, so the figure is latency, not how a saturated
   2-core machine shares its CPU; ``--reader-gap 0`` reads at full speed).
5. **During**: `newsdesk send_briefing --now` composes today's briefing and queues its send;
   once the first message arrives, the same wrk runs back to back until the last one. Runs
   wholly inside the send (start after the first message, end before the last) make the
   "during" figure (median p99); when the send is shorter than one run, the partial runs are
   used and the line says so.
6. **After**: the same readers once more, the send over (a second reference, for the noise).

Printed, one block per setup: messages the SMTP server received, wall time from the first to
the last, messages per second (and the first half's and second half's rate), the worker's
peak RSS (sampled tree, VmHWM of its main process, and its idle RSS before the send), CPU
seconds of the worker and of the SMTP server, the deliveries' states in the database, the
readers' p99 before / during / after and during / before; then the check that every subscriber
got exactly one message (per recipient, in the SMTP server): "OK", or a line starting "FAIL".
The exit status is 1 if any check failed. Figures go to bench/results/newsletter.json, the
server's and the worker's logs to bench/results/server-<port>.log and worker-<port>.log.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import (  # noqa: E402
    BIN,
    REDIS_URL,
    SEED_NEWSROOM,
    Server,
    free_port,
    need,
    save_result,
    wrk,
)

HERE = Path(__file__).resolve().parent
POLLS = HERE / "polls.lua"
RATE = "1000000"  # NEWSDESK_NEWSLETTER_RATE: far above what one sender reaches, so no throttle
SAMPLE_SECONDS = 0.2


def address(n: int) -> str:
    return f"reader{n}@bench.example"


SEED = (
    SEED_NEWSROOM
    + """
import time
from django.db import transaction
from newsdesk.newsletters.models import Subscriber, Subscription
started = time.perf_counter()
import sys
total = int(sys.argv[1])
with transaction.atomic():
    for first in range(0, total, 5000):
        people = Subscriber.objects.bulk_create([
            Subscriber(address=f"reader{n}@bench.example", address_key=f"reader{n}@bench.example")
            for n in range(first, min(total, first + 5000))
        ])
        if any(p.pk is None for p in people):  # a database that does not return the keys
            people = list(Subscriber.objects.filter(
                address_key__in=[p.address_key for p in people]))
        Subscription.objects.bulk_create(
            [Subscription(subscriber=p, list_key="briefing") for p in people])
article = Article.objects.get(slug="older-0")
print(json.dumps({"article": article.get_absolute_url(),
                  "subscribers": Subscription.objects.filter(list_key="briefing").count(),
                  "seconds": round(time.perf_counter() - started, 2)}))
"""
)

STATES = """
import django, json; django.setup()
from django.db.models import Count
from newsdesk.newsletters.models import Delivery, Letter, LetterArticle
letter = Letter.objects.order_by("-pk").first()
rows = Delivery.objects.values_list("state").annotate(n=Count("pk"))
states = dict(rows.values_list("state", "n"))
print(json.dumps({"status": letter.status if letter else None,
                  "recipients": letter.recipients if letter else 0,
                  "stories": LetterArticle.objects.filter(letter=letter).count() if letter else 0,
                  "states": states}))
"""

# The SMTP server: its own process, counting only. Commands on stdin, one answer line each:
# "stats" (a JSON summary), "dump PATH" (per recipient and per 0.1 s counts to a JSON file),
# "quit".
SMTP_COUNTER = r"""
import json, sys, time
from aiosmtpd.controller import Controller

class Counting:
    def __init__(self):
        self.messages = 0
        self.bytes = 0
        self.first = None
        self.last = None
        self.per_recipient = {}
        self.per_tick = {}

    async def handle_DATA(self, server, session, envelope):
        now = time.time()
        self.messages += 1
        self.bytes += len(envelope.content or b"")
        if self.first is None:
            self.first = now
        self.last = now
        tick = int(now * 10)  # tenths of a second
        self.per_tick[tick] = self.per_tick.get(tick, 0) + 1
        for rcpt in envelope.rcpt_tos:
            self.per_recipient[rcpt] = self.per_recipient.get(rcpt, 0) + 1
        return "250 OK"

handler = Counting()
controller = Controller(handler, hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
for line in sys.stdin:
    command, _, arg = line.strip().partition(" ")
    if command == "stats":
        print(json.dumps({"messages": handler.messages, "bytes": handler.bytes,
                          "first": handler.first, "last": handler.last,
                          "recipients": len(handler.per_recipient)}), flush=True)
    elif command == "dump":
        with open(arg, "w") as out:
            json.dump({"per_recipient": dict(handler.per_recipient),
                       "per_tick": dict(handler.per_tick)}, out)
        print("ok", flush=True)
    elif command == "quit":
        break
controller.stop()
"""


class SMTPCounter:
    """The counting SMTP server's process."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [str(BIN / "python"), "-c", SMTP_COUNTER, str(self.port)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError("the SMTP server did not start")

    def ask(self, command: str) -> str:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def stats(self) -> dict:
        return json.loads(self.ask("stats"))

    def dump(self) -> dict:
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
            path = f.name
        try:
            self.ask(f"dump {path}")
            return json.loads(Path(path).read_text())
        finally:
            os.unlink(path)

    def env(self) -> dict[str, str]:
        return {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(self.port)}

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                self.ask("quit")
                self.process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


# --- the worker's process tree, from /proc ----------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def tree(pid: int) -> list[int]:
    """``pid`` and its descendants."""
    pids, i = [pid], 0
    while i < len(pids):
        try:
            for task in os.listdir(f"/proc/{pids[i]}/task"):
                with open(f"/proc/{pids[i]}/task/{task}/children") as f:
                    pids += [int(child) for child in f.read().split()]
        except OSError:
            pass
        i += 1
    return pids


def status_kib(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of ``pid`` and its descendants."""
    total = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError):
            pass
    return total / CLOCK_TICKS


class RSSSampler(threading.Thread):
    """The process tree's RSS every SAMPLE_SECONDS: the peak, and the peak since ``mark``."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kib = 0
        self.peak_since_mark_kib = 0
        self.last_kib = 0
        self.samples = 0
        self.stop = threading.Event()

    def mark(self) -> None:
        self.peak_since_mark_kib = self.last_kib

    def run(self) -> None:
        while not self.stop.is_set():
            kib = sum(status_kib(p, "VmRSS") for p in tree(self.pid))
            self.last_kib = kib
            self.peak_kib = max(self.peak_kib, kib)
            self.peak_since_mark_kib = max(self.peak_since_mark_kib, kib)
            self.samples += 1
            self.stop.wait(SAMPLE_SECONDS)


def start_worker(server: Server, log: Path, nice: int) -> subprocess.Popen:
    """`newsdesk run_huey --workers 2` at the given niceness (the Procfile's 10: readers'
    requests come first), waiting until the consumer says it has started."""
    size = log.stat().st_size if log.exists() else 0
    worker = subprocess.Popen(
        ["nice", "-n", str(nice), str(BIN / "newsdesk"), "run_huey", "--workers", "2"],
        env=server.env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=open(log, "ab"),  # noqa: SIM115 - the worker's, for its lifetime
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise RuntimeError(f"the worker exited: {log.read_text()[size:][-2000:]}")
        if "consumer started" in log.read_text()[size:].lower():
            return worker
        time.sleep(0.2)
    raise RuntimeError("the worker did not start")


def stop_worker(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)


def redis_clean(prefixes: list[str]) -> None:
    """Removes this run's keys (counters, caches, job queue) from the shared Redis."""
    try:
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for pattern in prefixes:
            for key in client.scan_iter(match=pattern):
                client.delete(key)
    except Exception as error:  # noqa: BLE001 - tidying only
        print(f"note: Redis keys not removed: {error}", file=sys.stderr)


# --- one setup -----------------------------------------------------------------------------------


def readers(url: str, options) -> dict:
    if options.reader_gap:
        return wrk(
            url,
            seconds=options.seconds,
            threads=1,
            connections=options.reader_connections,
            script=POLLS,
            args=(str(options.reader_gap),),
        )
    return wrk(url, seconds=options.seconds, threads=2, connections=options.reader_connections)


def run_setup(name: str, options) -> dict:
    postgres = name == "postgres"
    expected = options.subscribers
    own = f"newsdesk-nlbench-{uuid.uuid4().hex[:8]}"
    smtp = SMTPCounter()
    server = Server(
        postgres=postgres,
        redis=postgres,
        workers=2,
        extra_env={
            **smtp.env(),
            "NEWSDESK_NEWSLETTER_RATE": str(options.rate) if options.rate else RATE,
            "NEWSDESK_CACHE_PREFIX": own,
            "NEWSDESK_JOB_QUEUE": own,  # its own job queue on a shared Redis
        },
    )
    worker_log = server.log.with_name(f"worker-{server.port}.log")
    worker = sampler = None
    setup = "PostgreSQL + Redis" if postgres else "SQLite"
    result: dict = {"setup": setup, "subscribers": expected}
    try:
        server.prepare()
        seeded = json.loads(
            subprocess.run(
                [str(BIN / "python"), "-c", SEED, str(expected)],
                env=server.env, check=True, capture_output=True, text=True,
            ).stdout.strip().splitlines()[-1]
        )  # fmt: skip
        result["seed_seconds"] = seeded["seconds"]
        if seeded["subscribers"] != expected:
            raise RuntimeError(f"seeded {seeded['subscribers']} subscribers, not {expected}")
        server.start()
        page = server.url + seeded["article"]
        urllib.request.urlopen(page, timeout=30).read()  # noqa: S310 - the page cache holds it

        worker = start_worker(server, worker_log, options.nice)
        sampler = RSSSampler(worker.pid)
        sampler.start()
        wrk(page, seconds=2, threads=1, connections=options.reader_connections)  # warm-up
        before = [readers(page, options) for _ in range(options.reference_runs)]
        time.sleep(1)  # the sampler's latest figure is the idle worker's
        idle_kib = sampler.last_kib
        worker_cpu_0, smtp_cpu_0 = cpu_seconds(worker.pid), cpu_seconds(smtp.process.pid)

        # The send: the command composes the briefing, makes a delivery row for each subscriber
        # and queues the job; the worker sends.
        sampler.mark()
        commanded = time.time()
        sender = subprocess.Popen(
            [str(BIN / "newsdesk"), "send_briefing", "--now"],
            env=server.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        command: dict = {}

        def wait_for_command() -> None:
            command["output"], command["errors"] = sender.communicate()
            command["returned"] = time.time()

        waiter = threading.Thread(target=wait_for_command, daemon=True)
        waiter.start()
        failures: list[str] = []
        while True:  # until the first message
            returned = command.get("returned")
            if returned and sender.returncode != 0:
                failures.append(f"send_briefing failed: {command['errors'][-2000:]}")
                break
            stats = smtp.stats()
            if stats["messages"]:
                break
            if returned and time.time() - returned > options.stall:
                failures.append(f"no message arrived {options.stall} s after the send was queued")
                break
            if not returned and time.time() - commanded > 600:
                failures.append("send_briefing --now did not return in 600 s")
                break
            time.sleep(0.05)

        during: list[dict] = []
        last_count, last_change = 0, time.time()

        def progress() -> dict:
            nonlocal last_count, last_change
            stats = smtp.stats()
            if stats["messages"] != last_count:
                last_count, last_change = stats["messages"], time.time()
            return stats

        def finished(stats: dict) -> bool:
            return stats["recipients"] >= expected or time.time() - last_change > options.stall

        if not failures:
            while not finished(progress()):  # readers, back to back, while it sends
                started = time.time()
                run = readers(page, options)
                run.update(start=started, end=time.time())
                during.append(run)
            while not finished(progress()):
                time.sleep(0.2)
            time.sleep(1.0)  # anything sent twice would arrive now
        stats = progress()
        waiter.join(timeout=600)
        sent_cpu = cpu_seconds(worker.pid) - worker_cpu_0
        smtp_cpu = cpu_seconds(smtp.process.pid) - smtp_cpu_0
        peak_send_kib = sampler.peak_since_mark_kib
        after = readers(page, options) if not failures else None

        deadline = time.monotonic() + 30
        while True:  # the letter is marked sent just after its last message
            db = json.loads(server.python(STATES).strip().splitlines()[-1])
            if db["status"] == "sent" or time.monotonic() > deadline:
                break
            time.sleep(1)
        hwm_kib = status_kib(worker.pid, "VmHWM")  # the kernel's own peak, main process
        sampler.stop.set()
        sampler.join()
        dump = smtp.dump()
    finally:
        if sampler:
            sampler.stop.set()
        if worker:
            stop_worker(worker)
        server.stop()
        smtp.stop()
        if postgres:
            # huey drops all but letters, digits and "_" from the queue's name in its keys.
            queue = re.sub(r"[^A-Za-z0-9_]", "", own)
            redis_clean([f"{server.env['NEWSDESK_REDIS_PREFIX']}*", f"{own}*", f"huey.*{queue}"])

    # --- figures -----------------------------------------------------------------------------
    first, last = stats["first"], stats["last"]
    wall = (last - first) if first and last else 0.0
    per_tick = sorted((int(t), n) for t, n in dump["per_tick"].items())  # tenths of a second
    half = (first + last) / 2 if wall else 0
    first_half = sum(n for t, n in per_tick if t / 10 < half)
    per_second: dict[int, int] = {}
    for t, n in per_tick:
        per_second[t // 10] = per_second.get(t // 10, 0) + n
    second_half = stats["messages"] - first_half
    for run in during:
        length = run["end"] - run["start"]
        inside = min(run["end"], last or 0) - max(run["start"], first or 0)
        run["share_in_send"] = round(max(0.0, inside) / length, 3) if length else 0.0
    whole = [r for r in during if r["share_in_send"] >= 0.99]
    counted = whole or [r for r in during if r["share_in_send"] > 0]
    during_p99 = statistics.median(r["p99_ms"] for r in counted) if counted else None

    before_p99 = statistics.median(r["p99_ms"] for r in before)

    per_recipient = dump["per_recipient"]
    wanted = {address(n) for n in range(expected)}
    missing = len(wanted - per_recipient.keys())
    twice = sum(1 for a, n in per_recipient.items() if a in wanted and n > 1)
    stray = sum(1 for a in per_recipient if a not in wanted)
    if missing or twice or stray:
        failures.append(
            f"{missing} subscribers got no message, {twice} got more than one, "
            f"{stray} messages went to addresses that are not subscribers"
        )
    if first and during_p99 is None:
        failures.append("no reader run overlapped the send: nothing measured during it")
    if db["status"] != "sent":
        failures.append(f"the letter's status is {db['status']!r}, not 'sent'")
    if db["states"] != {"sent": expected}:
        failures.append(f"deliveries' states: {db['states']} (expected all {expected} sent)")
    errors = sum(r["non2xx"] for r in [*before, *during, *([after] if after else [])])
    if errors:
        failures.append(f"readers got {errors} answers that were not 2xx or 3xx")

    result.update(
        {
            "stories": db["stories"],
            "queued_seconds": round(command.get("returned", time.time()) - commanded, 2),
            "first_message_after_seconds": round(first - commanded, 2) if first else None,
            "messages": stats["messages"],
            "recipients": stats["recipients"],
            "mean_message_bytes": round(stats["bytes"] / max(1, stats["messages"])),
            "wall_seconds": round(wall, 2),
            "messages_per_second": round(stats["messages"] / wall, 1) if wall else None,
            "first_half_per_second": round(first_half / (wall / 2), 1) if wall else None,
            "second_half_per_second": round(second_half / (wall / 2), 1) if wall else None,
            "worker_peak_rss_mib": round(sampler.peak_kib / 1024, 1),
            "worker_peak_rss_in_send_mib": round(peak_send_kib / 1024, 1),
            "worker_vmhwm_mib": round(hwm_kib / 1024, 1),
            "worker_idle_rss_mib": round(idle_kib / 1024, 1),
            "rss_samples": sampler.samples,
            "worker_cpu_seconds": round(sent_cpu, 1),
            "smtp_server_cpu_seconds": round(smtp_cpu, 1),
            "letter_status": db["status"],
            "delivery_states": db["states"],
            "missing": missing,
            "more_than_once": twice,
            "stray": stray,
            "readers": {
                "connections": options.reader_connections,
                "gap_ms": options.reader_gap,
                "seconds": options.seconds,
            },
            "reader_before": before,
            "reader_during": during,
            "reader_after": after,
            "reader_p99_before_ms": before_p99,
            "reader_p99_during_ms": during_p99,
            "reader_p99_during_runs_whole": len(whole),
            "reader_p99_after_ms": after["p99_ms"] if after else None,
            "reader_p99_ratio": round(during_p99 / before_p99, 2) if during_p99 else None,
            "per_second": sorted(per_second.items()),
            "failures": failures,
        }
    )
    return result


def report(name: str, r: dict) -> None:
    n = r["messages"] or 1
    load = (
        f"{r['readers']['connections']} connections, {r['readers']['gap_ms']} ms between pages"
        if r["readers"]["gap_ms"]
        else f"{r['readers']['connections']} connections at full speed"
    )
    lines = [
        f"== {name}: {r['setup']}, {r['subscribers']:,} subscribers, one briefing ==",
        f"seeded in {r['seed_seconds']} s; the briefing: {r['stories']} stories, "
        f"{r['mean_message_bytes']:,} bytes a message",
        f"send_briefing --now returned after {r['queued_seconds']} s; first message "
        f"{r['first_message_after_seconds']} s after the command",
        f"SMTP server received {r['messages']:,} messages ({r['recipients']:,} addresses), "
        f"{r['wall_seconds']} s from the first to the last: "
        f"{r['messages_per_second']} messages/s (first half {r['first_half_per_second']}/s, "
        f"second half {r['second_half_per_second']}/s)",
        f"worker peak RSS {r['worker_peak_rss_mib']} MiB (process tree, sampled every "
        f"{SAMPLE_SECONDS} s; during the send {r['worker_peak_rss_in_send_mib']} MiB; VmHWM "
        f"{r['worker_vmhwm_mib']} MiB; idle before the send {r['worker_idle_rss_mib']} MiB)",
        f"CPU during the send: worker {r['worker_cpu_seconds']} s "
        f"({1000 * r['worker_cpu_seconds'] / n:.2f} ms a message), SMTP server "
        f"{r['smtp_server_cpu_seconds']} s ({1000 * r['smtp_server_cpu_seconds'] / n:.2f} ms)",
        f"letter {r['letter_status']}; deliveries {r['delivery_states']}",
    ]
    lines.append(f"reader p99 on an article page ({load}, {r['readers']['seconds']} s runs):")
    before = r["reader_before"]
    lines.append(
        f"  before {r['reader_p99_before_ms']:.1f} ms (median of {len(before)} runs: "
        + ", ".join(f"{b['p99_ms']:.1f}" for b in before)
        + f"; {statistics.median(b['rps'] for b in before):.0f} req/s)"
    )
    if r["reader_p99_during_ms"] is None:
        lines.append("  during: no reader run overlapped the send")
    else:
        whole = [d for d in r["reader_during"] if d["share_in_send"] >= 0.99]
        counted = whole or [d for d in r["reader_during"] if d["share_in_send"] > 0]
        p99s = [d["p99_ms"] for d in counted]
        which = (
            f"median of {len(whole)} runs wholly in the send"
            if whole
            else "NOTE: the send was shorter than a run: runs partly in it, "
            + ", ".join(f"{d['share_in_send']:.0%}" for d in counted)
        )
        lines.append(
            f"  during {r['reader_p99_during_ms']:.1f} ms ({which}; range {min(p99s):.1f} to "
            f"{max(p99s):.1f}; {statistics.median(d['rps'] for d in counted):.0f} req/s)"
        )
    if r["reader_after"]:
        lines.append(
            f"  after {r['reader_p99_after_ms']:.1f} ms ({r['reader_after']['rps']:.0f} req/s)"
        )
    if r["reader_p99_ratio"] is not None:
        lines.append(f"  during / before: {r['reader_p99_ratio']}x")
    if r["failures"]:
        lines += [f"FAIL: {failure}" for failure in r["failures"]]
    else:
        lines.append(f"OK: each of the {r['subscribers']:,} subscribers got exactly one message")
    print("\n".join(lines), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--setup", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--seconds", type=int, default=10, help="length of each reader run")
    parser.add_argument("--reader-connections", type=int, default=4)
    parser.add_argument(
        "--reader-gap", type=int, default=20, help="ms each reader connection waits (0: none)"
    )
    parser.add_argument(
        "--reference-runs", type=int, default=3, help="reader runs before the send (median)"
    )
    parser.add_argument(
        "--stall", type=int, default=60, help="s without a new message before giving up"
    )
    parser.add_argument(
        "--nice", type=int, default=10, help="the worker's niceness (the Procfile's: 10)"
    )
    parser.add_argument(
        "--rate",
        type=int,
        default=0,
        help="NEWSDESK_NEWSLETTER_RATE for the send (0: no throttle, the raw rate; 50 is the "
        "product's default, for the readers' p99 under the send as configured)",
    )
    options = parser.parse_args()
    need("wrk", "wrk")
    names = ["sqlite", "postgres"] if options.setup == "both" else [options.setup]
    results = {}
    for name in names:
        results[name] = run_setup(name, options)
        report(name, results[name])
    print("figures:", save_result("newsletter", results))
    if any(r["failures"] for r in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
