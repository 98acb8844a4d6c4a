"""`newsdesk backup` and `newsdesk restore`: a round trip while the site is serving."""

import subprocess
import sys
import tarfile
import threading
import urllib.error
import urllib.request
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


def status(server, path: str) -> int:
    try:
        with urllib.request.urlopen(server.url + path, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as error:
        return error.code


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


@pytest.fixture
def server(tmp_path):
    # Pages straight from the database: the round trip is about the data, not the page cache.
    live = LiveServer(tmp_path, extra_env={"NEWSDESK_PAGE_CACHE_SECONDS": "0"}).setup().start()
    yield live
    live.close()


def test_backup_and_restore_round_trip_while_serving(server, tmp_path):
    before = add_article(server, "before-the-backup")
    add_media(server, "before.txt")
    assert status(server, before) == 200

    # Readers and view beacons keep coming while the backup is taken and restored.
    stop = threading.Event()
    errors: list[int] = []

    def traffic():
        while not stop.is_set():
            for path in ("/", before):
                code = status(server, path)
                if code >= 500 and code != 503:  # 503: "back in a moment", allowed
                    errors.append(code)
            data = f"article={server.article_ids[0]}".encode()
            try:
                urllib.request.urlopen(server.url + "/audience/views/", data=data, timeout=10)
            except urllib.error.HTTPError as error:
                if error.code >= 500 and error.code != 503:
                    errors.append(error.code)

    reader = threading.Thread(target=traffic, daemon=True)
    reader.start()
    try:
        backup = tmp_path / "backup"
        out = server.manage("backup", str(backup))
        assert "Backed up" in out
        assert (backup / "manifest.json").exists() and (backup / "media.tar").exists()
        # Owner only: the backup holds password hashes, sessions and two-factor secrets.
        assert backup.stat().st_mode & 0o777 == 0o700
        assert all(f.stat().st_mode & 0o077 == 0 for f in backup.iterdir())

        after = add_article(server, "after-the-backup")
        add_media(server, "after.txt")
        assert status(server, after) == 200
        assert status(server, "/media/after.txt") == 200

        out = server.manage("restore", "--noinput", str(backup))
        assert "Restored" in out
    finally:
        stop.set()
        reader.join(timeout=30)

    # The same running server now serves the backed-up state.
    assert status(server, before) == 200
    assert status(server, after) == 404
    assert status(server, "/media/before.txt") == 200
    assert status(server, "/media/after.txt") == 404
    assert errors == []


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
