import pytest

from tests.factories import ArticleFactory, TagFactory, make_contributor


@pytest.fixture
def article(db):
    item = ArticleFactory(contributors=[make_contributor(1)])
    item.tags.add(TagFactory(slug="drones", name="Drones"))
    return item


def csp_directives(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.fixture
def page_cache():
    """An empty page cache before and after: tests that call newsdesk.wsgi.application."""
    from django.conf import settings
    from django.core.cache import caches

    from newsdesk.pagecache import store

    def clear():
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

    clear()
    yield
    clear()
