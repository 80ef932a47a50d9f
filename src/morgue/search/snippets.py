"""Snippets as safe HTML: the matched words in <mark>, every other character escaped.

The archive's text is data, never markup: a body that says "<script>" shows
the word "<script>". Engines report highlights as offsets into a fragment; the
HTML is always rendered here from those offsets, never taken from the engine.
"""

from __future__ import annotations

import unicodedata
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


def _fold_table() -> dict[int, str]:
    """Lower-case ASCII for every letter that folds to one ("É" -> "e"), keeping lengths."""
    table = {}
    for cp in range(0x41, 0x2000):
        ch = chr(cp)
        base = "".join(b for b in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(b))
        if len(base) == 1 and base.isascii() and base.isalnum() and base.lower() != ch:
            table[cp] = base.lower()
    return table


_FOLD = _fold_table()
# How much text around the best passage the engine's snippet maker gets to read.
_WINDOW_BEFORE, _WINDOW_AFTER = SNIPPET_CHARS // 2, SNIPPET_CHARS + SNIPPET_CHARS // 2
_MAX_PLACES = 200


def passage_words(terms) -> tuple[str, ...]:
    """What the words matching ``terms`` (stemmed, folded) start with, to look for in text."""
    # A stem may end differently from the words it stands for ("citi" for "city").
    return tuple(sorted({t[:-1] if len(t) > 3 and t[-1] in "ie" else t for t in terms if t}))


def find_passage(body: str, words: tuple[str, ...]) -> tuple[int, int] | None:
    """The span of ``body`` around its densest cluster of likely matches, cut at spaces.

    Engines' snippet makers analyse the whole text they are given; handing them
    this window instead of a long body makes snippets several times faster.
    str.find is used rather than a regex: it is ten times faster here.
    """
    # Most matches are plain ASCII words; accents are folded only when needed
    # (str.translate is slow, and lower() keeps nearly every text's length).
    starts = _places(body.lower(), words)
    if not starts and not body.isascii():
        starts = _places(body.translate(_FOLD), words)
    if not starts:
        return None
    best, best_n, j = starts[0], 0, 0
    for i, at in enumerate(starts):
        while starts[j] < at - SNIPPET_CHARS:
            j += 1
        if i - j + 1 > best_n:
            best, best_n = starts[j], i - j + 1
    start, end = max(0, best - _WINDOW_BEFORE), min(len(body), best + _WINDOW_AFTER)
    while start > 0 and not body[start - 1].isspace():
        start -= 1
    while end < len(body) and not body[end].isspace():
        end += 1
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def _places(text: str, words: tuple[str, ...]) -> list[int]:
    """Where in ``text`` any of ``words`` begins a word, in order (at most _MAX_PLACES)."""
    starts = []
    for word in words:
        at = text.find(word)
        while at >= 0 and len(starts) < _MAX_PLACES:
            if at == 0 or not text[at - 1].isalnum():
                starts.append(at)
            at = text.find(word, at + len(word))
    return sorted(starts)
