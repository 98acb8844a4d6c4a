"""Database connections for code that runs outside Django's request cycle (the WSGI layers)."""

from __future__ import annotations

from django.db import connections


def tidy_connections() -> None:
    """django.db.close_old_connections, except for a connection inside a transaction.

    A request never starts inside one in a server; a test that calls the WSGI application
    does (its transaction is rolled back at the end), and closing it would end the test's
    transaction, which is why Django's test client disconnects the same handler.
    """
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close_if_unusable_or_obsolete()
