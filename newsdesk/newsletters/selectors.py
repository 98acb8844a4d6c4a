"""Newsletters' reads: the public archive, a letter's progress, a subscriber's lists."""

from __future__ import annotations

from django.db.models import Count

from newsdesk.newsletters.models import Delivery, Letter, Subscriber


def archive(limit: int = 30) -> list[Letter]:
    """The letters that went out, newest first (briefings, alerts, digests). One query."""
    return list(
        Letter.objects.filter(status=Letter.Status.SENT).only(
            "pk", "kind", "subject", "send_at", "list_key"
        )[:limit]
    )


def sent_letter(pk: int) -> Letter | None:
    """A letter that went out, for its public page; None for drafts and cancelled ones."""
    return Letter.objects.filter(pk=pk, status=Letter.Status.SENT).first()


def progress(letter: Letter) -> dict[str, int]:
    """Sent, failed, in doubt, skipped, left and opened of a letter's deliveries. Two
    queries."""
    rows = Delivery.objects.filter(letter=letter).values("state")
    counts = dict(rows.annotate(n=Count("pk")).values_list("state", "n"))
    opened = rows.annotate(n=Count("opened_at")).values_list("state", "n")
    return {
        "opened": sum(n for _, n in opened),
        "sent": counts.get("sent", 0),
        "failed": counts.get("failed", 0),
        "in_doubt": counts.get("in_doubt", 0),
        "skipped": counts.get("skipped", 0),
        "left": counts.get("pending", 0) + counts.get("sending", 0),
    }


def subscriber(pk: int) -> Subscriber | None:
    return Subscriber.objects.filter(pk=pk).first()


def lists_of(subscriber: Subscriber) -> set[str]:
    return set(subscriber.subscriptions.values_list("list_key", flat=True))
