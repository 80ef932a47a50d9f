"""The site's shared cache: rendered page parts and counts, seen by every server process.

``morgue serve --workers N`` runs N processes; a cache inside each would
render every article N times and forget it at each restart. The default is
diskcache (SQLite files in the archive home's ``cache/`` folder), which every
process on the machine shares; ``MORGUE_CACHE_URL`` points a cluster at
Redis or memcached instead (see ``cache_settings``).
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from diskcache import DjangoCache

# What the cache may hold at most on disk before the least recently used parts go.
DISK_CACHE_BYTES = 1 << 30


class ArchiveDiskCache(DjangoCache):
    """diskcache's Django backend, keeping each thread's SQLite connections between requests.

    Django closes every cache when a request finishes; for diskcache that
    means reconnecting to each shard and re-reading its settings on the next
    request, which costs more than the lookup itself. Connections belong to
    one thread of one process (diskcache reconnects after a fork), so keeping
    them open is safe, as Django keeps its database connections.
    """

    def close(self, **kwargs) -> None:
        """Keep the connections (see the class)."""


def cache_settings(url: str, home: Path) -> dict:
    """Return Django's ``CACHES`` for ``MORGUE_CACHE_URL`` (empty: diskcache in the archive home).

    - ``""`` — diskcache in ``HOME/cache`` (one machine, any number of processes);
    - ``redis://host:6379/0`` (or ``rediss://``) — Redis, shared by a cluster (needs the ``redis`` package);
    - ``memcached://host:11211`` — memcached (needs ``pymemcache``);
    - ``local`` — inside each process only; ``none`` — no caching at all.
    """
    if not url:
        backend = {"BACKEND": "morgue.web.cache.ArchiveDiskCache", "LOCATION": str(home / "cache"),
                   "SHARDS": 4, "OPTIONS": {"size_limit": DISK_CACHE_BYTES}}
    elif url.startswith(("redis://", "rediss://")):
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    elif url.startswith("memcached://"):
        backend = {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
                   "LOCATION": url.removeprefix("memcached://").rstrip("/")}
    elif url == "local":
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}
    elif url == "none":
        backend = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    else:
        raise ImproperlyConfigured(
            f"MORGUE_CACHE_URL must be empty (a cache in the archive home), redis://…, memcached://…, "
            f"local or none, not {url!r}")
    return {"default": backend}


def session_engine(cache_backend: str) -> str:
    """Return the SESSION_ENGINE for the site's cache backend: morgue.accounts.sessions when the cache is shared, else the database."""
    shared = not cache_backend.endswith(("LocMemCache", "DummyCache"))
    return "morgue.accounts.sessions" if shared else "django.contrib.sessions.backends.db"
