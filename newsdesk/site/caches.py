"""Per-process memory: one bounded cache type, and one registry that forgets it all.

Every module-level cache in Newsdesk is a ``BoundedCache`` (or registers its own ``clear`` with
``on_clear``), so ``clear_all()`` returns a process to a cold start: tests call it between
tests, and nothing needs to know another module's private names. No database access.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_clearers: dict[str, Callable[[], None]] = {}


class BoundedCache(Generic[K, V]):
    """A thread-safe dict that empties itself when it would pass ``max_entries``.

    For caches whose entries are cheap to rebuild and few in normal use: forgetting all at once
    on overflow bounds memory under a pathological load without any bookkeeping per read.
    """

    def __init__(self, name: str, *, max_entries: int) -> None:
        self.name = name
        self.max_entries = max_entries
        self._items: dict[K, V] = {}
        self._lock = threading.Lock()
        on_clear(name, self.clear)

    def get(self, key: K, default: V | None = None) -> V | None:
        return self._items.get(key, default)

    def set(self, key: K, value: V) -> None:
        with self._lock:
            if key not in self._items and len(self._items) >= self.max_entries:
                self._items.clear()
            self._items[key] = value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __getitem__(self, key: K) -> V:
        return self._items[key]

    def __setitem__(self, key: K, value: V) -> None:
        self.set(key, value)

    def __iter__(self) -> Iterator[K]:
        return iter(list(self._items))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)


def on_clear(name: str, clear: Callable[[], None]) -> None:
    """Registers per-process state that ``clear_all`` must reset (one entry per name)."""
    _clearers[name] = clear


def clear_all() -> None:
    """Forgets every registered per-process cache (for tests, and after a restore)."""
    for clear in list(_clearers.values()):
        clear()
