"""Purges the pages that show an update when one is posted, edited, pinned or deleted.

Signals are for cache invalidation only (docs/architecture.md). An update changes the live
page, its updates' polling address and its feed (all three carry ``live:<id>``) and the
sitemaps (the news sitemap's date follows the newest update). Nothing a list shows changes
(headline, summary, picture, the LIVE mark), so the pages listing the article stay: purging
them with every update would re-render most of the site every few seconds during an event
(docs/coverage.md, "Purges"). Connected from CoverageConfig.ready().
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from newsdesk.coverage.models import Update
from newsdesk.pagecache import keys
from newsdesk.pagecache.services import pages_purge


def update_keys(article_id: int) -> list[str]:
    return [keys.live(article_id), keys.SITEMAPS]


def update_changed(sender, instance: Update, **kwargs) -> None:
    pages_purge(keys=update_keys(instance.article_id))


def connect() -> None:
    for signal, name in ((post_save, "save"), (post_delete, "delete")):
        signal.connect(update_changed, sender=Update, dispatch_uid=f"pagecache.Update.{name}")
