"""Bulk writers gather their purges: one mark at commit instead of one per row
(pagecache.services.purges_gathered, docs/pagecache.md)."""

import pytest
from django.db import transaction

from newsdesk.pagecache import services, store


@pytest.fixture
def marks(monkeypatch):
    seen = []
    monkeypatch.setattr(store, "mark_purged", lambda keys: seen.append(sorted(keys)))
    monkeypatch.setattr(store, "mark_all_purged", lambda: seen.append("every page"))
    monkeypatch.setattr(services.cdn, "purge", lambda keys: None)
    return seen


@pytest.mark.django_db(transaction=True)
def test_purges_inside_are_one_mark_at_commit(marks):
    with transaction.atomic(), services.purges_gathered():
        services.pages_purge(keys=["article:1", "list:just-in"])
        services.pages_purge(keys=["article:2", "list:just-in"])
        assert marks == []  # nothing before the commit
    assert marks == [["article:1", "article:2", "list:just-in"]]
    services.pages_purge(keys=["article:3"])  # outside: on its own again
    assert marks[-1] == ["article:3"]


@pytest.mark.django_db(transaction=True)
def test_past_the_limit_every_page_is_purged_once(marks):
    with transaction.atomic(), services.purges_gathered():
        for n in range(services.GATHER_LIMIT + 1):
            services.pages_purge(keys=[f"article:{n}"])
    assert marks == ["every page"]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_batch_purges_nothing(marks):
    with pytest.raises(RuntimeError):
        with transaction.atomic(), services.purges_gathered():
            services.pages_purge(keys=["article:1"])
            raise RuntimeError("half-way")
    assert marks == []


@pytest.mark.django_db(transaction=True)
def test_keys_worked_out_at_commit_join_the_batch_or_are_never_worked_out(marks):
    asked = []

    def keys_of(n):
        return lambda: asked.append(n) or [f"article:{n}"]

    with transaction.atomic(), services.purges_gathered():
        services.pages_purge_at_commit(keys_of(1))
        services.pages_purge(keys=["list:just-in"])
        assert asked == []
    assert asked == [1] and marks == [["article:1", "list:just-in"]]
    marks.clear()
    with transaction.atomic(), services.purges_gathered():
        for n in range(services.GATHER_LIMIT + 1):
            services.pages_purge_at_commit(keys_of(n))
    assert marks == ["every page"] and asked == [1]  # past the limit: none worked out
