"""Every workflow step is a revision of its own, so an article's History reads as what
happened ("Published", "Scheduled for ...", "Unpublished"): one helper for the admin's list
actions, the form's workflow buttons and the desk's story budget (docs/desk.md)."""

from __future__ import annotations

from collections.abc import Callable

import reversion
from django.utils import timezone
from django.utils.formats import date_format

from newsdesk.newsroom.models import Article

# How a draft revision of a live story begins its revision comment (newsroom/drafts.py): such a
# revision is kept, not saved, so "who saved last" passes over it (newsroom/conflicts.py).
DRAFT_REVISION = "Draft revision"


def when(moment) -> str:
    """A moment as the newsroom reads it: "8 Dec 2026, 06:00 KST"."""
    return date_format(timezone.localtime(moment), "j M Y, H:i T")


def note(article: Article, done: str) -> str:
    """What History says a step did: ``done``, or "Scheduled for ..." when it scheduled."""
    return f"Scheduled for {when(article.publish_at)}" if article.is_scheduled else done


def recorded_step(user, article: Article, service: Callable[..., object], done: str, **options):
    """Runs ``service(article=..., user=..., **options)`` inside a revision by ``user`` whose
    comment says what happened. Inside an open revision (the admin's form save) the note is
    added after that revision's own comment. Returns what the service returns; its errors
    propagate and nothing of the step is recorded."""
    with reversion.create_revision():
        reversion.set_user(user)
        result = service(article=article, user=user, **options)
        earlier = reversion.get_comment()
        said = note(article, done)
        reversion.set_comment(f"{earlier} {said}." if earlier else said)
    return result
