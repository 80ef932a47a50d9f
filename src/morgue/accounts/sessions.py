"""Sessions kept in the database and read from the shared page cache: a signed-in page asks the database nothing for them.

Django's ``cached_db`` store, with two changes: its keys name the archive
(archives sharing one Redis or memcached never see each other's sessions),
and a cache that fails costs a database read, never a page (Django's store
lets a failing cache's ``set`` and ``delete`` through).

Only a cache every server process shares may hold sessions: with
``MORGUE_CACHE_URL=local`` a reader signed out in one process would stay
signed in in the others, so the settings use the database alone then
(``morgue.web.cache.session_engine``).
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.core.cache.backends.dummy import DummyCache

log = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    def __init__(self, session_key: str | None = None):
        try:
            super().__init__(session_key)
        except Exception as exc:  # noqa: BLE001 - the cache cannot even be opened (a full disk): the database alone
            _warn_once(exc)
            self._cache = DummyCache("", {})
            cached_db.DBStore.__init__(self, session_key)

    @property
    def cache_key_prefix(self) -> str:
        archive = hashlib.blake2b(str(settings.HOME).encode(), digest_size=8).hexdigest()
        return f"morgue:session:{archive}:"

    def load(self) -> dict:
        try:
            return super().load()
        except Exception as exc:  # noqa: BLE001 - the cache could not keep what the database gave (a full disk); a database failure raises again below
            log.warning("could not keep a session in the cache: %s", exc)
            session = self._get_session_from_db()
            return self.decode(session.session_data) if session else {}

    def delete(self, session_key: str | None = None) -> None:
        try:
            super().delete(session_key)
        except Exception as exc:  # noqa: BLE001 - the database row is gone; the cache's copy expires with the session
            log.error("could not remove a signed-out session from the cache (it stays valid there until it expires): %s", exc)
            cached_db.DBStore.delete(self, session_key)



_warned: list[str] = []


def _warn_once(exc: Exception) -> None:
    if not _warned:
        _warned.append(str(exc))
        log.warning("sessions are read from the database alone: the cache cannot be opened (%s)", exc)
