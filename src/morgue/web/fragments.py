"""A small in-process cache of rendered page parts, bounded in size and age.

Django's default cache keeps 300 entries, too few for article pages; this one
keeps the most recently used ``MAX_ENTRIES`` parts per process. A key must
name everything the part depends on (an article's revision count, say), so
the age limit only bounds what no key can name (a new neighbour in a section).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings

T = TypeVar("T")
MAX_ENTRIES = 2000

_entries: OrderedDict[str, tuple[float, object]] = OrderedDict()
_lock = threading.Lock()


def article_cache_seconds() -> int:
    """Return how long a rendered article is reused (MORGUE_ARTICLE_CACHE_SECONDS, default 60; 0: never)."""
    return int(getattr(settings, "MORGUE_ARTICLE_CACHE_SECONDS", 60))


def fragment(key: str, seconds: int, render: Callable[[], T]) -> T:
    """Return the part cached under ``key`` if younger than ``seconds``, else ``render()`` it and keep it."""
    if seconds <= 0:
        return render()
    now = time.monotonic()
    with _lock:
        hit = _entries.get(key)
        if hit and now - hit[0] < seconds:
            _entries.move_to_end(key)
            return hit[1]  # type: ignore[return-value]
    value = render()
    with _lock:
        _entries[key] = (now, value)
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def forget() -> None:
    """Drop every cached part (tests)."""
    with _lock:
        _entries.clear()
