"""The paper as the site shows it: morgue.toml in the home, with what the admin changed laid over it.

Every page asks for it, so it is kept for a minute in the cache every server
process shares and for two seconds in each process; saving the paper's
settings in the admin drops the shared copy, so a change shows within
seconds everywhere. ``version`` changes whenever anything shown changes, and
is part of every cached page's key (morgue.web.fragments).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache

from morgue.errors import ConfigurationError
from morgue.paper import FILE_NAME, Paper, read_paper

CACHE_KEY = "morgue:paper"
IMAGE_TYPES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
    b"\x00\x00\x01\x00": "image/x-icon",
}
MAX_IMAGE_BYTES = 512 * 1024
# What could make an SVG run script or fetch anything: such a file is not served.
_SVG_HAZARDS = re.compile(rb"<script|javascript:|<foreignobject|<!entity|<!doctype|\son[a-z]+\s*=|href\s*=\s*[\"'](?!#)")
_memo: tuple[float, str, Paper, str] | None = None


def current_paper() -> Paper:
    """Return the paper the site speaks for now."""
    return _current()[0]


def version() -> str:
    """Return a short digest of everything about the paper a page shows."""
    return _current()[1]


def _current() -> tuple[Paper, str]:
    global _memo
    now, home = time.monotonic(), str(settings.HOME)
    if _memo and _memo[0] > now and _memo[1] == home:
        return _memo[2], _memo[3]
    kept = _cache_get()
    if kept is None:
        paper = build_paper()
        data = asdict(paper)
        kept = (data, hashlib.blake2b(json.dumps(data, sort_keys=True).encode(), digest_size=6).hexdigest())
        _cache_set(kept)
    paper = Paper(**kept[0])
    _memo = (now + 2.0, home, paper, kept[1])
    return paper, kept[1]


def forget() -> None:
    """Drop the kept paper (after the admin saved it, and in tests): the next page reads it afresh."""
    global _memo
    _memo = None
    try:
        cache.delete(_key())
    except Exception:  # noqa: BLE001 - a failing cache costs a read, never a page
        pass


def _key() -> str:
    """The shared copy's key: the home and the state of its morgue.toml, so an edited file is read at once."""
    try:
        stat = (Path(settings.HOME) / FILE_NAME).stat()
        state = f"{stat.st_mtime_ns}:{stat.st_size}"
    except OSError:
        state = "none"
    return f"{CACHE_KEY}:{settings.HOME}:{state}"


def _cache_get():
    try:
        return cache.get(_key())
    except Exception:  # noqa: BLE001
        return None


def _cache_set(value) -> None:
    try:
        cache.set(_key(), value, 60)
    except Exception:  # noqa: BLE001
        pass


def build_paper() -> Paper:
    """Return morgue.toml's paper with the admin's settings laid over it (uploaded images named by their digest)."""
    from morgue.web.models import PaperSettings, SitePage

    try:
        paper = read_paper(Path(settings.HOME))
    except ConfigurationError as exc:
        # Edited into something unusable while the site runs: pages go on in neutral words (commands say why).
        _warn(f"the paper's settings are not used: {exc}")
        paper = Paper()
    row = PaperSettings.objects.filter(pk=1).defer("logo", "favicon").first()
    changes: dict = {}
    if row is not None:
        changes = {name: getattr(row, name) for name in ("name", "short_name", "url", "founded", "publisher", "accent", "contact", "notice")}
        if row.logo_digest:
            changes["logo"] = f"upload:{row.logo_digest[:12]}"
        if row.favicon_digest:
            changes["favicon"] = f"upload:{row.favicon_digest[:12]}"
    changes["pages"] = {slug: body for slug, body in SitePage.objects.values_list("slug", "body")}
    try:
        return paper.merged(changes)
    except ConfigurationError as exc:  # a value written behind the admin's back (SQL): the file's paper stands
        _warn(f"the paper's settings in the admin are not used: {exc}")
        return paper


def _warn(message: str) -> None:
    import logging

    logging.getLogger(__name__).warning(message)


def image(which: str) -> tuple[bytes, str] | None:
    """Return (bytes, content type) of the paper's ``logo`` or ``favicon``: uploaded, else the file morgue.toml names."""
    from morgue.web.models import PaperSettings

    paper = current_paper()
    named = getattr(paper, which)
    if named.startswith("upload:"):
        row = PaperSettings.objects.filter(pk=1).values_list(which, f"{which}_type").first()
        if row and row[0]:
            return bytes(row[0]), row[1]
        return None
    if not named:
        return None
    home = Path(settings.HOME).resolve()
    path = (home / named).resolve()
    if home not in path.parents:
        return None
    try:
        data = path.read_bytes()[:MAX_IMAGE_BYTES + 1]
    except OSError:
        return None
    kind = image_type(data)
    return (data, kind) if kind and len(data) <= MAX_IMAGE_BYTES else None


def image_type(data: bytes) -> str | None:
    """Return the content type of an image the site may serve (PNG, JPEG, GIF, WebP, ICO, or SVG without script), else None."""
    for magic, kind in IMAGE_TYPES.items():
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    head = data[:4096].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in head:
        text = data.lower()
        if _SVG_HAZARDS.search(text):
            return None  # an SVG can carry script: only plain drawings are served
        return "image/svg+xml"
    return None


def default_favicon(paper: Paper) -> bytes:
    """Return an SVG favicon: the paper's initial in white on its accent colour."""
    from html import escape

    initial = escape((paper.short or paper.title).removeprefix("The ").strip()[:1].upper() or "A")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="5" '
            f'fill="{paper.accent_colour}"/><text x="16" y="23" font-family="Georgia,serif" font-size="21" '
            f'font-weight="bold" text-anchor="middle" fill="#fff">{initial}</text></svg>').encode()


class CanonicalRequest:
    """A request that answers with the paper's canonical base address (host, scheme) instead of the one it came to.

    Django's feeds, sitemaps and password-reset mails build absolute addresses
    from the request; behind a proxy, or reached by its internal name, that
    would publish the wrong one. Everything else is the request's own.
    """

    def __init__(self, request, base_url: str):
        self._request = request
        parts = urlsplit(base_url)
        self._scheme, self._host = parts.scheme, parts.netloc + parts.path.rstrip("/")
        self._base = base_url.rstrip("/")

    def __getattr__(self, name):
        return getattr(self._request, name)

    def get_host(self) -> str:
        return self._host

    @property
    def scheme(self) -> str:
        return self._scheme

    def is_secure(self) -> bool:
        return self._scheme == "https"

    def build_absolute_uri(self, location: str | None = None) -> str:
        location = self._request.get_full_path() if location is None else location
        return location if "://" in location else self._base + location


def canonical(request):
    """Return ``request`` as the paper's canonical address sees it (the request itself when no address is set)."""
    base = current_paper().base_url
    return CanonicalRequest(request, base) if base else request


def absolute(request, path: str) -> str:
    """Return the absolute address of ``path``: on the paper's canonical base, else on the request's host."""
    return canonical(request).build_absolute_uri(path)
