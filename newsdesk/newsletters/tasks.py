"""Newsletters' jobs, run by the huey worker (`newsdesk run_huey`; docs/jobs.md).

Jobs carry ids, never rows; the database says what is left to do, so a job that runs twice
or after a restart does no harm. The tick runs every minute in the worker (no cron).
"""

from __future__ import annotations

import logging

from django.core.mail import get_connection
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_startup

log = logging.getLogger(__name__)


@db_task(retries=6, retry_delay=30, retry_backoff=2)
def send_confirmation(address: str, chosen: list[str]) -> None:
    """The double opt-in mail. Retried 6 times, 30 s doubling (about half an hour)."""
    from newsdesk.newsletters import mail

    with get_connection(fail_silently=False) as connection:
        mail.confirmation(address, chosen, connection=connection).send()


@db_task(retries=8, retry_delay=30, retry_backoff=2)
def deliver(letter_id: int) -> str:
    """Sends what is left of a letter (services.letter_deliver); a mail server that cannot be
    reached retries it, 30 s doubling."""
    from newsdesk.newsletters import services

    return services.letter_deliver(letter_id=letter_id)


@db_periodic_task(crontab(minute="*"))
def tick() -> None:
    """Every minute: compose today's briefing (and on Saturdays the digests) when its time
    nears, start what is due, and pick
    up the sends whose worker died."""
    from newsdesk.newsletters import services

    services.briefing_compose()
    services.digests_compose()
    services.letters_start_due()
    services.sends_recover()


@on_startup()
def recover_at_start() -> None:
    """A worker starting picks up the sends of a worker that died (if silent long enough)."""
    from django.db import close_old_connections

    from newsdesk.newsletters import services

    try:
        services.sends_recover()
    finally:
        close_old_connections()
