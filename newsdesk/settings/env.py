"""Every value Newsdesk takes from the environment is read here, and only here."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parents[2]


def text(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def flag(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def count(name: str, default: int) -> int:
    """A whole number, 0 or more; ``default`` when unset or blank."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()):
        raise ImproperlyConfigured(f"{name} must be a whole number, 0 or more; got {raw!r}")
    return int(raw)


def listing(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def data_dir() -> Path:
    path = Path(text("NEWSDESK_DATA_DIR") or PROJECT_DIR / "data")
    path.mkdir(parents=True, exist_ok=True)
    return path


def database(default_sqlite: Path) -> dict:
    """The default database from DATABASE_URL, or the embedded SQLite file.

    SQLite runs in WAL mode with a busy timeout and IMMEDIATE transactions, so
    concurrent writers queue instead of failing with "database is locked", and
    a committed write survives the server process being killed.
    """
    url = text("DATABASE_URL")
    if not url:
        url = f"sqlite:///{default_sqlite}"
    # Connections are kept: opening one per request (and, on SQLite, running the PRAGMAs
    # again) costs more than most of Newsdesk's requests.
    config = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        }
    return config


def redis_url() -> str:
    return text("REDIS_URL")


def job_queue(sqlite_file: Path, redis: str) -> dict:
    """settings.HUEY: a SQLite file of the data folder, or Redis when REDIS_URL is set.

    NEWSDESK_JOB_WORKERS threads run jobs in each worker process; NEWSDESK_JOBS_IMMEDIATE runs
    every job inside the call that queues it (the in-process tests).
    """
    config: dict = {
        "name": text("NEWSDESK_JOB_QUEUE", "newsdesk"),
        "immediate": flag("NEWSDESK_JOBS_IMMEDIATE", False),
        "utc": True,
        "consumer": {
            "workers": count("NEWSDESK_JOB_WORKERS", 2),
            "worker_type": "thread",
            "periodic": True,
            "check_worker_health": True,
        },
    }
    if redis:
        config.update(huey_class="huey.RedisHuey", url=redis)
    else:
        config.update(huey_class="huey.SqliteHuey", filename=str(sqlite_file), fsync=True)
    return config


def site_url(default: str = "http://127.0.0.1:8000") -> str:
    url = text("SITE_URL", default).rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ImproperlyConfigured(f"SITE_URL must be an absolute http(s) URL; got {url!r}")
    return url


def _absolute_url(name: str) -> str:
    url = text(name).rstrip("/")
    parts = urlsplit(url)
    if url and (parts.scheme not in {"http", "https"} or not parts.netloc):
        raise ImproperlyConfigured(f"{name} must be an absolute http(s) URL; got {url!r}")
    return url


S3_VARIABLES = (
    "NEWSDESK_S3_ENDPOINT_URL",
    "NEWSDESK_S3_REGION",
    "NEWSDESK_S3_PUBLIC_URL",
    "NEWSDESK_S3_PREFIX",
)


def media_storage(local: dict) -> tuple[dict, list[str]]:
    """STORAGES["default"] and the origins its URLs are on (for img-src; none for ``local``).

    With NEWSDESK_S3_BUCKET, an S3-compatible bucket that every node shares: no ACLs, plain
    (unsigned) URLs, no overwriting, Cache-Control set by newsdesk.images.storage. The
    credentials are boto3's own (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a role).
    """
    bucket = text("NEWSDESK_S3_BUCKET")
    if not bucket:
        stray = [name for name in S3_VARIABLES if text(name)]
        if stray:
            # Half a configuration would leave each node with files of its own.
            raise ImproperlyConfigured(f"{', '.join(stray)} set without NEWSDESK_S3_BUCKET")
        return local, []
    endpoint = _absolute_url("NEWSDESK_S3_ENDPOINT_URL")
    region = text("NEWSDESK_S3_REGION")
    public = urlsplit(_absolute_url("NEWSDESK_S3_PUBLIC_URL"))
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,
        "region_name": region or None,
        "location": text("NEWSDESK_S3_PREFIX").strip("/"),
        "default_acl": None,  # buckets refuse ACLs by default; make public with a policy
        "querystring_auth": False,  # one stable address per file, cacheable by anyone
        "file_overwrite": False,  # two uploads called photo.jpg stay two files
    }
    if public.netloc:
        options["custom_domain"] = public.netloc + public.path
        options["url_protocol"] = f"{public.scheme}:"
        origins = [f"{public.scheme}://{public.netloc}"]
    elif endpoint:
        # Custom endpoints are addressed path-style: <endpoint>/<bucket>/<name>.
        origins = [f"{urlsplit(endpoint).scheme}://{urlsplit(endpoint).netloc}"]
    else:
        origins = [f"https://{bucket}.s3.amazonaws.com"]
        if region:
            origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return {"BACKEND": "newsdesk.images.storage.MediaS3Storage", "OPTIONS": options}, origins


def secret_key_from_file(folder: Path) -> str:
    """SECRET_KEY from the environment, or one generated once and kept in the data folder."""
    key = text("SECRET_KEY")
    if key:
        return key
    path = folder / "secret_key"
    if not path.exists():
        # O_EXCL: two processes starting at once must not write two different keys.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()
