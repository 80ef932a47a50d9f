"""Stripping a learned template from one page: its HTML tree, its text lines, or its body paragraphs.

Each function takes the page's ``SiteProfile`` (or None, when the site was
not learned, which strips nothing) and returns what it removed as
``RemovedBlock`` records with the reason "site chrome". Bylines and date
lines are never removed, even where a small paper repeats them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lxml.html import HtmlElement

from morgue.extract.article import RemovedBlock
from morgue.extract.body import normalise_space
from morgue.extract.bylines import looks_like_byline
from morgue.extract.dates import read_date_line
from morgue.extract.htmlcore.clean import drop_element
from morgue.extract.sitechrome.blocks import BLOCK_TAGS, block_key, find_body, html_blocks, text_key
from morgue.extract.sitechrome.profile import REASON, SiteProfile


def is_template_slot(text: str) -> bool:
    """Return True for a byline or a date line: template slots the extractor reads, never chrome."""
    return looks_like_byline(text) or read_date_line(text) is not None


def strip_site_chrome_html(tree: HtmlElement, profile: SiteProfile | None) -> list[RemovedBlock]:
    """Remove the site's chrome from an lxml HTML tree in place; return what was removed.

    Never removes ``<html>`` or ``<body>``, an element holding most of the
    page's text, a byline or date line, or an element that holds the
    page's metadata (``<h1>``, ``<time>``, microdata, breadcrumbs). An
    element whose own text is chrome but which holds other blocks loses only
    its own text. Best called after reading the page's metadata: a
    copyright footer is template, yet tells which years are not dates.
    """
    if profile is None or not (profile.block_keys or profile.element_paths):
        return []
    body = find_body(tree)
    if body is None:
        return []
    total = len(normalise_space(body.text_content()))
    removed: list[RemovedBlock] = []
    for block in html_blocks(body):
        whole = block.path in profile.element_paths
        if not whole and block_key(block.path, text_key(block.text)) not in profile.block_keys:
            continue
        if not _attached(block.element, body) or is_template_slot(block.text) or _carries_metadata(block.element):
            continue
        text = normalise_space(block.element.text_content()) if whole else block.text
        if len(text) > total / 2:
            continue
        if whole or not block.has_blocks:
            drop_element(block.element)
        else:
            _drop_own_text(block.element)
        removed.append(RemovedBlock(text, REASON))
    return removed


def _carries_metadata(element: HtmlElement) -> bool:
    """Return True if the element is or holds what the page states about itself (headline, time, microdata, breadcrumbs).

    Those are read from the tree (``pagemeta``), possibly after this step, and are never prose.
    """
    return bool(element.xpath(
        "descendant-or-self::*[self::h1 or self::time or @itemprop or @itemscope"
        " or contains(@class, 'breadcrumb') or contains(@id, 'breadcrumb')]"
    ))


def _attached(element: HtmlElement, body: HtmlElement) -> bool:
    """Return True if the element is still in the tree under ``body`` (not inside a removed one)."""
    for ancestor in element.iterancestors():
        if ancestor is body:
            return True
    return False


def _drop_own_text(element: HtmlElement) -> None:
    """Remove an element's own text and inline children, keeping the blocks inside it."""
    element.text = None
    for child in list(element):
        if isinstance(child.tag, str) and child.tag.lower() in BLOCK_TAGS:
            child.tail = None
        else:
            element.remove(child)


def strip_site_chrome_lines(
    lines: list[str], profile: SiteProfile | None, keep: Callable[[str], bool] | None = None
) -> tuple[list[str], list[RemovedBlock]]:
    """Return a scrape's lines without the site's chrome lines, and those lines.

    Blank lines stay, so paragraphs keep their boundaries. ``keep`` lets the
    caller protect lines it reads (bylines, dates, sections, the masthead).
    """
    if profile is None or not profile.text_keys:
        return lines, []
    kept, removed = [], []
    for line in lines:
        text = normalise_space(line)
        if text and text_key(text) in profile.text_keys and not is_template_slot(text) and not (keep and keep(text)):
            removed.append(RemovedBlock(text, REASON))
            continue
        kept.append(line)
    return kept, removed


def strip_site_chrome_paragraphs(
    paragraphs: Sequence[str], profile: SiteProfile | None
) -> tuple[list[str], list[RemovedBlock]]:
    """Return body paragraphs without those whose whole text is the site's chrome, and those paragraphs."""
    if profile is None or not profile.text_keys:
        return list(paragraphs), []
    kept, removed = [], []
    for paragraph in paragraphs:
        if text_key(paragraph) in profile.text_keys and not is_template_slot(paragraph):
            removed.append(RemovedBlock(normalise_space(paragraph), REASON))
        else:
            kept.append(paragraph)
    return kept, removed
