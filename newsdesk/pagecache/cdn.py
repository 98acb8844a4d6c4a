"""The CDN purge hook: NEWSDESK_PURGE_URL_TEMPLATE, e.g. ``https://cdn.example/purge/{key}``.

Best effort: each purged key is POSTed in a background thread with a 2-second timeout, so a
slow or failing CDN never delays or fails the editor's request. Pages at the CDN expire after
s-maxage (at most 60 s) in any case.
"""

from __future__ import annotations

import logging
import threading
import urllib.request
from urllib.parse import quote

from django.conf import settings

TIMEOUT = 2.0

logger = logging.getLogger(__name__)


def purge(keys: list[str]) -> threading.Thread | None:
    template = settings.NEWSDESK_PURGE_URL_TEMPLATE
    if not template or not keys:
        return None
    urls = [template.format(key=quote(k, safe="")) for k in keys]
    thread = threading.Thread(target=_send, args=(urls,), daemon=True, name="cdn-purge")
    thread.start()
    return thread


def _send(urls: list[str]) -> None:
    for url in urls:
        try:
            request = urllib.request.Request(url, method="POST", data=b"")  # noqa: S310
            with urllib.request.urlopen(request, timeout=TIMEOUT):  # noqa: S310  (configured URL)
                pass
        except Exception as error:  # noqa: BLE001  best effort: a CDN purge never fails a write
            logger.warning("CDN purge of %s failed: %s", url, error)
