"""An append-only journal of views, written through to SQL by a thread of the same process.

Why: on SQLite every write, from every server process, takes one file lock. When beacons wait
for their own commit, the processes take turns at that lock with a handful of views each, and
the server spends a quarter of its time waiting (bench/beacon_bench.py). Appending a line to a
file is one system call; once it returns, the line is in the kernel's page cache and survives
the server process being killed (`kill -9`), which is the same promise SQLite's WAL gives with
``synchronous=NORMAL``, the setting Newsdesk uses. A power cut can lose the last few seconds of
either. So a beacon is answered 204 once its line is appended, and a writer thread moves lines
into SQL in large batches, where the de-duplication window is judged (a repeat still gets 204:
the answer never told the reader whether the view counted).

Exactly once: each journal file has a row in FlushCursor holding the byte offset written so
far, moved in the same transaction as the views it covers, so a writer that dies half way
leaves the offset where the last commit put it.

Who writes what: each process owns one journal file, holds an exclusive flock on it for as long
as it uses it, and is the only one that writes it through. A file whose lock can be taken
belongs to a process that died; any process takes it over, writes the rest through and deletes
it. The owner deletes a file (then its cursor row) before it lets go of the lock, and a process
that takes a lock first checks the file is still there, so a file is never read twice.
"""

from __future__ import annotations

import fcntl
import logging
import os
import secrets
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from django.db import connection, transaction

from newsdesk.audience.models import FlushCursor

logger = logging.getLogger(__name__)

# A view as a journal line: article, reader key, time (epoch seconds).
View = tuple[int, str, datetime]
WriteViews = Callable[[list[View]], object]

ROTATE_BYTES = 4 * 1024 * 1024  # a file this size is replaced by a new one, then deleted
ORPHAN_SCAN_SECONDS = 1.0
IDLE_WAKE_SECONDS = 0.5
READ_LIMIT = 64 * 1024  # bytes written through per transaction (about 700 views)


class JournalFull(OSError):
    """The journal could not take the line (disk full, I/O error): the view is not recorded."""


def encode(article_id: int, reader: str, now: datetime) -> bytes:
    return f"{article_id}\t{reader}\t{now.timestamp():.6f}\n".encode("ascii")


def decode(lines: bytes) -> list[View]:
    views = []
    for line in lines.splitlines():
        try:
            article, reader, stamp = line.decode("ascii").split("\t")
            views.append((int(article), reader, datetime.fromtimestamp(float(stamp), tz=UTC)))
        except (ValueError, OverflowError, OSError):  # a damaged line: its beacon had a 503
            logger.warning("skipped a damaged view journal line: %r", line[:200])
    return views


class _Owned:
    """An open journal file and the exclusive lock this process holds on it."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self.fd = fd
        self.committed = -1  # bytes known to be written through (-1: ask the database)

    @property
    def cursor_name(self) -> str:
        return f"journal:{self.path.name}"


class Journal:
    def __init__(self, directory: Path, write_views: WriteViews, writers_lock) -> None:
        self.directory = directory
        self.write_views = write_views
        self.writers_lock = writers_lock
        self._lock = threading.Lock()  # guards _active and _pid
        self._active: _Owned | None = None
        self._retiring: list[_Owned] = []  # replaced files still to finish (writer thread)
        self._pid = 0
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._thread_pid = 0
        self._flush_lock = threading.Lock()  # one write-through at a time in this process
        self._last_scan = 0.0

    # --- the request side -------------------------------------------------------------

    def append(self, article_id: int, reader: str, now: datetime) -> None:
        """Returns once the view is in the journal; JournalFull if it could not be written."""
        line = encode(article_id, reader, now)
        with self._lock:
            if self._active is None or self._pid != os.getpid():
                self._open_active()
            elif not self._thread.is_alive():
                self._start_thread()
            try:
                written = os.write(self._active.fd, line)
            except OSError as error:
                written, failure = -1, str(error)
            if written != len(line):
                # What may have reached the file is a line without its end: the file is set
                # aside (written through up to its last whole line) so that the next view
                # starts a clean line in a new one.
                self._retiring.append(self._active)
                self._active = None
                raise JournalFull(failure if written < 0 else "short write")
        self._wake.set()

    def start(self) -> None:
        """Starts this process's writer thread (also done by the first append), after taking
        over the journals of stopped processes, so a restarted server shows their views."""
        with self._lock:
            if self._active is None or self._pid != os.getpid():
                self._open_active()
        try:
            with self._flush_lock:
                self._last_scan = time.monotonic()
                self.adopt_orphans()
        except Exception:  # the database may be down: the writer thread retries
            logger.exception("taking over stopped processes' view journals failed")

    def _open_active(self) -> None:
        # Called with self._lock held: a new file for this process (after a fork, too). It is
        # made under a name no scan looks at and locked before it takes its journal name, so
        # no other process can ever find it unlocked.
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            name = f"{os.getpid()}-{int(time.time())}-{secrets.token_hex(4)}"
            making = self.directory / f"{name}.new"
            fd = os.open(making, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_EXCL, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX)
            path = making.with_suffix(".log")
            os.rename(making, path)
        except OSError as error:
            raise JournalFull(str(error)) from error
        self._active, self._pid = _Owned(path, fd), os.getpid()
        if self._thread is None or not self._thread.is_alive() or self._thread_pid != self._pid:
            self._start_thread()

    def _start_thread(self) -> None:
        self._thread_pid = os.getpid()
        self._thread = threading.Thread(target=self._run, name="view-journal", daemon=True)
        self._thread.start()

    # --- the writer side --------------------------------------------------------------

    def _run(self) -> None:
        while True:
            self._wake.wait(timeout=IDLE_WAKE_SECONDS)
            self._wake.clear()
            try:
                self.flush()
            except Exception:  # the lines stay in the journal; the next round retries them
                logger.exception("writing the view journal through failed; retrying")
                connection.close()
                time.sleep(0.5)

    def flush(self) -> int:
        """Writes this process's journal through, and takes over those of dead processes."""
        with self._flush_lock:
            written = 0
            while self._retiring:  # left by a rotation whose write-through failed
                written += self._finish(self._retiring[0])
                self._retiring.pop(0)
            active = self._active if self._pid == os.getpid() else None
            if active is not None:
                written += self._write_through(active)
                if os.fstat(active.fd).st_size >= ROTATE_BYTES:
                    written += self._rotate(active)
            if time.monotonic() - self._last_scan >= ORPHAN_SCAN_SECONDS:
                self._last_scan = time.monotonic()
                written += self.adopt_orphans()
            return written

    def _rotate(self, old: _Owned) -> int:
        with self._lock:
            self._open_active()
        self._retiring.append(old)
        written = self._finish(old)
        self._retiring.remove(old)
        return written

    def _finish(self, owned: _Owned) -> int:
        """Writes a file no one appends to any more through to its end, then deletes it."""
        written = self._write_through(owned)
        owned.path.unlink(missing_ok=True)  # first the file, then its cursor: see the docstring
        with self.writers_lock():
            FlushCursor.objects.filter(name=owned.cursor_name).delete()
        os.close(owned.fd)  # lets go of the lock
        return written

    def adopt_orphans(self) -> int:
        written = 0
        own = self._active.path if self._active is not None else None
        if not self.directory.is_dir():
            return 0
        for path in sorted(self.directory.glob("*.log")):
            if path == own:
                continue
            try:
                fd = os.open(path, os.O_RDONLY)
            except FileNotFoundError:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)  # its process is alive and writes it through itself
                continue
            try:
                still_there = os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                still_there = False
            if not still_there:  # its owner finished it between our open and our lock
                os.close(fd)
                continue
            logger.info("taking over the view journal of a stopped process: %s", path.name)
            try:
                written += self._finish(_Owned(path, fd))
            except BaseException:
                os.close(fd)  # free again, so that the next scan retries it
                raise
        return written

    def _write_through(self, owned: _Owned) -> int:
        written = 0
        if owned.committed == os.fstat(owned.fd).st_size:
            return 0  # nothing new: no transaction, no write lock taken while idle
        while True:
            with self.writers_lock(), transaction.atomic():
                row, _ = FlushCursor.objects.select_for_update().get_or_create(
                    name=owned.cursor_name, defaults={"position": "0"}
                )
                offset = int(row.position)
                chunk = os.pread(owned.fd, READ_LIMIT, offset)
                end = chunk.rfind(b"\n") + 1  # whole lines only: one may be half written
                if end == 0:
                    return written
                views = decode(chunk[:end])
                if views:
                    self.write_views(views)
                row.position = str(offset + end)
                row.save(update_fields=["position"])
            owned.committed = offset + end
            written += len(views)
            if len(chunk) < READ_LIMIT:
                return written
