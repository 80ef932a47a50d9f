"""Which site a document belongs to: the unit a template is learned for."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlparse

from morgue.read.document import RawDocument

# Where a page states its own address; read from the first bytes only.
_CANONICAL = re.compile(
    rb"<(?:link[^>]+rel\s*=\s*[\"']?canonical[\"']?[^>]*|meta[^>]+property\s*=\s*[\"']?og:url[\"']?[^>]*)>", re.I
)
_HREF = re.compile(rb"(?:href|content)\s*=\s*[\"']?(https?://[^\"'\s>]+)", re.I)
_HEAD_BYTES = 65536


def site_key(doc: RawDocument, roots: Sequence[str] = ()) -> str:
    """Return the name of the site a document belongs to.

    The rule, first that applies: (1) the host of the document's URL (from
    the web archive record or the export), or of the address an HTML page
    states for itself (canonical link, og:url), without "www."; (2) the
    container it came from (the WARC, zip or export file); (3) the top folder
    under the folder the run was given (``roots``); (4) the file's folder.
    """
    host = _host(doc.url) or (_stated_host(doc.data) if doc.kind == "html" else "")
    if host:
        return host
    location = doc.location
    if location.member or location.offset is not None:
        return location.path
    path = Path(location.path)
    for root in sorted(roots, key=len, reverse=True):
        try:
            relative = path.relative_to(root)
        except ValueError:
            continue
        return str(Path(root) / relative.parts[0]) if len(relative.parts) > 1 else str(path.parent)
    return str(path.parent)


def _host(url: str | None) -> str:
    if not url:
        return ""
    try:
        host = (urlparse(url).hostname or "").lower()
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def _stated_host(data: bytes) -> str:
    head = data[:_HEAD_BYTES]
    for tag in _CANONICAL.finditer(head):
        href = _HREF.search(tag.group(0))
        if href:
            return _host(href.group(1).decode("ascii", "replace"))
    return ""
