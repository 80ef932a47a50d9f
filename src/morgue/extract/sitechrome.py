"""Site chrome learned from the archive itself: what repeats across the pages of one site.

Pages of one site share a template: masthead, menu, sign-in box, newsletter
box, related-stories list, footer. Per-page rules (``chrome.py``) recognise
the usual wording; this module learns the template of each site from its own
pages, so chrome in any wording and any language is found.

How a block is judged chrome (the thresholds, and why):

- A site is learned only from at least ``min_pages`` (5) pages; with fewer,
  one page's article and another's cannot be told from the template, so the
  per-page rules alone apply.
- A block is chrome only if it is on at least ``T = max(3, ceil(30% of the
  pages learned))`` pages. A template block is on (nearly) every page of the
  years its template served; 30% lets a template that served a third of the
  sampled pages be learned too. Text that repeats because articles quote the
  same words, carry the same correction or syndicate a paragraph is on a
  handful of pages, far below 30% once a site has ten pages or more; the
  floor of 3 keeps a sentence shared by two pages of a small site.
- Where it sits must be consistent. In HTML a block is its element path
  (``body>footer>p.copyright``) plus its text, and the text must fill that
  slot on at least half of the pages that have the slot: an article-body
  paragraph slot holds different text on every page, so a quote on 3 of 8
  pages is 3/8 of its slot and stays. In a text scrape a line counts as
  chrome at ``T`` only in the head or the tail of the pages (the first or
  last ten lines, at most a third of the page); anywhere else it must be on
  half the pages.
- A whole element path is chrome, whatever its text, when it is on ``T``
  pages and is made of link text on at least 80% of them: menus, related
  stories and tag lists change their words from page to page, but never
  stop being lists of links. Body paragraphs are not.
- Template slots such as a byline or a date line can repeat a value (a
  small paper with one reporter); they are never removed here, since the
  extractor needs them.

Memory and time stay bounded: each site is learned from a sample of at
most ``sample_pages`` (200) pages, spread evenly over the whole stream (a
stride that doubles when the sample fills, so later template years are not
left out); a share near 30% measured on 100 to 200 pages is within about
five points, plenty to tell a template (on ~100% of pages) from a repeated
quote (a few pages). Each page gives at most ``max_blocks_per_page`` hashed
keys, and at most ``max_sites`` sites are learned (later ones fall back to
per-page rules). Keys seen on only one sampled page are pruned as the
sample grows.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from lxml.html import HtmlElement

from morgue.errors import ExtractionError
from morgue.extract.article import RemovedBlock
from morgue.extract.body import normalise_space
from morgue.extract.bylines import looks_like_byline
from morgue.extract.dates import read_date_line
from morgue.extract.htmlcore.clean import drop_element
from morgue.read.document import RawDocument

log = logging.getLogger(__name__)

REASON = "site chrome"
# Kinds of documents that carry a site's template (NITF and JSON exports do not).
LEARNED_KINDS = ("html", "text")

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body button caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup li main menu nav ol p pre section "
    "summary table tbody td tfoot th thead tr ul".split()
)
_SKIP_TAGS = frozenset("script style noscript template svg math iframe object head".split())
# Classes that mark a state, not a place in the template ("the active menu item").
_STATE_CLASSES = frozenset("active current selected open closed first last odd even hidden visible".split())
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Where a page states its own address; read from the first bytes only.
_CANONICAL = re.compile(
    rb"<(?:link[^>]+rel\s*=\s*[\"']?canonical[\"']?[^>]*|meta[^>]+property\s*=\s*[\"']?og:url[\"']?[^>]*)>", re.I
)
_HREF = re.compile(rb"(?:href|content)\s*=\s*[\"']?(https?://[^\"'\s>]+)", re.I)
_HEAD_BYTES = 65536
# Lines of a text scrape counted as its head and its tail.
_ZONE_LINES = 10
# Blocks longer than this are article text, never template: not counted.
_MAX_KEY_CHARS = 400
_PATH_LINK_SHARE = 0.8  # a path's text is "links" on a page when this share of it sits in <a>
_LINKY_PAGES = 0.8  # ... and the path is chrome when that holds on this share of its pages
_SLOT_SHARE = 0.5  # a text must fill its slot on this share of the pages having the slot
_BODY_LINE_SHARE = 0.5  # a line outside head and tail must be on this share of pages
_PRUNE_EVERY = 64  # sampled pages between prunes of once-seen keys


@dataclass(frozen=True)
class SiteChromeOptions:
    """How site chrome is learned; defaults in one place (see the module docstring for why)."""

    min_pages: int = 5
    min_share: float = 0.3
    min_repeats: int = 3
    sample_pages: int = 200
    max_blocks_per_page: int = 200
    max_sites: int = 256
    # The folders the run was given: a page's site is the top folder under one of them.
    roots: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteProfile:
    """The learned template of one site for one kind of document (picklable: it travels to workers).

    ``text_keys``: hashed normalised texts that are chrome on this site (lines
    of a scrape; texts of chrome HTML blocks). ``element_paths``: HTML element
    paths that are chrome whatever text they hold (menus, link lists).
    ``block_keys``: hashed (element path, text) pairs of chrome HTML blocks.
    """

    site: str
    kind: str
    pages: int  # how many pages it was learned from
    text_keys: frozenset[int] = frozenset()
    element_paths: frozenset[str] = frozenset()
    block_keys: frozenset[int] = frozenset()


@dataclass
class SiteChrome:
    """The profiles learned from a run's documents, one per site and kind."""

    profiles: dict[tuple[str, str], SiteProfile] = field(default_factory=dict)
    roots: tuple[str, ...] = ()
    documents: int = 0  # documents looked at
    sampled: int = 0  # pages read into a sample

    @property
    def sites(self) -> int:
        """Return how many sites have a learned profile."""
        return len({site for site, _ in self.profiles})

    def profile_for(self, doc: RawDocument) -> SiteProfile | None:
        """Return the profile of the document's site and kind, or None (too few pages, or not learned)."""
        if doc.kind not in LEARNED_KINDS or not self.profiles:
            return None
        return self.profiles.get((site_key(doc, self.roots), doc.kind))


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


# ---------------------------------------------------------------------------
# Learning


def learn_site_chrome(docs: Iterable[RawDocument], options: SiteChromeOptions | None = None) -> SiteChrome:
    """Return the chrome of every site in ``docs`` (anything else in the stream, such as rejections, is skipped)."""
    options = options or SiteChromeOptions()
    samplers: dict[tuple[str, str], _Sampler] = {}
    chrome = SiteChrome(roots=tuple(options.roots))
    for doc in docs:
        if not isinstance(doc, RawDocument) or doc.kind not in LEARNED_KINDS:
            continue
        chrome.documents += 1
        key = (site_key(doc, options.roots), doc.kind)
        sampler = samplers.get(key)
        if sampler is None:
            if len(samplers) >= options.max_sites:
                continue
            sampler = samplers[key] = _Sampler(options)
        if sampler.wants_next():
            chrome.sampled += 1
            try:
                keys = page_keys(doc, options.max_blocks_per_page)
            except ExtractionError:
                keys = PageKeys({}, set(), set())  # bytes that are not text: the extractor will say so
            except Exception:  # noqa: BLE001 - one odd page must not stop learning the site
                log.exception("could not read the blocks of %s for site chrome", doc.location)
                keys = PageKeys({}, set(), set())
            sampler.add(keys)
        else:
            sampler.skip()
    for (site, kind), sampler in samplers.items():
        profile = sampler.profile(site, kind)
        if profile is not None:
            chrome.profiles[(site, kind)] = profile
    return chrome


@dataclass
class PageKeys:
    """What one page contributes to its site's counts: hashed blocks, with their slots."""

    blocks: dict[int, tuple[str, int]]  # block hash -> (slot: element path or text zone, text hash)
    slots: set[str]  # slots that hold text on this page
    linky: set[str]  # element paths whose text on this page is mostly links


def page_keys(doc: RawDocument, max_blocks: int = 200) -> PageKeys:
    """Return the hashed blocks of one page: (element path, text) for HTML, (zone, line) for text."""
    keys = PageKeys({}, set(), set())
    if doc.kind == "html":
        body = parse_body(_decoded(doc))
        if body is None:
            return keys
        blocks = html_blocks(body)
        if len(blocks) > max_blocks:  # the template lives at the top and the bottom
            blocks = blocks[: max_blocks // 2] + blocks[-(max_blocks // 2):]
        links: Counter = Counter()
        chars: Counter = Counter()
        for block in blocks:
            chars[block.path] += block.chars
            links[block.path] += block.link_chars
            _add(keys, block.path, block.text)
        keys.linky = {p for p, n in chars.items() if n and links[p] >= _PATH_LINK_SHARE * n}
    else:
        lines = [line for line in (normalise_space(x) for x in _decoded(doc).split("\n")) if line]
        if len(lines) > max_blocks:
            lines = lines[: max_blocks // 2] + lines[-(max_blocks // 2):]
        for index, line in enumerate(lines):
            _add(keys, line_zone(index, len(lines)), line)
    return keys


def _add(keys: PageKeys, slot: str, text: str) -> None:
    if not text or len(text) > _MAX_KEY_CHARS:
        return
    keys.slots.add(slot)
    text_hash = text_key(text)
    keys.blocks[_hash(slot + "\x1f" + str(text_hash))] = (slot, text_hash)


def line_zone(index: int, count: int) -> str:
    """Return "head", "tail" or "body": where the ``index``-th of ``count`` non-blank lines sits."""
    reach = min(_ZONE_LINES, max(1, count // 3))
    if index < reach:
        return "head"
    if index >= count - reach:
        return "tail"
    return "body"


class _Sampler:
    """An evenly spread, bounded sample of one site's pages, with its counts kept current."""

    def __init__(self, options: SiteChromeOptions):
        self.options = options
        self.seen = 0  # pages of the site so far
        self.stride = 1  # every stride-th page is sampled
        self.pages: dict[int, tuple[array, tuple[str, ...], tuple[str, ...]]] = {}
        self.blocks: Counter = Counter()  # block hash -> pages
        self.info: dict[int, tuple[str, int]] = {}
        self.slots: Counter = Counter()
        self.linky: Counter = Counter()
        self.added = 0

    def wants_next(self) -> bool:
        return self.seen % self.stride == 0

    def skip(self) -> None:
        self.seen += 1

    def add(self, keys: PageKeys) -> None:
        hashes = array("q", keys.blocks)
        self.pages[self.seen] = (hashes, tuple(keys.slots), tuple(keys.linky))
        self.seen += 1
        self.blocks.update(hashes)
        for h, info in keys.blocks.items():
            self.info.setdefault(h, info)
        self.slots.update(keys.slots)
        self.linky.update(keys.linky)
        self.added += 1
        if self.added % _PRUNE_EVERY == 0:
            self._prune()
        if len(self.pages) > self.options.sample_pages:
            # Thin the sample to every other sampled page; later pages keep the new stride.
            self.stride *= 2
            for index in [i for i in self.pages if i % self.stride]:
                self._retract(self.pages.pop(index))

    def _retract(self, page) -> None:
        hashes, slots, linky = page
        for h in hashes:
            if self.blocks.get(h, 0) > 1:
                self.blocks[h] -= 1
            else:
                self.blocks.pop(h, None)
                self.info.pop(h, None)
        self.slots.subtract(slots)
        self.linky.subtract(linky)

    def _prune(self) -> None:
        # A key on one page of many can no longer reach the threshold in this sample;
        # if it comes back it is counted again from one (approximate, and only ever low).
        once = [h for h, n in self.blocks.items() if n <= 1]
        for h in once:
            del self.blocks[h]
            self.info.pop(h, None)

    def profile(self, site: str, kind: str) -> SiteProfile | None:
        options = self.options
        pages = len(self.pages)
        if pages < options.min_pages:
            return None
        threshold = max(options.min_repeats, math.ceil(options.min_share * pages))
        text_keys, block_keys = set(), set()
        for h, count in self.blocks.items():
            if count < threshold:
                continue
            slot, text_hash = self.info[h]
            if kind == "html":
                chrome = count >= _SLOT_SHARE * self.slots[slot]
            else:
                chrome = slot in ("head", "tail") or count >= _BODY_LINE_SHARE * pages
            if chrome:
                text_keys.add(text_hash)
                block_keys.add(h)
        paths = frozenset(
            path for path, n in self.slots.items()
            if kind == "html" and n >= threshold and self.linky[path] >= _LINKY_PAGES * n
        )
        return SiteProfile(site, kind, pages, frozenset(text_keys), paths, frozenset(block_keys) if kind == "html" else frozenset())


# ---------------------------------------------------------------------------
# Keys and blocks


def text_key(text: str) -> int:
    """Return the hashed key of a text: Unicode-normalised, case-folded, spaces collapsed, digits as 0.

    Digits are folded so "© 2004" and "© 2011" or "Comments (3)" and
    "Comments (12)" are one block.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"\d", "0", " ".join(text.split()))
    return _hash(text)


def _hash(text: str) -> int:
    # A stable hash (Python's own hash() differs between processes).
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big", signed=True)


@dataclass(frozen=True)
class Block:
    """One block of an HTML page: an element, its path in the template, and its own text."""

    element: HtmlElement
    path: str
    text: str  # the element's own text (inline children included, nested blocks not), spaces collapsed
    chars: int
    link_chars: int  # how much of that text sits inside links
    has_blocks: bool  # whether nested blocks hold text of their own


def html_blocks(body: HtmlElement) -> list[Block]:
    """Return the blocks under ``body`` in document order, each with its element path."""
    out: list[Block] = []
    try:
        _collect(body, "body", out)
    except RecursionError:
        # A page nested thousands deep has no template worth learning.
        return []
    return out


def _collect(element: HtmlElement, path: str, out: list[Block]) -> bool:
    """Append the block ``element`` and the blocks inside it to ``out``; return True if any holds text."""
    own: list[str] = [element.text or ""]
    link = [len((element.text or "").strip()) if element.tag == "a" else 0]
    nested: list[tuple[HtmlElement, str]] = []

    def inline(node: HtmlElement, node_path: str, in_link: bool) -> None:
        for child in node:
            tail = child.tail or ""
            if isinstance(child.tag, str) and child.tag.lower() not in _SKIP_TAGS:
                child_path = node_path + ">" + _label(child)
                if child.tag.lower() in _BLOCK_TAGS:
                    nested.append((child, child_path))
                else:
                    child_link = in_link or child.tag.lower() == "a"
                    own.append(child.text or "")
                    if child_link:
                        link[0] += len((child.text or "").strip())
                    inline(child, child_path, child_link)
            own.append(tail)
            if in_link:
                link[0] += len(tail.strip())

    inline(element, path, element.tag == "a")
    text = normalise_space("".join(own))
    index = len(out)
    has_blocks = False
    for child, child_path in nested:
        has_blocks = _collect(child, child_path, out) or has_blocks
    if text and element.tag != "body":
        out.insert(index, Block(element, path, text, len(text), min(link[0], len(text)), has_blocks))
    return bool(text) or has_blocks


_LABELS: dict[tuple[str, str, str], str] = {}


def _label(element: HtmlElement) -> str:
    """Return the element's step in a path: tag, #id and classes that name a place (no numbers, no states)."""
    key = (element.tag, element.get("id") or "", element.get("class") or "")
    label = _LABELS.get(key)
    if label is None:
        if len(_LABELS) > 20000:
            _LABELS.clear()
        label = _LABELS[key] = _make_label(*key)
    return label


def _make_label(tag: str, ident: str, classes_attr: str) -> str:
    label = tag.lower()
    if ident and len(ident) <= 40 and not any(c.isdigit() for c in ident):
        label += "#" + ident
    classes = sorted(
        c for c in classes_attr.split()
        if c.lower() not in _STATE_CLASSES and not any(ch.isdigit() for ch in c)
    )
    return label + "".join("." + c for c in classes[:3])


def _decoded(doc: RawDocument) -> str:
    from morgue.extract.decode import decode_document

    text = decode_document(doc.data, doc.declared_encoding, doc.kind).text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_body(text: str) -> HtmlElement | None:
    """Return the ``<body>`` of an HTML page given as text, or None if it has none."""
    from trafilatura import load_html

    try:
        tree = load_html(_XML_DECLARATION.sub("", text, count=1))
    except (ValueError, TypeError):
        return None
    return _body(tree) if tree is not None else None


def _body(tree: HtmlElement) -> HtmlElement | None:
    if tree.tag == "body":
        return tree
    return tree.find(".//body")


# ---------------------------------------------------------------------------
# Using a profile


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
    body = _body(tree)
    if body is None:
        return []
    total = len(normalise_space(body.text_content()))
    removed: list[RemovedBlock] = []
    for block in html_blocks(body):
        whole = block.path in profile.element_paths
        if not whole and _hash(block.path + "\x1f" + str(text_key(block.text))) not in profile.block_keys:
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
        if isinstance(child.tag, str) and child.tag.lower() in _BLOCK_TAGS:
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
