"""The one bounded per-process cache type and the registry that forgets them all."""

from newsdesk.site import caches
from newsdesk.site.caches import BoundedCache


def test_a_bounded_cache_empties_itself_instead_of_growing_past_its_bound():
    cache = BoundedCache("test.bounded", max_entries=2)
    cache.set("a", 1)
    cache.set("b", 2)
    cache.set("a", 3)  # replacing a key is not growth
    assert len(cache) == 2
    cache.set("c", 4)
    assert list(cache) == ["c"]
    assert cache.get("a") is None


def test_clear_all_forgets_every_registered_cache():
    cache = BoundedCache("test.registered", max_entries=10)
    cache["x"] = 1
    cleared = []
    caches.on_clear("test.callback", lambda: cleared.append(True))
    caches.clear_all()
    assert "x" not in cache
    assert cleared == [True]


def test_the_process_caches_are_registered():
    # Importing the modules registers them; these are the ones the site keeps per process.
    from newsdesk.audience import (  # noqa: F401
        readers,
        selectors,
        stores,  # noqa: F401
    )
    from newsdesk.pagecache import store, wsgi  # noqa: F401

    assert {
        "audience.daily_salt",
        "audience.kept_lists",
        "audience.store",
        "pagecache.memory",
        "pagecache.next_change",
        "pagecache.refreshing",
        "pagecache.renders",
        "site.redis_breaker",
    } <= set(caches._clearers)
