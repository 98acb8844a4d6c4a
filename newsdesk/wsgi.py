"""WSGI entry point, served by granian in ``make run``."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.local")

django_application = get_wsgi_application()

from newsdesk.audience.fastpath import BeaconFastPath  # noqa: E402  (needs Django set up)
from newsdesk.audience.stores import get_store  # noqa: E402
from newsdesk.imports.redirects import Redirects  # noqa: E402
from newsdesk.pagecache.wsgi import PageCache  # noqa: E402

# Cached reader pages first (the most frequent request), then the view beacon, then old
# addresses (imports.redirects: a page cache miss only), then Django.
application = PageCache(BeaconFastPath(Redirects(django_application)))

# The view journal's writer starts with the process, so views a killed process left in its
# journal are counted as soon as the server is back, before any new beacon arrives.
get_store().start()

# Everything loaded so far (Django, the apps, the URL and template machinery) lives as long as
# the process: move it out of the garbage collector's sight, so a full collection walks only
# what requests allocate. Without this a full collection in a worker stalled a request by
# tens of milliseconds (the p99 of a cached page; docs/performance.md).
gc.collect()
gc.freeze()
