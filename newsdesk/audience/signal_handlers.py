"""Purges the pages that show Must-Reads when an editor's pins change.

Signals are for cache invalidation only (docs/architecture.md). Connected from
AudienceConfig.ready().
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from newsdesk.audience.models import MustRead
from newsdesk.pagecache import keys
from newsdesk.pagecache.services import pages_purge


def must_read_changed(sender, instance: MustRead, **kwargs) -> None:
    pages_purge(keys=[keys.MUST_READS])


def connect() -> None:
    post_save.connect(must_read_changed, sender=MustRead, dispatch_uid="pagecache.MustRead.save")
    post_delete.connect(
        must_read_changed, sender=MustRead, dispatch_uid="pagecache.MustRead.delete"
    )
