"""Snippets as safe HTML: the matched words in <mark>, every other character escaped.

The archive's text is data, never markup: a body that says "<script>" shows
the word "<script>". Engines report highlights as offsets into a fragment; the
HTML is always rendered here from those offsets, never taken from the engine.
"""

from __future__ import annotations

from html import escape

ELLIPSIS = "\u2026"
SNIPPET_CHARS = 240


def render_snippet(fragment: str, ranges: list[tuple[int, int]], *, utf8_offsets: bool,
                   before: bool = False, after: bool = False) -> str:
    """``fragment`` as HTML with each (start, end) range wrapped in <mark>.

    ``utf8_offsets`` says the ranges count UTF-8 bytes (tantivy) rather than
    characters. ``before``/``after`` add an ellipsis where the fragment cuts text.
    """
    if utf8_offsets:
        data = fragment.encode("utf-8")
        cut = lambda a, b: data[a:b].decode("utf-8", "replace")  # noqa: E731
        length = len(data)
    else:
        cut = lambda a, b: fragment[a:b]  # noqa: E731
        length = len(fragment)
    out, at = [], 0
    for start, end in sorted(ranges):
        start, end = max(start, at), min(end, length)
        if start >= end:
            continue
        out.append(escape(cut(at, start), quote=False))
        out.append(f"<mark>{escape(cut(start, end), quote=False)}</mark>")
        at = end
    out.append(escape(cut(at, length), quote=False))
    html = "".join(out).strip()
    return (ELLIPSIS if before else "") + html + (ELLIPSIS if after else "")


def lead_snippet(body: str, max_chars: int = SNIPPET_CHARS) -> str:
    """The start of ``body`` as escaped HTML, cut at a word, for hits with no highlight."""
    text = " ".join(body.split())
    if len(text) <= max_chars:
        return escape(text, quote=False)
    cut = text.rfind(" ", 0, max_chars)
    return escape(text[:cut if cut > max_chars // 2 else max_chars], quote=False) + ELLIPSIS
