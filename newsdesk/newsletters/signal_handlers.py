"""Bounces and complaints from the mail provider, through django-anymail's tracking webhooks.

anymail hands each webhook's events to its ``tracking`` signal: the library's own interface,
and the one signal in this app that is not an invalidation (docs/newsletters.md, "Mail").
"""

from __future__ import annotations

from anymail.signals import EventType, tracking

from newsdesk.newsletters import services

# An address that bounced for good, complained, was refused as invalid or blocked, or
# unsubscribed at the provider: nothing more is sent to it.
SUPPRESSING = {
    EventType.BOUNCED,
    EventType.COMPLAINED,
    EventType.REJECTED,
    EventType.UNSUBSCRIBED,
}


def on_tracking(sender, event, esp_name, **kwargs) -> None:
    if event.event_type in SUPPRESSING and event.recipient:
        services.address_suppress(address=event.recipient, reason=event.event_type)


def connect() -> None:
    tracking.connect(on_tracking, dispatch_uid="newsdesk.newsletters.suppress")
