"""`newsdesk backup` and `newsdesk restore`: a round trip while the site is serving."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

from tests.live import LiveServer

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]

NEWSDESK = str(Path(sys.executable).parent / "newsdesk")

ADD_ARTICLE = """
import django; django.setup()
from datetime import timedelta
from django.utils import timezone
from newsdesk.newsroom.models import Article, Section
a = Article.objects.create(headline="{slug}", slug="{slug}",
    section=Section.objects.get(slug="live"), body="<p>x</p>",
    status="published", publish_at=timezone.now() - timedelta(minutes=5))
print(a.get_absolute_url())
"""


def fetch(server, path: str, *, cookie: str | None = None) -> tuple[int, Message, str]:
    """(status, headers, body) of a GET; a cookie sends it past the page cache to Django."""
    headers = {"Cookie": cookie} if cookie else {}
    request = urllib.request.Request(server.url + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def status(server, path: str) -> int:
    return fetch(server, path)[0]


def add_article(server, slug: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", ADD_ARTICLE.format(slug=slug)],
        env=server.env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return out.stdout.strip().splitlines()[-1]


def add_media(server, name: str) -> None:
    media = Path(server.env["NEWSDESK_DATA_DIR"]) / "media"
    media.mkdir(parents=True, exist_ok=True)
    (media / name).write_text(name)


def cached(server, path: str) -> str:
    """The page at ``path`` once the page cache answers it from its stored copy (X-Cache HIT)."""
    for _ in range(50):
        code, headers, body = fetch(server, path)
        if code == 200 and headers.get("X-Cache") == "HIT":
            return body
        time.sleep(0.1)
    raise AssertionError(f"{path} never came from the page cache: {code} {headers}")


@dataclass
class Answer:
    """One request of the traffic: when it was answered and how (0: no HTTP answer at all)."""

    what: str
    status: int
    at: float
    error: str = ""


class Traffic:
    """Readers (from the page cache, and with a cookie through Django) and view beacons.

    Every outcome is recorded, a refused connection or a timeout included, so a server that
    stops answering fails the test instead of stopping the traffic.
    """

    def __init__(self, server, article_path: str) -> None:
        self.server = server
        self.requests = [
            ("cached home", lambda: status(server, "/")),
            ("cached article", lambda: status(server, article_path)),
            ("article in Django", lambda: fetch(server, article_path, cookie="reader=1")[0]),
            ("beacon", self._beacon),
        ]
        self.answers: list[Answer] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _beacon(self) -> int:
        data = f"article={self.server.article_ids[0]}".encode()
        request = urllib.request.Request(self.server.url + "/audience/views/", data=data)
        try:
            with urllib.request.urlopen(request, timeout=10) as r:
                return r.status
        except urllib.error.HTTPError as error:
            return error.code

    def _run(self) -> None:
        while not self._stop.is_set():
            for what, request in self.requests:
                try:
                    code, error = request(), ""
                except OSError as failure:  # refused, reset, timed out: no answer
                    code, error = 0, repr(failure)
                self.answers.append(Answer(what, code, time.monotonic(), error))

    def __enter__(self) -> Traffic:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def between(self, start: float, end: float) -> list[Answer]:
        return [a for a in self.answers if start <= a.at <= end]


@pytest.fixture
def server(tmp_path):
    # The page cache on, as served: a restore must purge it.
    live = LiveServer(tmp_path, extra_env={"NEWSDESK_PAGE_CACHE_SECONDS": "60"}).setup().start()
    yield live
    live.close()


def test_backup_and_restore_round_trip_while_serving(server, tmp_path):
    before = add_article(server, "before-the-backup")
    add_media(server, "before.txt")
    assert status(server, before) == 200

    # Readers and view beacons keep coming while the backup is taken and restored.
    with Traffic(server, before) as traffic:
        backup = tmp_path / "backup"
        out = server.manage("backup", str(backup))
        assert "Backed up" in out
        assert (backup / "manifest.json").exists() and (backup / "media.tar").exists()
        # Owner only: the backup holds password hashes, sessions and two-factor secrets.
        assert backup.stat().st_mode & 0o777 == 0o700
        assert all(f.stat().st_mode & 0o077 == 0 for f in backup.iterdir())

        after = add_article(server, "after-the-backup")
        add_media(server, "after.txt")
        # Both pages the restore changes are in the page cache when it starts.
        assert "after-the-backup" in cached(server, "/")
        assert "after-the-backup" in cached(server, after)
        assert status(server, "/media/after.txt") == 200

        restore_began = time.monotonic()
        out = server.manage("restore", "--noinput", str(backup))
        restore_ended = time.monotonic()
        assert "Restored" in out
        time.sleep(0.5)  # traffic after the restore, on the restored data

    # The same running server now serves the backed-up state, none of it stale from the cache.
    assert status(server, before) == 200
    assert status(server, after) == 404
    home = fetch(server, "/")
    assert home[0] == 200 and "before-the-backup" in home[2]
    assert "after-the-backup" not in home[2]
    assert status(server, "/media/before.txt") == 200
    assert status(server, "/media/after.txt") == 404

    # The server answered all along: every kind of request, during the restore itself too,
    # and nothing answered 5xx (docs/security.md, Backups).
    during = traffic.between(restore_began, restore_ended)
    for what, _request in traffic.requests:
        assert any(a.what == what and a.status in {200, 204} for a in during), (what, during)
    failures = [a for a in traffic.answers if a.status == 0 or a.status >= 500]
    assert failures == []


def failed_restore(server, folder) -> subprocess.CompletedProcess:
    """`newsdesk restore` of ``folder``, expected to refuse."""
    result = subprocess.run(
        [NEWSDESK, "restore", "--noinput", str(folder)],
        env=server.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    return result


def test_restore_refuses_a_folder_that_is_not_a_backup(server, tmp_path):
    result = failed_restore(server, tmp_path)
    assert "is not a Newsdesk backup" in result.stderr


def test_a_restore_whose_media_cannot_be_unpacked_leaves_everything_as_it_was(server, tmp_path):
    """The media are unpacked before the database is touched: a bad archive changes nothing."""
    backup = tmp_path / "backup"
    server.manage("backup", str(backup))
    with tarfile.open(backup / "media.tar", "w") as tar:  # a link out of MEDIA_ROOT
        link = tarfile.TarInfo("escape")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(link)
    after = add_article(server, "written-after-the-backup")
    add_media(server, "kept.txt")
    result = failed_restore(server, backup)
    assert "media archive cannot be restored" in result.stderr
    assert status(server, after) == 200  # the database was not restored
    assert status(server, "/media/kept.txt") == 200
