"""Learning a site's template: the blocks, lines and element paths that repeat across its pages.

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
  small paper with one reporter); stripping never removes them
  (``strip.is_template_slot``), since the extractor needs them.

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

import logging
import math
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from morgue.errors import ExtractionError
from morgue.extract.body import normalise_space
from morgue.extract.sitechrome.blocks import block_key, decoded_text, html_blocks, parse_body, text_key
from morgue.extract.sitechrome.profile import LEARNED_KINDS, SiteChrome, SiteChromeOptions, SiteProfile
from morgue.extract.sitechrome.sites import site_key
from morgue.read.document import RawDocument

log = logging.getLogger(__name__)

# Lines of a text scrape counted as its head and its tail.
_ZONE_LINES = 10
# Blocks longer than this are article text, never template: not counted.
_MAX_KEY_CHARS = 400
_PATH_LINK_SHARE = 0.8  # a path's text is "links" on a page when this share of it sits in <a>
_LINKY_PAGES = 0.8  # ... and the path is chrome when that holds on this share of its pages
_SLOT_SHARE = 0.5  # a text must fill its slot on this share of the pages having the slot
_BODY_LINE_SHARE = 0.5  # a line outside head and tail must be on this share of pages
_PRUNE_EVERY = 64  # sampled pages between prunes of once-seen keys

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
        body = parse_body(decoded_text(doc))
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
        lines = [line for line in (normalise_space(x) for x in decoded_text(doc).split("\n")) if line]
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
    keys.blocks[block_key(slot, text_hash)] = (slot, text_hash)


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
