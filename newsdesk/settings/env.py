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


def site_url(default: str = "http://127.0.0.1:8000") -> str:
    url = text("SITE_URL", default).rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ImproperlyConfigured(f"SITE_URL must be an absolute http(s) URL; got {url!r}")
    return url


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
