"""HTML pages → articles: trafilatura for the body, the page's own metadata first for the rest."""

from __future__ import annotations

import logging
import re
from datetime import date
from urllib.parse import urljoin, urlparse

from lxml.html import HtmlElement
from trafilatura import bare_extraction, load_html

from morgue.errors import ExtractionError
from morgue.extract.article import Article, RemovedBlock
from morgue.extract.body import has_prose, normalise_space, tidy_body
from morgue.extract.bylines import clean_byline, looks_like_byline
from morgue.extract.chrome import is_notice
from morgue.extract.dates import is_plausible, latest_plausible, parse_structured_date, read_date_line
from morgue.extract.decode import decode_document
from morgue.extract.headlines import strip_site_name
from morgue.extract.options import ExtractOptions
from morgue.extract.pagemeta import PageMeta, read_page_metadata
from morgue.read.document import RawDocument

# trafilatura logs every page it discards at WARNING; one bad page is already
# recorded by us as an ExtractionError, so its log line would only be noise.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# What is left of a date line when the date itself sat in a <time> element.
_DATE_LEAD = re.compile(r"^(?:first |last )?(?:published|posted|updated|modified|filed)(?: on| at)?:?$", re.I)
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


def extract_html(doc: RawDocument, options: ExtractOptions) -> Article:
    """Return the article in an HTML page; raises ExtractionError("no-text" or "bad-html")."""
    # 1. Bytes → text, with the page's declared charset when it holds.
    decoded = decode_document(doc.data, doc.declared_encoding, "html")
    # 2. Parse once; trafilatura and htmldate both take the tree.
    tree = load_html(_XML_DECLARATION.sub("", decoded.text, count=1))
    if tree is None:
        raise ExtractionError("no-text", "The page could not be parsed as HTML.")
    # 3. What the page states about itself (JSON-LD, meta tags, <time>, breadcrumbs).
    meta = read_page_metadata(tree)
    latest = latest_plausible(doc.captured_at, options.current_date())
    # 4. trafilatura for the body; it also runs htmldate once, with our limits.
    try:
        result = _run_trafilatura(tree, doc, options, latest)
    except (RecursionError, ValueError, TypeError, AttributeError) as e:
        # trafilatura catches the failures it expects; anything else means a
        # page it cannot handle, and one page must not stop the run.
        raise ExtractionError("bad-html", f"trafilatura could not process the page: {e!r}") from e
    if result is None or not (result.text or "").strip():
        raise ExtractionError("no-text", "The page has no article text: only menus, links or nothing at all.")

    # trafilatura guesses the site name from the title; a guess that is the title itself is not one.
    guessed_site = result.sitename if result.sitename and result.sitename != result.title else ""
    site_names = [*meta.site_names, guessed_site, urlparse(doc.url or "").hostname or ""]
    headline = _headline(meta, result.title or "", site_names)
    # 5. Dates: the page's structured dates first, then htmldate; never invented.
    published = _first_plausible(meta.published, options.min_date, latest)
    if published is None and result.date:
        published = _htmldate_result(result.date, meta, options.min_date, latest)
    modified = _first_plausible(meta.modified, options.min_date, latest)
    byline = next((b for b in map(clean_byline, [*meta.authors, result.author or ""]) if b), "")

    # 6. Body: trafilatura's lines, less what repeats the header, notices, chrome, the dateline.
    lines, removed = _strip_header_lines(result.text.splitlines(), headline, options)
    body = tidy_body(lines, max_chrome_chars=options.max_chrome_chars)
    if not has_prose(body.paragraphs):
        raise ExtractionError("no-text", "The page has no article text: only menus, labels, notices or footers.")
    notices = list(dict.fromkeys([*_page_notices(tree), *body.notices]))
    if not byline:
        byline = next((clean_byline(r.text) for r in removed if r.reason == "byline"), "")

    url = next((u for u in meta.urls if u), "") or result.url or doc.url or ""
    url = urljoin(doc.url or "", url) if url else ""
    return Article(
        headline=headline,
        byline=byline,
        dateline=body.dateline,
        published=published,
        modified=modified,
        section=_section(meta, url, result.categories or []),
        body=tuple(body.paragraphs),
        language=_language(meta, result.language),
        url=url,
        notices=tuple(notices),
        removed=tuple(removed + body.removed),
        extractor="html",
        encoding=decoded.encoding,
        encoding_source=decoded.source,
    )


def _run_trafilatura(tree: HtmlElement, doc: RawDocument, options: ExtractOptions, latest: date):
    """Return trafilatura's Document for the page (body text and metadata), or None if it finds no text."""
    return bare_extraction(
        tree,
        url=doc.url,
        with_metadata=True,
        include_comments=False,
        include_tables=options.include_tables,
        favor_precision=options.favor_precision,
        date_extraction_params={
            "original_date": True,
            # Extensive search guesses from free text and returns copyright years.
            "extensive_search": False,
            "min_date": options.min_date.isoformat(),
            "max_date": latest.isoformat(),
            "outputformat": "%Y-%m-%d",
        },
    )


def _headline(meta: PageMeta, trafilatura_title: str, site_names: list[str]) -> str:
    """Return the headline: the page's stated one, its title without the site name, or its <h1>."""
    for candidate in [*meta.headlines, meta.title, trafilatura_title, meta.h1]:
        headline = strip_site_name(candidate, site_names, meta.sections) if candidate else ""
        if headline:
            return headline
    return ""


def _first_plausible(values: list[str], earliest: date, latest: date) -> date | None:
    """Return the first value that parses to a date within [earliest, latest], else None."""
    for value in values:
        parsed = parse_structured_date(value)
        if is_plausible(parsed, earliest, latest):
            return parsed
    return None


def _htmldate_result(value: str, meta: PageMeta, earliest: date, latest: date) -> date | None:
    """Return htmldate's date unless it is implausible or only a copyright year (1 January of it)."""
    parsed = parse_structured_date(value)
    if not is_plausible(parsed, earliest, latest):
        return None
    if (parsed.month, parsed.day) == (1, 1) and parsed.year in meta.copyright_years:
        return None
    return parsed


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
    for section in [*meta.sections, *meta.breadcrumbs]:
        section = normalise_space(section)
        if section and len(section) <= 60:
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
