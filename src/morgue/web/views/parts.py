"""Pages whose main part is the same for every reader: rendered once, reused for a few seconds."""

from __future__ import annotations

from collections.abc import Callable

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from morgue.web import fragments, reading
from morgue.web.paper import current_paper


def shared_page(request, page: str, part: str, key: str, context: Callable[[], dict], extra: dict | None = None):
    """Render ``page`` around ``part``, whose context comes from ``context()`` at most every few seconds.

    The part is rendered without the request, so nothing of one reader's
    (account, CSRF token) can be kept and shown to another; the page around
    it is shared as a whole by readers without an account, and by signed-in
    readers but for the header's account links, rendered for each of them.
    """
    def build():
        return mark_safe(render_to_string(part, {"paper": current_paper(), **context()}))  # noqa: S308 - rendered by an escaping template

    def respond():
        html = fragments.fragment(f"{key}:{request.get_host()}", reading.cache_seconds(), build,
                                  keep=not fragments.is_anyones(request))
        return render(request, page, {"part": html, **(extra or {})})

    return fragments.whole_page(request, key, reading.cache_seconds(), respond)
