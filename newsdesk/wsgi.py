"""WSGI entry point, served by granian in ``make run``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.local")

django_application = get_wsgi_application()

from newsdesk.audience.fastpath import BeaconFastPath  # noqa: E402  (needs Django set up)
from newsdesk.pagecache.wsgi import PageCache  # noqa: E402

# Cached reader pages first (the most frequent request), then the view beacon, then Django.
application = PageCache(BeaconFastPath(django_application))
