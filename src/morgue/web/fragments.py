"""Rendered page parts and shared counts, kept in the cache every server process sees (morgue.web.cache).

A key must name everything the part depends on (an article's revision
count, say), so the age limit only bounds what no key can name (a new
neighbour in a section, a new article in a count).

New parts are written to the cache by a background thread (``CacheWriter``):
the disk cache sometimes takes tens of milliseconds to write (SQLite
checkpoints its log to disk), and a reader should not wait for that.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

T = TypeVar("T")
log = logging.getLogger(__name__)


class CacheWriter:
    """Writes values to the shared cache from one background thread per process; readers see them at once.

    At most ``limit`` values wait; past that a new one is not kept (it is
    rendered again next time), so a stalled cache never grows memory.
    """

    def __init__(self, limit: int = 1000):
        self.limit = limit
        self._waiting: dict[str, tuple[object, int]] = {}
        self._changed = threading.Condition()
        self._pid: int | None = None

    def put(self, name: str, value: object, seconds: int) -> None:
        """Keep ``value`` under ``name`` for ``seconds``, soon; ``get`` in this process sees it at once."""
        with self._changed:
            if self._pid != os.getpid():  # first use, or a forked server worker: start this process's thread
                self._waiting.clear()
                self._pid = os.getpid()
                threading.Thread(target=self._write_forever, name="morgue-cache-writer", daemon=True).start()
            if len(self._waiting) < self.limit or name in self._waiting:
                self._waiting[name] = (value, seconds)
                self._changed.notify()

    def get(self, name: str) -> object | None:
        """Return the value waiting to be written under ``name``, if any."""
        with self._changed:
            waiting = self._waiting.get(name)
        return waiting[0] if waiting else None

    def settle(self) -> None:
        """Wait until every waiting value is written (tests, and before a process exits)."""
        with self._changed:
            self._changed.wait_for(lambda: not self._waiting or self._pid != os.getpid(), timeout=30)

    def forget(self) -> None:
        with self._changed:
            self._waiting.clear()

    def _write_forever(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._waiting)
                name, (value, seconds) = next(iter(self._waiting.items()))
            try:
                cache.set(name, value, seconds)
            except Exception as exc:  # a cache that fails costs a render, never a page
                _warn_once("could not write to the page cache", exc)
            with self._changed:
                if self._waiting.get(name, (None,))[0] is value:
                    del self._waiting[name]
                self._changed.notify_all()


writer = CacheWriter()


def article_cache_seconds() -> int:
    """Return how long a rendered article is reused (MORGUE_ARTICLE_CACHE_SECONDS, default 300; 0: never)."""
    return int(getattr(settings, "MORGUE_ARTICLE_CACHE_SECONDS", 300))


def cache_key(key: str) -> str:
    """Return ``key`` as a cache key safe for every backend (memcached refuses spaces and long keys).

    The archive home is part of it, so archives sharing one Redis or memcached keep apart.
    """
    from morgue.web.paper import version

    # The paper's version: a new name, colour or notice is on every page at once, whatever was kept.
    digest = hashlib.blake2b(f"{settings.HOME}\0{version()}\0{key}".encode(), digest_size=16).hexdigest()
    return f"morgue:{digest}"


def fragment(key: str, seconds: int, render: Callable[[], T], *, keep: bool = True) -> T:
    """Return the part cached under ``key`` if younger than ``seconds``, else ``render()`` it (and keep it if ``keep``).

    ``render()`` must not return None (None is how the cache says it has nothing).
    A part made for a page that is itself kept whole need not be kept too (``keep=False``).
    """
    if seconds <= 0:
        return render()
    name = cache_key(key)
    value = _kept(name)
    if value is None:
        value = render()
        if keep:
            writer.put(name, value, seconds)
    return value


def _kept(name: str):
    """Return what the cache (or this process's writer, not yet done) holds under ``name``; None if it fails."""
    waiting = writer.get(name)
    if waiting is not None:
        return waiting
    try:
        return cache.get(name)
    except Exception as exc:  # a cache server down or a damaged cache file costs a render, never a page
        _warn_once("could not read from the page cache", exc)
        return None


_warned: set[str] = set()


def _warn_once(what: str, exc: Exception) -> None:
    """Log a failing cache once per kind of failure (a full disk would otherwise log on every page)."""
    from morgue.faults import explain

    reason = explain(exc) or f"{type(exc).__name__}: {exc}"
    if reason not in _warned and len(_warned) < 100:
        _warned.add(reason)
        log.warning("%s (pages are rendered without it): %s", what, reason, exc_info=explain(exc) is None)


def is_anyones(request: HttpRequest) -> bool:
    """Return whether a GET request carries nothing of its reader's: no session, no messages, no cookie but CSRF's.

    Such a reader sees exactly what every other such reader sees, so the whole
    page can be shared. The CSRF cookie alone changes nothing on a page
    without a form (a page that renders a token is never kept: see ``whole_page``).
    """
    return request.method == "GET" and not (request.COOKIES.keys() - {settings.CSRF_COOKIE_NAME})


def account_slot() -> SafeString:
    """Return the mark a shared page holds where its reader's account links go.

    It is made from the secret key, so no archive text can forge it (and
    text is escaped anyway); only its first occurrence, in the header, is filled.
    """
    digest = hashlib.blake2b(b"account-slot", key=settings.SECRET_KEY.encode()[:64], digest_size=12).hexdigest()
    return mark_safe(f"<!--morgue-account-{digest}-->")  # noqa: S308 - a fixed comment


def whole_page(request: HttpRequest, key: str, seconds: int, respond: Callable[[], HttpResponse],
               nav: dict | None = None) -> HttpResponse:
    """Return the page ``respond()`` makes, shared for ``seconds`` between readers.

    ``key`` must name what the page depends on besides its address (an
    article's revision count). Readers who bring nothing of their own share
    the whole page. Everyone else — signed in, or with a message waiting —
    shares the page's *shell*: the same page with a mark where the header's
    account links go, filled for each request with their own links
    (``web/_account_nav.html``, given ``nav`` as its context), so a reader's
    name, CSRF token or messages are never kept. Only a plain 200 answer
    that sets no cookie and used no CSRF token is kept.
    """
    if seconds <= 0 or request.method != "GET":
        return respond()
    if is_anyones(request):
        name = cache_key(f"page:{request.get_host()}:{request.get_full_path()}:{key}")
        kept = _kept(name)
        if kept is not None:
            return HttpResponse(kept[0], content_type=kept[1])
        response = respond()
        if _keepable(request, response):
            writer.put(name, (response.content, response["Content-Type"]), seconds)
        return response
    name = cache_key(f"shell:{request.get_host()}:{request.get_full_path()}:{key}")
    kept = _kept(name)
    if kept is not None:
        return HttpResponse(_filled(kept[0], request, nav), content_type=kept[1])
    request.morgue_shell = account_slot()
    try:
        response = respond()
    finally:
        del request.morgue_shell
    if not response.streaming:
        if _keepable(request, response):  # (asked before the reader's own links take a CSRF token)
            writer.put(name, (response.content, response["Content-Type"]), seconds)
        response.content = _filled(response.content, request, nav)
    return response


def _keepable(request: HttpRequest, response: HttpResponse) -> bool:
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def _filled(shell: bytes, request: HttpRequest, nav: dict | None) -> bytes:
    """Return ``shell`` with this reader's account links where its mark is."""
    links = render_to_string("web/_account_nav.html", nav or {}, request=request)
    return shell.replace(account_slot().encode(), links.encode(), 1)


def forget() -> None:
    """Drop every cached part (tests; an editor's change needs none of this: keys name revisions)."""
    writer.forget()
    cache.clear()
