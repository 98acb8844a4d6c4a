import pytest
from bs4 import BeautifulSoup


def parse(response) -> BeautifulSoup:
    """The response body as a browser's HTML5 parser builds it."""
    return BeautifulSoup(response.content.decode(), "html5lib")


@pytest.fixture
def editor(db):
    from tests.factories import make_user

    return make_user("ed", role="Editor")


@pytest.fixture
def writer_user(db):
    from tests.factories import make_user

    return make_user("writer", role="Contributor")


@pytest.fixture
def moderator(db):
    from tests.factories import make_user

    return make_user("mod", role="Moderator")


def _clear_shared_state() -> None:
    """Caches and counters outside the test database, which rolls back by itself."""
    from django.conf import settings
    from django.core.cache import cache

    from newsdesk.site import caches

    caches.clear_all()
    if settings.REDIS_URL:
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL)
        # Only this run's keys: the prefixes carry the test process id (settings/test.py).
        for prefix in (settings.CACHES["default"]["KEY_PREFIX"], settings.NEWSDESK_REDIS_PREFIX):
            for key in client.scan_iter(match=f"{prefix}:*", count=1000):
                client.delete(key)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _shared_state():
    _clear_shared_state()
    yield
    _clear_shared_state()


@pytest.fixture
def keep_test_connection():
    """For tests that call the WSGI layers in front of Django (page cache, beacon fast path).

    Those layers send Django's request signals, whose close_old_connections would close the
    test's transaction; Django's test client disconnects it the same way.
    """
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
