"""Plain-text scrapes → articles.

A scrape is what a page looked like as text: masthead and menu lines, the
headline, byline and date lines, then paragraphs (often hard-wrapped), then
footer chrome. The header is read line by line until the first line that
is none of those things; from there on it is body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from morgue.extract.article import Article, RemovedBlock
from morgue.extract.body import has_prose, normalise_space, tidy_body
from morgue.extract.bylines import clean_byline, looks_like_byline
from morgue.extract.chrome import chrome_reason, is_navigation, is_notice
from morgue.extract.dates import day_first_hint, is_plausible, read_date_line
from morgue.extract.decode import decode_document
from morgue.extract.headlines import looks_like_masthead, strip_site_name
from morgue.extract.options import ExtractOptions
from morgue.extract.paragraphs import MIN_WRAP_WIDTH, text_paragraphs
from morgue.extract.sitechrome import SiteProfile, strip_site_chrome_lines
from morgue.read.document import RawDocument
from morgue.errors import ExtractionError

_SECTION_LINE = re.compile(r"^(?:section|category|filed under|department|desk)\s*[:\-–]\s*(?P<section>.{1,60})$", re.I)
_BREADCRUMB = re.compile(r"\s+[>›»]\s+")
# What sites print before a breadcrumb trail ("You are here: Home > Politics").
_BREADCRUMB_LEAD = re.compile(r"^(?:you are (?:here|in)|location|breadcrumbs?|browse|path)\s*:\s*", re.I)
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
# A headline is a line, not a paragraph.
_MAX_HEADLINE_CHARS = 200
_SENTENCE_WORDS = 12


@dataclass
class _Header:
    headline: str = ""
    byline: str = ""
    section: str = ""
    published: date | None = None
    modified: date | None = None
    site_names: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    removed: list[RemovedBlock] = field(default_factory=list)


def extract_text(doc: RawDocument, options: ExtractOptions, site: SiteProfile | None = None) -> Article:
    """Return the article in a plain-text scrape; raises ExtractionError("no-text") when it has none.

    ``site`` is the chrome learned from the scrape's whole site: its lines
    are taken out first, except those the per-page rules recognise.
    """
    # 1. Bytes → lines.
    decoded = decode_document(doc.data, doc.declared_encoding, "text")
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    hint = day_first_hint(text)
    day_first = options.day_first if hint is None else hint
    latest = options.latest_date(doc.captured_at)
    # 1b. Lines the whole site repeats (its template) that the per-page rules below would not
    #     know: those rules read headings such as "Related stories:" with what follows them.
    lines, site_removed = strip_site_chrome_lines(
        lines, site, keep=lambda line: _header_kind(line, day_first, options) is not None)
    # 2. The header, line by line, up to the first line of the story.
    header, start = _read_header(lines, day_first, options, latest)
    # 3. The rest: paragraphs, hard-wrapped lines joined.
    paragraphs, related = text_paragraphs(lines[start:], options.max_chrome_chars)
    body = tidy_body(paragraphs, max_chrome_chars=options.max_chrome_chars,
                     site_names=header.site_names + [r.text for r in header.removed if r.reason == "masthead"])
    if not has_prose(body.paragraphs):
        raise ExtractionError("no-text", "The text has no paragraphs of story, only header or footer lines.")
    return Article(
        headline=header.headline,
        byline=header.byline,
        dateline=body.dateline,
        published=header.published,
        modified=header.modified,
        section=header.section,
        body=tuple(body.paragraphs),
        url=doc.url or "",
        notices=tuple(header.notices + body.notices),
        removed=tuple(site_removed + header.removed + body.removed + related),
        extractor="text",
        encoding=decoded.encoding,
        encoding_source=decoded.source,
    )


def _read_header(
    lines: list[str], day_first: bool, options: ExtractOptions, latest: date
) -> tuple[_Header, int]:
    """Return what the header lines say and the index of the first body line."""
    header = _Header()
    pending_masthead: list[str] = []
    in_header_block = False
    for index, raw in enumerate(lines):
        line = normalise_space(raw)
        if not line:
            continue
        if index == 0 or not lines[index - 1].strip():
            in_header_block = _is_header_block(lines, index, day_first, options)
        kind = _header_kind(line, day_first, options)
        if kind == "archive notice":
            header.notices.append(line)
        elif kind == "byline":
            header.byline = header.byline or clean_byline(line)
        elif kind == "date line":
            read = read_date_line(line, day_first, today=options.current_date())
            if read is None:
                # Recognised as a date line, but its day and month could be either way round.
                header.removed.append(RemovedBlock(
                    line, "date line (day and month could be either way round; nothing in the document says which)"))
                continue
            dated_kind, value = read
            if value > latest:
                header.removed.append(RemovedBlock(line, f"date line after the capture date {latest.isoformat()}"))
                continue
            if is_plausible(value, options.min_date, latest):
                if dated_kind == "modified":
                    header.modified = header.modified or value
                else:
                    header.published = header.published or value
        elif kind == "section":
            header.section = header.section or _section_of(line)
        elif kind is None and not header.headline and looks_like_masthead(line):
            # Held back: a lone masthead-like line may yet be the headline.
            pending_masthead.append(line)
            continue
        elif kind is None and not header.headline and _could_be_headline(line) \
                and (in_header_block or not _continues(lines, index, day_first, options)):
            header.site_names += pending_masthead
            header.removed += [RemovedBlock(m, "masthead") for m in pending_masthead]
            pending_masthead = []
            header.headline = strip_site_name(line, header.site_names)
            if header.headline != line:
                header.removed.append(RemovedBlock(_leftover(line, header.headline), "site name"))
            continue
        elif kind is None and in_header_block:
            # Past the headline, the rest of a header block is the paper's own
            # lines: its name, its motto.
            kind = "masthead" if looks_like_masthead(line) else "site chrome"
            if kind == "masthead":
                header.site_names.append(line)
        elif kind is None:
            break
        header.removed.append(RemovedBlock(line, kind))
    else:
        index = len(lines)
    if pending_masthead and not header.headline:
        header.headline = pending_masthead.pop()
        header.removed += [RemovedBlock(m, "masthead") for m in pending_masthead]
    return header, index


def _header_kind(line: str, day_first: bool, options: ExtractOptions) -> str | None:
    """Return what kind of header line this is ("byline", "date line", "navigation", ...), or None."""
    if is_notice(line):
        return "archive notice"
    if _URL_LINE.match(line):
        return "masthead"
    if is_navigation(line):
        return "navigation"
    reason = chrome_reason(line, options.max_chrome_chars)
    if reason:
        return reason
    if looks_like_byline(line):
        return "byline"
    # Recognised whichever way round its numbers go; read with the document's order after.
    if read_date_line(line, True if day_first is None else day_first, today=options.current_date()) is not None:
        return "date line"
    if _section_of(line):
        return "section"
    return None


def _is_header_block(lines: list[str], index: int, day_first: bool, options: ExtractOptions) -> bool:
    """Return True if the block of consecutive lines starting at ``index`` is header, not a paragraph.

    Scrapes often print the header without blank lines: title, masthead,
    motto, menu, breadcrumb. Such a block holds at least one line that is
    plainly header (a menu, a byline, a date line, a section) and no line
    that reads as prose; a hard-wrapped paragraph holds neither kind.
    """
    block = []
    for raw in lines[index:]:
        line = normalise_space(raw)
        if not line:
            break
        block.append(line)
    if len(block) < 2 or not all(_could_be_headline(line) for line in block):
        return False
    kinds = {_header_kind(line, day_first, options) for line in block}
    return bool(kinds & {"navigation", "byline", "date line", "section"})


def _could_be_headline(line: str) -> bool:
    """Return True unless the line is too long for a headline or reads as a full sentence."""
    if len(line) > _MAX_HEADLINE_CHARS:
        return False
    # Headlines do not end with a full stop; a long line that does is the story's first sentence.
    return not (line.endswith(".") and len(line.split()) >= _SENTENCE_WORDS)


def _continues(lines: list[str], index: int, day_first: bool, options: ExtractOptions) -> bool:
    """Return True if the line at ``index`` runs on into the next (part of a wrapped paragraph)."""
    if index + 1 >= len(lines) or len(lines[index]) < MIN_WRAP_WIDTH:
        return False
    following = normalise_space(lines[index + 1])
    return bool(following) and _header_kind(following, day_first, options) is None


def _leftover(title: str, headline: str) -> str:
    """Return the part of a title line that is not the headline (the site name and its separator)."""
    if title.startswith(headline):
        return title[len(headline):].strip()
    if title.endswith(headline):
        return title[: -len(headline)].strip()
    return title


def _section_of(line: str) -> str:
    """Return the section a header line names ("Section: Sport", "News > World"), or ""."""
    match = _SECTION_LINE.match(line)
    if match:
        return match["section"].strip()
    crumbs = _BREADCRUMB.split(_BREADCRUMB_LEAD.sub("", line))
    if 2 <= len(crumbs) <= 5 and all(0 < len(c) <= 30 and not c.endswith(".") for c in crumbs):
        real = [c for c in crumbs if c.lower() not in {"home", "homepage", "front page"}]
        return real[0] if real else ""
    return ""
