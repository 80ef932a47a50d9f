"""HTML pages → articles: morgue's own core for the body, the page's own metadata first for the rest."""

from __future__ import annotations

import logging
import re
from urllib.parse import urljoin, urlparse

from lxml.html import HtmlElement
from trafilatura import bare_extraction

from morgue.errors import ExtractionError
from morgue.extract.article import Article, RemovedBlock
from morgue.extract.body import has_prose, normalise_space, tidy_body
from morgue.extract.bylines import (
    byline_credit, byline_names, join_names, looks_like_byline, names_in_pieces,
)
from morgue.extract.chrome import is_notice
from morgue.extract.dates import read_date_line
from morgue.extract.pubdate import choose_dates
from morgue.extract.decode import decode_document
from morgue.extract.headlines import choose_headline
from morgue.extract.htmlcore import find_article_body, parse_html
from morgue.extract.options import ExtractOptions
from morgue.extract.pagemeta import PageMeta, read_page_metadata, usable_section
from morgue.read.document import RawDocument

# trafilatura logs every page it discards at WARNING; one bad page is already
# recorded by us as an ExtractionError, so its log line would only be noise.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

# Below this many characters of prose the core is unsure and trafilatura gets a try.
_MIN_PROSE_CHARS = 400
# What is left of a date line when the date itself sat in a <time> element.
_DATE_LEAD = re.compile(r"^(?:first |last )?(?:published|posted|updated|modified|filed)(?: on| at)?:?$", re.I)
# Words every archive notice _page_notices looks for holds; a page without
# any of them is not searched node by node. (Plain substring tests: a regex
# alternation scans a large page several times slower.)
_NOTICE_WORDS = ("rchive", "years ago", "years old")
# First URL path segments that name a newspaper section ("/sport/2024/...").
_URL_SECTIONS = {
    "news", "world", "uk", "us", "local", "national", "politics", "business", "money", "economy",
    "markets", "opinion", "comment", "commentisfree", "editorial", "editorials", "letters", "sport",
    "sports", "football", "soccer", "cricket", "rugby", "tennis", "golf", "culture", "arts", "books",
    "film", "movies", "music", "tv", "television", "theatre", "theater", "entertainment", "lifestyle",
    "life", "style", "fashion", "food", "travel", "science", "technology", "tech", "health",
    "education", "environment", "climate", "weather", "obituaries", "obits", "religion", "media",
    "crime", "society", "property", "realestate", "motoring", "cars", "metro", "nation", "region",
    "features", "investigations", "magazine", "weekend",
}


def extract_html(doc: RawDocument, options: ExtractOptions, site=None) -> Article:
    """Return the article in an HTML page; raises ExtractionError("no-text" or "bad-html").

    ``site`` is the site's chrome profile (morgue.extract.sitechrome), or None.
    """
    # 1. Bytes → text, with the page's declared charset when it holds.
    decoded = decode_document(doc.data, doc.declared_encoding, "html")
    # 2. Parse once; the metadata readers and the body extractor share the tree.
    tree = parse_html(decoded.text)
    removed: list[RemovedBlock] = []
    # 3. Chrome this site repeats on every page, learned across the site.
    if site is not None:
        from morgue.extract.sitechrome import strip_site_chrome_html

        removed += strip_site_chrome_html(tree, site)
    # 4. What the page states about itself (JSON-LD, meta tags, <time>, breadcrumbs),
    #    read before the body step strips scripts and menus from the tree.
    meta = read_page_metadata(tree, decoded.text)
    # The page's own canonical URL stands in for a missing one: its path often carries the date.
    page_url = doc.url or next((u for u in meta.urls if u.startswith("http")), None)
    dates = choose_dates(tree, meta, page_url, options, doc.captured_at, decoded.text)
    published, modified = dates.published, dates.modified
    removed += dates.removed
    page_notices = _page_notices(tree) if any(w in decoded.text for w in _NOTICE_WORDS) else []
    site_names = [*meta.site_names, *(urlparse(u).hostname or "" for u in [doc.url or "", *meta.urls])]
    choice = choose_headline(meta.headline_candidates, site_names, [*meta.sections, *meta.breadcrumbs])
    headline = choice.headline
    removed += [RemovedBlock(text, f"headline candidate ({why})") for text, why in choice.removed]

    # 5. Body: morgue's core, or trafilatura where the core finds too little.
    try:
        core = find_article_body(tree, stated_body=meta.article_body, marks_body=meta.marks_body)
    except RecursionError as e:
        raise ExtractionError("bad-html", f"The page is nested too deeply to read: {e!r}") from e
    lines, core_removed = core.paragraphs, core.removed
    if _core_unsure(core, meta) and len(decoded.text) <= options.fallback_max_chars:
        fallback = _run_trafilatura(decoded.text, doc, options)
        if fallback is not None and len(fallback) > len("".join(lines)):
            lines, core_removed = fallback, core_removed + [RemovedBlock("\n".join(core.paragraphs), "core body")]
    if not lines:
        raise ExtractionError("no-text", _no_text_message(core_removed))

    # 6. Less what repeats the header, notices, chrome, the dateline.
    lines, header = _strip_header_lines(lines, headline, options)
    body = tidy_body(lines, max_chrome_chars=options.max_chrome_chars)
    removed += core_removed + header
    if not has_prose(body.paragraphs):
        raise ExtractionError("no-text", _no_text_message(removed + body.removed))
    notices = list(dict.fromkeys([*page_notices, *body.notices]))
    authors, credit = _byline(meta, removed)

    url = next((u for u in meta.urls if u), "") or doc.url or ""
    url = urljoin(doc.url or "", url) if url else ""
    return Article(
        headline=headline,
        byline=join_names(authors + ([credit] if credit else [])),
        authors=tuple(authors),
        credit=credit,
        dateline=body.dateline,
        published=published,
        modified=modified,
        section=_section(meta, url, []),
        tags=meta.tags,
        body=tuple(body.paragraphs),
        language=_language(meta, None),
        url=url,
        notices=tuple(notices),
        removed=tuple(removed + body.removed),
        extractor="html",
        encoding=decoded.encoding,
        encoding_source=decoded.source,
    )


_BY_LEAD = re.compile(r"^\s*(?:(?:by|par|von|por|di|door|av|af|autor|author|about the author)\s*:?\s*$"
                      r"|(?:by|par|von|por|door)\s+\S)", re.I)


def _byline(meta: PageMeta, removed: list[RemovedBlock]) -> tuple[list[str], str]:
    """Return the byline's people and the agency or desk it credits, from the best source that names any.

    In order: what the page states (JSON-LD, meta author: every entry, not the
    first alone), the elements it marks as byline or author, then the blocks
    the body step left out that read as a byline.
    """
    # 1. Stated authors (every entry) and an agency among them; a name that is the publisher is no author.
    publisher = {" ".join(n.lower().split()) for n in meta.site_names}
    names = [n for n in byline_names(meta.authors) if n.lower() not in publisher]
    credit = next((c for c in map(byline_credit, meta.authors) if c), "")
    # 2. The elements marked as the byline, read text node by text node.
    if not names:
        # An element that opens "By …" ("Par", "Von", "About the author") is the story's byline; a bare list
        # of names marked as authors is as often the site's staff box or a related story's.
        led = sorted(meta.byline_elements, key=lambda pieces: not (pieces and _BY_LEAD.match(pieces[0])))
        for pieces in led:
            names = [n for n in names_in_pieces(pieces) if n.lower() not in publisher]
            if names:
                credit = credit or byline_credit(pieces)
                break
    # 3. Left-out blocks: those marked as a byline first. Wire credits
    #    ("Additional reporting by ...") name helpers, not the author.
    if not names:
        marked = [r.text for r in removed if r.reason == "byline"]
        others = [r.text for r in removed if r.reason not in ("byline", "credits") and looks_like_byline(r.text)]
        for text in marked + others:
            names = byline_names(text)
            if names:
                credit = credit or byline_credit(text)
                break
    # 4. No person at all: an agency or desk in the byline elements, else the desk or
    #    paper the page states as its author ("DER SPIEGEL").
    if not names and not credit:
        credit = next((c for c in map(byline_credit, meta.byline_elements) if c), "")
    if not names and not credit:
        credit = next((a.strip(" ,") for a in meta.authors if _desk_credit(a.strip(" ,"))), "")
    return names, credit


def _desk_credit(author: str) -> bool:
    """Return True for a stated author that is the paper's own desk or name ("DER SPIEGEL", "News Staff")."""
    author = author.strip()
    return 0 < len(author) <= 40 and len(author.split()) <= 4 and not any(ch.isdigit() for ch in author) \
        and "@" not in author and "://" not in author


def _core_unsure(core, meta: PageMeta) -> bool:
    """Return True when the core's body is too thin to trust next to the prose the page holds."""
    return core.prose_chars < _MIN_PROSE_CHARS


def _no_text_message(removed: list[RemovedBlock]) -> str:
    """Return why a page has no article text, naming the wall if a sign-in, paywall or consent box was all."""
    walls = {"sign-in prompt": "a sign-in wall", "paywall": "a paywall", "subscription prompt": "a paywall",
             "cookie notice": "a consent wall"}
    # The wall is whichever kind of prompt held the most of the page's text.
    held: dict[str, int] = {}
    for block in removed:
        if block.reason in walls:
            held[walls[block.reason]] = held.get(walls[block.reason], 0) + len(block.text)
    if held:
        return f"no article text found: page is {max(held, key=held.get)}"
    return "no article text found: only menus, links, labels or nothing at all"


def _run_trafilatura(text: str, doc: RawDocument, options: ExtractOptions) -> list[str] | None:
    """Return trafilatura's body lines for the page (parsed afresh: ours was cleaned), or None."""
    try:
        result = bare_extraction(
            parse_html(text),
            url=doc.url,
            with_metadata=False,
            include_comments=False,
            include_tables=options.include_tables,
            favor_precision=options.favor_precision,
        )
    except (ExtractionError, RecursionError, ValueError, TypeError, AttributeError):
        # trafilatura catches the failures it expects; anything else means a
        # page it cannot handle, and the core's answer stands.
        return None
    if result is None or not (result.text or "").strip():
        return None
    return [line for line in result.text.splitlines() if line.strip()]


def _strip_header_lines(
    lines: list[str], headline: str, options: ExtractOptions
) -> tuple[list[str], list[RemovedBlock]]:
    """Return body lines without the headline, byline and date lines trafilatura kept, and those lines."""
    kept, removed = [], []
    for index, line in enumerate(lines):
        text = normalise_space(line)
        if not text:
            continue
        # Only near the top: further down "By the end of the year ..." is prose.
        near_top = index < 6
        if headline and text == headline:
            removed.append(RemovedBlock(text, "headline"))
        elif near_top and looks_like_byline(text):
            removed.append(RemovedBlock(text, "byline"))
        elif near_top and (_DATE_LEAD.match(text) or read_date_line(text, today=options.current_date())):
            removed.append(RemovedBlock(text, "date line"))
        else:
            kept.append(text)
    return kept, removed


def _page_notices(tree: HtmlElement) -> list[str]:
    """Return archive notices anywhere on the page (banners trafilatura leaves out of the body)."""
    notices = []
    for text in tree.xpath(
        "//body//text()[contains(., 'rchive') or contains(., 'years ago') or contains(., 'years old')]"
    ):
        parent = text.getparent()
        if parent is None or parent.tag in ("script", "style", "a"):
            continue
        notice = normalise_space(parent.text_content())
        if is_notice(notice):
            notices.append(notice)
    return notices


def _section(meta: PageMeta, url: str, categories: list[str]) -> str:
    """Return the section as the page names it: JSON-LD, meta, breadcrumbs, the URL path, then trafilatura's category."""
    for section in map(usable_section, [*meta.sections, *meta.breadcrumbs]):
        if section:
            return section
    segments = [s for s in urlparse(url).path.split("/") if s]
    if len(segments) > 1 and segments[0].lower() in _URL_SECTIONS:
        return segments[0].replace("-", " ").title()
    return normalise_space(categories[0]) if categories else ""


def _language(meta: PageMeta, detected: str | None) -> str:
    """Return the page's language as a BCP 47 tag ("en-GB"), or ""."""
    for language in [*meta.languages, detected or ""]:
        language = language.strip().replace("_", "-")
        if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", language):
            primary, _, rest = language.partition("-")
            return primary.lower() + ("-" + rest.upper() if len(rest) == 2 else "-" + rest if rest else "")
    return ""
