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


def empty_page_cache() -> None:
    """This test process's stored pages and purge marks, and nothing else: on Redis only its
    own prefixes (a cache's clear() is FLUSHDB there, which emptied the other test process's
    page cache and purge clock mid-test)."""
    from django.conf import settings
    from django.core.cache import caches

    from newsdesk.pagecache import store

    store.memory.clear()
    if settings.REDIS_URL:
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL)
        for alias in ("pages", "page-purges"):
            prefix = settings.CACHES[alias]["KEY_PREFIX"]
            for key in client.scan_iter(match=f"{prefix}:*", count=1000):
                client.delete(key)
    else:
        caches["pages"].clear()
        caches["page-purges"].clear()


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


# The roles (groups and their permissions) come from data migrations. A transactional test
# ends with a flush, which empties them (permissions and content types come back through
# post_migrate, groups do not). Django runs such tests last for this reason; with the suite
# spread over processes (pytest-xdist, `make test`) they are not last, so each process puts
# the roles back after every transactional test, as migrate left them.
_ROLES: dict[str, list[tuple[str, str]]] = {}
_BLOCKER: list = []


@pytest.fixture(scope="session", autouse=True)
def _roles_as_migrated(request):
    if not any(_uses_db(item) for item in request.session.items):
        return
    request.getfixturevalue("django_db_setup")
    from django.contrib.auth.models import Group

    blocker = request.getfixturevalue("django_db_blocker")
    _BLOCKER.append(blocker)
    with blocker.unblock():
        for group in Group.objects.prefetch_related("permissions__content_type"):
            _ROLES[group.name] = [
                (p.content_type.app_label, p.codename) for p in group.permissions.all()
            ]


def _uses_db(item) -> bool:
    return bool(
        item.get_closest_marker("django_db")
        or {"db", "transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


def _was_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        (marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
        or {"transactional_db", "live_server", "django_db_reset_sequences"} & set(item.fixturenames)
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    # After the process's last test the test database is gone (the settings name the real
    # one again): nothing to put back, and nothing to touch.
    if nextitem is None or not _ROLES or not _BLOCKER or not _was_transactional(item):
        return
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    with _BLOCKER[0].unblock():
        if Group.objects.exists():
            return
        for name, codes in _ROLES.items():
            wanted = Q(pk__in=[])
            for app_label, codename in codes:
                wanted |= Q(content_type__app_label=app_label, codename=codename)
            Group.objects.create(name=name).permissions.set(Permission.objects.filter(wanted))
