"""The view journal: what a beacon is acknowledged on without Redis; written through once."""

import fcntl
import os
from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.audience import journal as journal_module
from newsdesk.audience.journal import Journal, encode
from newsdesk.audience.models import ArticleStats, FlushCursor
from newsdesk.audience.stores import _writers_lock, write_views
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_writer_thread(monkeypatch):
    # The tests write through themselves, inside their own transaction.
    monkeypatch.setattr(Journal, "_run", lambda self: None)


@pytest.fixture
def journal(tmp_path, settings):
    settings.DATA_DIR = str(tmp_path)
    return Journal(tmp_path / "view-journal", write_views, _writers_lock)


@pytest.fixture
def article():
    return ArticleFactory()


def views(article) -> int:
    stats = ArticleStats.objects.filter(article_id=article.pk).first()
    return stats.views if stats else 0


def files(journal) -> list:
    return sorted(journal.directory.glob("*.log"))


def test_appended_views_count_once_written_through(journal, article):
    now = timezone.now()
    for reader in ("a", "b", "c", "a"):
        journal.append(article.pk, reader, now)
    assert views(article) == 0  # recorded in the journal, not yet in SQL
    assert journal.flush() == 4
    assert views(article) == 3  # the repeat counts nothing
    assert journal.flush() == 0
    assert views(article) == 3


def test_the_window_is_judged_per_view_within_one_batch(journal, article):
    start = timezone.now() - timedelta(hours=2)
    for minutes in (0, 10, 29, 31, 45, 62):  # a backlog written through at once
        journal.append(article.pk, "reader", start + timedelta(minutes=minutes))
    journal.flush()
    assert views(article) == 3  # at 0, 31 and 62 minutes


def test_a_write_through_that_dies_half_way_counts_nothing_twice(journal, article, monkeypatch):
    now = timezone.now()
    for reader in range(5):
        journal.append(article.pk, f"r{reader}", now)
    calls = []

    def dies_after_writing(batch):
        calls.append(len(batch))
        write_views(batch)
        raise RuntimeError("killed before the commit")

    monkeypatch.setattr(journal, "write_views", dies_after_writing)
    with pytest.raises(RuntimeError):
        journal.flush()
    assert calls == [5]
    assert views(article) == 0  # rolled back with its cursor
    monkeypatch.setattr(journal, "write_views", write_views)
    assert journal.flush() == 5
    assert views(article) == 5


def test_a_half_written_line_waits_for_its_end(journal, article):
    journal.append(article.pk, "whole", timezone.now())
    line = encode(article.pk, "half", timezone.now())
    os.write(journal._active.fd, line[:10])
    assert journal.flush() == 1
    os.write(journal._active.fd, line[10:])
    assert journal.flush() == 1
    assert views(article) == 2


def test_a_damaged_line_is_skipped_and_the_rest_counted(journal, article):
    journal.append(article.pk, "before", timezone.now())
    os.write(journal._active.fd, b"\x00\xffnot a view\n")
    journal.append(article.pk, "after", timezone.now())
    journal.flush()
    assert views(article) == 2


def test_a_view_of_a_deleted_article_does_not_block_the_others(journal, article):
    gone = ArticleFactory()
    gone_pk = gone.pk
    journal.append(gone_pk, "x", timezone.now())
    gone.delete()
    journal.append(article.pk, "y", timezone.now())
    assert journal.flush() == 2
    assert views(article) == 1
    assert journal.flush() == 0


def test_a_stopped_process_journal_is_taken_over_and_deleted(journal, article):
    journal.directory.mkdir(parents=True)
    orphan = journal.directory / "12345-1-dead.log"
    now = timezone.now()
    orphan.write_bytes(b"".join(encode(article.pk, f"r{i}", now) for i in range(7)))
    FlushCursor.objects.create(name=f"journal:{orphan.name}", position="0")
    # One more journal whose process is alive (it holds the lock): left alone.
    alive = journal.directory / "23456-1-live.log"
    alive.write_bytes(encode(article.pk, "live", now))
    holder = os.open(alive, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        assert journal.adopt_orphans() == 7
    finally:
        os.close(holder)
    assert views(article) == 7
    assert not orphan.exists()
    assert not FlushCursor.objects.filter(name=f"journal:{orphan.name}").exists()
    assert alive.exists()
    # Once its process is gone it is taken over too.
    assert journal.adopt_orphans() == 1
    assert views(article) == 8


def test_an_orphan_partly_written_through_counts_only_the_rest(journal, article):
    journal.directory.mkdir(parents=True)
    orphan = journal.directory / "12345-1-dead.log"
    now = timezone.now()
    lines = [encode(article.pk, f"r{i}", now) for i in range(6)]
    orphan.write_bytes(b"".join(lines))
    # Its process had written the first four through before it was killed.
    write_views([(article.pk, f"r{i}", now) for i in range(4)])
    done = sum(len(line) for line in lines[:4])
    FlushCursor.objects.create(name=f"journal:{orphan.name}", position=str(done))
    assert journal.adopt_orphans() == 2
    assert views(article) == 6


def test_a_full_file_is_replaced_and_deleted_once_written_through(journal, article, monkeypatch):
    monkeypatch.setattr(journal_module, "ROTATE_BYTES", 200)
    now = timezone.now()
    for reader in range(10):
        journal.append(article.pk, f"r{reader}", now)
    first = files(journal)
    assert len(first) == 1
    journal.flush()
    assert views(article) == 10
    remaining = files(journal)
    assert len(remaining) == 1 and remaining != first
    journal.append(article.pk, "next", now)
    journal.flush()
    assert views(article) == 11


def test_a_failed_append_is_not_acknowledged(journal, article, monkeypatch):
    def full(fd, data):
        raise OSError(28, "No space left on device")

    journal.append(article.pk, "first", timezone.now())  # opens the file
    monkeypatch.setattr(journal_module.os, "write", full)
    with pytest.raises(journal_module.JournalFull):
        journal.append(article.pk, "second", timezone.now())


BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


def test_a_beacon_is_answered_once_journaled_and_counted_when_written_through(
    client, settings, tmp_path, article
):
    from newsdesk.audience.stores import get_store

    settings.DATA_DIR = str(tmp_path)
    settings.NEWSDESK_VIEW_JOURNAL = True
    settings.REDIS_URL = ""  # the SQL store, in either test configuration
    response = client.post("/audience/views/", {"article": article.pk}, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 204
    assert views(article) == 0
    assert get_store().flush() == 1
    assert views(article) == 1


def test_a_beacon_the_journal_cannot_take_is_answered_503(
    client, settings, tmp_path, article, monkeypatch
):
    settings.DATA_DIR = str(tmp_path)
    settings.NEWSDESK_VIEW_JOURNAL = True
    settings.REDIS_URL = ""  # the SQL store, in either test configuration

    def full(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal_module.os, "write", full)
    response = client.post("/audience/views/", {"article": article.pk}, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 503
    assert b"not counted" in response.content


def _failing_once(monkeypatch, journal):
    calls = []

    def fails_first(batch):
        calls.append(len(batch))
        if len(calls) == 1:
            raise RuntimeError("database gone for a moment")
        return write_views(batch)

    monkeypatch.setattr(journal, "write_views", fails_first)
    return calls


def test_a_replaced_file_whose_write_through_failed_is_finished_later(
    journal, article, monkeypatch
):
    now = timezone.now()
    for reader in range(10):
        journal.append(article.pk, f"r{reader}", now)
    old = journal._active
    _failing_once(monkeypatch, journal)
    with pytest.raises(RuntimeError):
        journal._rotate(old)  # the writer's own step once a file is full
    assert journal._active is not old
    journal.append(article.pk, "in the new file", now)
    journal.flush()
    assert views(article) == 11
    assert files(journal) == [journal._active.path]


def test_an_orphan_whose_take_over_failed_is_taken_over_by_the_next_scan(
    journal, article, monkeypatch
):
    journal.directory.mkdir(parents=True)
    orphan = journal.directory / "12345-1-dead.log"
    orphan.write_bytes(b"".join(encode(article.pk, f"r{i}", timezone.now()) for i in range(3)))
    _failing_once(monkeypatch, journal)
    with pytest.raises(RuntimeError):
        journal.adopt_orphans()
    assert journal.adopt_orphans() == 3
    assert views(article) == 3
    assert not orphan.exists()


def test_a_late_view_counts_if_a_window_before_the_stored_one_and_the_key_keeps_the_later(
    article,
):
    noon = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    assert write_views([(article.pk, "r", noon)]) == [True]
    # A stopped process's journal written through late: its views come after newer ones.
    assert write_views([(article.pk, "r", noon - timedelta(hours=3))]) == [True]
    assert write_views([(article.pk, "r", noon - timedelta(minutes=10))]) == [False]
    assert write_views([(article.pk, "r", noon + timedelta(minutes=20))]) == [False]
    assert write_views([(article.pk, "r", noon + timedelta(minutes=31))]) == [True]
    assert views(article) == 3


def test_a_half_failed_write_does_not_spoil_the_next_view(journal, article, monkeypatch):
    journal.append(article.pk, "first", timezone.now())
    real_write = os.write

    def short(fd, data):
        return real_write(fd, data[:7])  # the disk filled up mid-line

    monkeypatch.setattr(journal_module.os, "write", short)
    with pytest.raises(journal_module.JournalFull):
        journal.append(article.pk, "lost", timezone.now())
    monkeypatch.setattr(journal_module.os, "write", real_write)
    journal.append(article.pk, "second", timezone.now())
    assert journal.flush() == 2
    assert views(article) == 2
    assert files(journal) == [journal._active.path]  # the spoiled file is gone


def test_the_cursor_holds_the_offset_written_through(journal, article):
    for reader in range(3):
        journal.append(article.pk, f"r{reader}", timezone.now())
    journal.flush()
    cursor = FlushCursor.objects.get(name=f"journal:{journal._active.path.name}")
    assert int(cursor.position) == journal._active.path.stat().st_size
