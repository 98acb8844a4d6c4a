"""System checks of the audience app."""

import sqlite3

from django.core import checks
from django.db import connection


@checks.register()
def sqlite_supports_returning(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Counting views uses INSERT ... ON CONFLICT ... RETURNING: SQLite 3.35 or newer."""
    if connection.vendor == "sqlite" and sqlite3.sqlite_version_info < (3, 35):
        return [
            checks.Error(
                f"Newsdesk needs SQLite 3.35 or newer; this Python has {sqlite3.sqlite_version}.",
                hint="Use a Python built with a newer SQLite, or PostgreSQL (DATABASE_URL).",
                id="audience.E001",
            )
        ]
    return []
