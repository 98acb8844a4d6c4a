"""Backups of the database and the uploaded media, taken and restored while the site serves.

A backup is a folder with three things: ``database.sqlite3`` (SQLite's online backup API, a
consistent copy even while writers are busy) or ``database.pgdump`` (pg_dump's custom format,
one consistent snapshot), ``media.tar`` (MEDIA_ROOT), and ``manifest.json`` saying which.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

from newsdesk.pagecache.services import pages_purge_all

MANIFEST = "manifest.json"
MEDIA_TAR = "media.tar"

logger = logging.getLogger(__name__)


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class BackupResult:
    folder: Path
    engine: str
    database_file: Path
    media_files: int
    pages_purged: bool = False  # restore: no page cached before it is served after it


def backup_create(*, folder: Path, alias: str = "default") -> BackupResult:
    """Write a consistent copy of the database and the media into ``folder`` (made if missing).

    Readers and writers carry on meanwhile: SQLite's backup copies pages under a read
    transaction, pg_dump reads one snapshot.
    """
    # Owner only: a backup holds password hashes, sessions and two-factor secrets.
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    previous_umask = os.umask(0o077)
    try:
        return _backup_into(folder, alias)
    finally:
        os.umask(previous_umask)


def _backup_into(folder: Path, alias: str) -> BackupResult:
    db = settings.DATABASES[alias]
    engine = _engine(db)
    if engine == "sqlite":
        target = folder / "database.sqlite3"
        _sqlite_backup(Path(db["NAME"]), target)
    else:
        target = folder / "database.pgdump"
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}"], db)
    media_files = _media_archive(Path(settings.MEDIA_ROOT), folder / MEDIA_TAR)
    manifest = {
        "engine": engine,
        "database": target.name,
        "media": MEDIA_TAR,
        "media_files": media_files,
        "created_at": timezone.now().isoformat(),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return BackupResult(folder=folder, engine=engine, database_file=target, media_files=media_files)


def backup_restore(*, folder: Path, alias: str = "default") -> BackupResult:
    """Put the database and media back as they were when ``folder`` was written.

    SQLite: the copy is written into the live file through the backup API, under SQLite's own
    locking, so a serving process sees the old data or the restored data, never a torn file.
    PostgreSQL: pg_restore --clean --if-exists in one transaction. Then every cached page is
    purged, since any of them may show rows the restore took away or changed.
    """
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder} is not a Newsdesk backup: {error}") from error
    db = settings.DATABASES[alias]
    engine = _engine(db)
    if manifest["engine"] != engine:
        raise BackupError(f"the backup is of {manifest['engine']}, this database is {engine}")
    source = folder / manifest["database"]
    media_root = Path(settings.MEDIA_ROOT)
    # The media are unpacked first: an archive that cannot be unpacked stops the restore
    # before the database is touched, so a failed restore leaves both as they were.
    staging, media_files = _media_unpack(folder / manifest["media"], media_root)
    try:
        _database_restore(engine, source, db, alias)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _media_swap(staging, media_root)
    return BackupResult(
        folder=folder,
        engine=engine,
        database_file=source,
        media_files=media_files,
        pages_purged=_pages_purge(),
    )


def _pages_purge() -> bool:
    try:
        pages_purge_all()
    except Exception:
        logger.exception("page cache purge after a restore failed")
        return False
    return True


def _database_restore(engine: str, source: Path, db: dict, alias: str) -> None:
    connections[alias].close()
    if engine == "sqlite":
        _sqlite_backup(source, Path(db["NAME"]))
    else:
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={db['NAME']}",
                str(source),
            ],
            db,
            dbname_flag=False,
        )


def _engine(db: dict) -> str:
    if db["ENGINE"].endswith("sqlite3"):
        return "sqlite"
    if db["ENGINE"].endswith("postgresql"):
        return "postgresql"
    raise BackupError(f"no backup method for {db['ENGINE']}")


def _sqlite_backup(source: Path, target: Path) -> None:
    if not source.exists():
        raise BackupError(f"{source} does not exist")
    src = sqlite3.connect(source, timeout=20)
    dst = sqlite3.connect(target, timeout=20)
    try:
        # pages=0: one step, so a busy writer cannot make the copy restart forever.
        src.backup(dst, pages=0)
    finally:
        dst.close()
        src.close()


def _run(command: list[str], db: dict, *, dbname_flag: bool = True) -> None:
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = [command[0]]
    if db.get("HOST"):
        args.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        args.append(f"--port={db['PORT']}")
    if db.get("USER"):
        args.append(f"--username={db['USER']}")
    args += command[1:]
    if dbname_flag:
        args.append(f"--dbname={db['NAME']}")
    result = subprocess.run(  # noqa: S603  (fixed program, arguments from settings)
        args, env=env, capture_output=True, text=True, timeout=3600, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _media_archive(root: Path, target: Path) -> int:
    count = 0
    with tarfile.open(target, "w") as tar:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    tar.add(path, arcname=str(path.relative_to(root)))
                    count += 1
    return count


def _media_unpack(archive: Path, root: Path) -> tuple[Path, int]:
    """The archive's files unpacked beside MEDIA_ROOT; (that folder, how many files)."""
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=root.parent))
    staging.chmod(root.stat().st_mode & 0o7777)  # mkdtemp's 0700 would lock out a web server
    try:
        with tarfile.open(archive) as tar:
            members = tar.getmembers()
            tar.extractall(staging, filter="data")  # no absolute paths, no links out
    except (OSError, tarfile.TarError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BackupError(f"the media archive cannot be restored: {error}") from error
    return staging, sum(1 for m in members if m.isfile())


def _media_swap(staging: Path, root: Path) -> None:
    """MEDIA_ROOT replaced by the unpacked folder."""
    old = root.with_name(root.name + ".before-restore")
    shutil.rmtree(old, ignore_errors=True)
    root.rename(old)
    staging.rename(root)
    shutil.rmtree(old, ignore_errors=True)
