"""Leftover markup: HTML entities and tags, CMS shortcodes, unfilled template variables."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from html.entities import html5

from morgue.audit.defect import HIGH, MEDIUM, Defect
from morgue.audit.fields import Text

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# Only real HTML element names count as tags, so that "<AMERICAN EXPRESS CO>"
# (Reuters' own company markers) or "x < y > z" are not taken for markup.
_ELEMENTS = (
    "a|abbr|address|article|aside|audio|b|blockquote|body|br|button|caption|center|cite|code|dd|del|"
    "div|dl|dt|em|embed|figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|"
    "input|ins|label|li|link|main|meta|nav|noscript|ol|p|picture|pre|q|s|script|section|small|source|"
    "span|strike|strong|style|sub|sup|table|tbody|td|tfoot|th|thead|title|tr|tt|u|ul|video|wbr"
)
_TAG = re.compile(rf"</?(?:{_ELEMENTS})(?:\s[^<>]{{0,500}}?)?\s*/?>|<!--.{{0,2000}}?-->", re.I | re.S)
_BLOCK_TAG = re.compile(r"</?(?:br|p|div|li|h[1-6]|tr|td|th|hr|blockquote|figure|figcaption|table)\b", re.I)

# WordPress-style shortcodes and their closing tags: [caption id="..."], [/caption], [embed].
_SHORTCODE = re.compile(
    r"\[/?(?:caption|embed|gallery|video|audio|playlist|youtube|vimeo|tweet|twitter|instagram|facebook|"
    r"soundcloud|iframe|pullquote|quote|related|ad|adsense|contact-form(?:-7)?|wpvideo|vc_\w+|et_pb_\w+)"
    r"(?:[\s=][^\[\]]{0,500})?\]",
    re.I,
)

# Placeholders a template or mail-merge was meant to fill: {{ author }},
# {% if x %}, %%TITLE%%, ${var}, [[NAME]], <%= title %>.
_TEMPLATE = re.compile(
    r"\{\{\s*[\w.|: '\"()-]{1,80}\s*\}\}|\{%.{1,120}?%\}|%%[A-Za-z_][A-Za-z0-9_]{0,40}%%"
    r"|\$\{[A-Za-z_][\w.]{0,40}\}|\[\[[A-Za-z_][\w ]{0,40}\]\]|<%=?.{1,80}?%>"
)


def find_leftover_markup(texts: Iterable[Text]) -> Iterator[Defect]:
    """Yield a `leftover-markup` defect per entity, tag, shortcode or template variable."""
    for field, paragraph, text in texts:
        if "&" in text:
            yield from _entities(field, paragraph, text)
        if "<" in text:
            yield from _tags(field, paragraph, text)
        if "[" in text:
            for match in _SHORTCODE.finditer(text):
                yield Defect(
                    "leftover-markup", MEDIUM, field, paragraph, match.start(), match.end(),
                    f"{match.group()!r} is a CMS shortcode the old site expanded when it showed the page.",
                    _removal(text, match.start(), match.end()),
                )
        if "{" in text or "%" in text or "[[" in text or "<%" in text:
            for match in _TEMPLATE.finditer(text):
                yield Defect(
                    "leftover-markup", HIGH, field, paragraph, match.start(), match.end(),
                    f"{match.group()!r} is a template placeholder that was never filled in; "
                    "what belongs there must be looked up.",
                    None,
                )


def _entities(field: str, paragraph: int | None, text: str) -> Iterator[Defect]:
    for match in _ENTITY.finditer(text):
        entity = match.group()
        if entity[1] != "#" and entity[1:] not in html5:
            continue  # "&co;" is not an entity anyone wrote on purpose
        decoded = html.unescape(entity)
        if decoded == entity:
            continue
        yield Defect(
            "leftover-markup", MEDIUM, field, paragraph, match.start(), match.end(),
            f"{entity!r} is an HTML entity shown as text; it stands for {decoded!r}.",
            # A non-breaking space in a newspaper paragraph is an ordinary space.
            decoded.replace("\u00a0", " "),
        )


# Elements that stand alone or open a block: a bare "<p>" or "<br>" is markup
# whatever follows. Any other bare opening tag in capitals ("<F>", "<DD>",
# "<S>") counts only if it is closed in the same text: Reuters writes stock
# tickers that way ("Ford Motor Co <F>", "Du Pont <DD>").
_STANDALONE = re.compile(r"<(?:br|hr|img|p|div|li|ul|ol|h[1-6]|table|tr|td|th|meta|link|input|wbr|source|embed|iframe|script|style|figure|section|article|span|a)\b", re.I)


def _tags(field: str, paragraph: int | None, text: str) -> Iterator[Defect]:
    for match in _TAG.finditer(text):
        tag = match.group()
        bare = re.fullmatch(r"<([A-Z0-9]+)>", tag)
        if bare and not _STANDALONE.match(tag) and f"</{bare.group(1).lower()}" not in text.lower():
            continue  # "<DD>" with no "</DD>": a ticker symbol, not markup
        if tag.startswith("<!--"):
            what = "an HTML comment"
        elif tag[1:].lower().startswith(("script", "style")):
            what = "a script or style tag"
        else:
            what = "an HTML tag"
        yield Defect(
            "leftover-markup", MEDIUM, field, paragraph, match.start(), match.end(),
            f"{tag[:60]!r} is {what} left in the text; readers would see it as characters.",
            _removal(text, match.start(), match.end(), block=bool(_BLOCK_TAG.match(tag))),
        )


def _removal(text: str, start: int, end: int, block: bool = False) -> str:
    """Return what replaces removed markup: nothing, or a space where a break separated two words."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return " " if block and not before.isspace() and not after.isspace() else ""
