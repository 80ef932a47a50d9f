"""Rendered page parts and shared counts, kept in the cache every server process sees (morgue.web.cache).

A key must name everything the part depends on (an article's revision
count, say), so the age limit only bounds what no key can name (a new
neighbour in a section, a new article in a count).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

T = TypeVar("T")


def article_cache_seconds() -> int:
    """Return how long a rendered article is reused (MORGUE_ARTICLE_CACHE_SECONDS, default 300; 0: never)."""
    return int(getattr(settings, "MORGUE_ARTICLE_CACHE_SECONDS", 300))


def cache_key(key: str) -> str:
    """Return ``key`` as a cache key safe for every backend (memcached refuses spaces and long keys).

    The archive home is part of it, so archives sharing one Redis or memcached keep apart.
    """
    digest = hashlib.blake2b(f"{settings.HOME}\0{key}".encode(), digest_size=16).hexdigest()
    return f"morgue:{digest}"


def fragment(key: str, seconds: int, render: Callable[[], T]) -> T:
    """Return the part cached under ``key`` if younger than ``seconds``, else ``render()`` it and keep it.

    ``render()`` must not return None (None is how the cache says it has nothing).
    """
    if seconds <= 0:
        return render()
    name = cache_key(key)
    value = cache.get(name)
    if value is None:
        value = render()
        cache.set(name, value, seconds)
    return value


def is_anyones(request: HttpRequest) -> bool:
    """Return whether a GET request carries nothing of its reader's: no session, no messages, no cookie but CSRF's.

    Such a reader sees exactly what every other such reader sees, so the whole
    page can be shared. The CSRF cookie alone changes nothing on a page
    without a form (a page that renders a token is never kept: see ``whole_page``).
    """
    return request.method == "GET" and not (request.COOKIES.keys() - {settings.CSRF_COOKIE_NAME})


def whole_page(request: HttpRequest, key: str, seconds: int, respond: Callable[[], HttpResponse]) -> HttpResponse:
    """Return the page ``respond()`` makes, shared for ``seconds`` between readers who bring nothing of their own.

    ``key`` must name what the page depends on besides its address (an
    article's revision count). A signed-in reader, or one with a message
    waiting, always gets a page made for them. Only a plain 200 answer that
    sets no cookie and used no CSRF token is kept.
    """
    if seconds <= 0 or not is_anyones(request):
        return respond()
    name = cache_key(f"page:{request.get_host()}:{request.get_full_path()}:{key}")
    kept = cache.get(name)
    if kept is not None:
        content, content_type = kept
        return HttpResponse(content, content_type=content_type)
    response = respond()
    if (response.status_code == 200 and not response.streaming and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")):
        cache.set(name, (response.content, response["Content-Type"]), seconds)
    return response


def forget() -> None:
    """Drop every cached part (tests; an editor's change needs none of this: keys name revisions)."""
    cache.clear()
