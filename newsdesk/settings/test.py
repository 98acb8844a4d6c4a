"""The test configuration: the same database and cache choice as the environment gives."""

import os
import tempfile

from newsdesk.settings.base import *  # noqa: F403
from newsdesk.settings.base import CACHES, MIDDLEWARE

SECRET_KEY = "test-only-key-not-for-any-deployment-0123456789abcdef"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests on a shared Redis keep to their own keys.
CACHES["default"]["KEY_PREFIX"] = f"newsdesk-test-{os.getpid()}"
CACHES["pages"]["KEY_PREFIX"] = f"newsdesk-test-{os.getpid()}-pages"
if CACHES["page-purges"]["BACKEND"].endswith("RedisCache"):
    CACHES["page-purges"]["KEY_PREFIX"] = f"newsdesk-test-{os.getpid()}-pages-purges"
else:
    for alias in ("pages", "page-purges"):
        CACHES[alias] = {
            **CACHES[alias],
            "LOCATION": os.path.join(tempfile.gettempdir(), f"newsdesk-test-{os.getpid()}-{alias}"),
        }
# Static files are served by the test client's finders; whitenoise wants a collected folder.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]
# Tests on a shared Redis keep their view counters apart too.
NEWSDESK_REDIS_PREFIX = f"newsdesk-test-{os.getpid()}"
# Tests run inside a transaction the writer thread could not see; servers started by the
# live tests use the real setting.
NEWSDESK_VIEW_JOURNAL = False
NEWSDESK_VIEW_FLUSH_THREAD = False  # a test importing newsdesk.wsgi must not start one
NEWSDESK_VIEW_ARTICLE_CACHE_SECONDS = 0
# Lists read fresh on every render, as tests change them without purges; the tests of the kept
# lists turn it on (tests/audience/test_kept_lists.py).
NEWSDESK_LIST_CACHE_SECONDS = 0
# Jobs run inside the call that queues them (huey's immediate mode); the tests of the worker
# itself start a real one (tests/newsletters/test_worker.py).
HUEY = {**HUEY, "immediate": True}  # noqa: F405
# The mail provider's webhooks are on, with a test secret (tests/newsletters/test_bounces.py).
ANYMAIL = {"WEBHOOK_SECRET": "newsdesk-test:webhook-secret"}
