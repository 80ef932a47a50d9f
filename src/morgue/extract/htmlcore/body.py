"""Blocks and the chosen container → the story's paragraphs, and every block left out with why."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from morgue.extract.article import RemovedBlock
from morgue.extract.htmlcore.blocks import HEADINGS, Block
from morgue.extract.htmlcore.score import is_prose
from morgue.extract.htmlcore.teasers import teaser_cards

# A block mostly made of links inside the story is a "read more" or a list of
# teasers, unless it is quoted.
_MAX_LINKS = 0.5
# ... unless it is a sentence this long ending in a full stop: a story may
# link a whole sentence ("The inquiry had been shelved in 2017 ...").
_SENTENCE_CHARS = 80
# ... or a web address spelled out: the story prints it for the reader
# (a shopping list of links, a source); teasers show headlines, not URLs.
_SPELLED_URL = re.compile(r"^(?:https?://|www\.)\S+$")


@dataclass
class CoreBody:
    """What the core found: paragraphs in reading order, the blocks it left out, and the prose it saw."""

    paragraphs: list[str] = field(default_factory=list)
    removed: list[RemovedBlock] = field(default_factory=list)
    prose_chars: int = 0  # characters of prose among the kept paragraphs
    page_prose_chars: int = 0  # characters of prose on the whole page after chrome removal


def assemble_body(blocks: list[Block], main: list[HtmlElement], removed: list[RemovedBlock]) -> CoreBody:
    """Return the paragraphs of the blocks inside the ``main`` elements that read as story, and the rest as removed."""
    core = CoreBody(removed=list(removed))
    core.page_prose_chars = sum(len(b.text) for b in blocks if is_prose(b))
    if not main:
        core.removed += [RemovedBlock(b.text, "outside the story") for b in blocks]
        return core
    # Every element inside the story, gathered once (in C) rather than an ancestor walk per block.
    within = {element for container in main for element in container.iter()}
    teasers = teaser_cards(blocks, within)
    for block in blocks:
        if block.element not in within:
            core.removed.append(RemovedBlock(block.text, "outside the story"))
            continue
        if block.element in teasers:
            core.removed.append(RemovedBlock(block.text, "related links"))
            continue
        reason = _drop_reason(block)
        if reason:
            core.removed.append(RemovedBlock(block.text, reason))
            continue
        core.paragraphs.append(block.text)
        if is_prose(block):
            core.prose_chars += len(block.text)
    return core


def _drop_reason(block: Block) -> str | None:
    """Return why a block inside the story is not story text, or None to keep it."""
    if (block.link_density > _MAX_LINKS and not block.in_quote and not _reads_as_sentence(block.text)
            and not _SPELLED_URL.match(block.text)):
        return "link list"
    if block.tag in HEADINGS and block.tag == "h1":
        # The headline; the article records it separately.
        return "headline"
    return None


def _reads_as_sentence(text: str) -> bool:
    """Return True for a linked sentence of the story (long, ending in a full stop), not a teaser headline."""
    return len(text) >= _SENTENCE_CHARS and text.rstrip("\"'”’)").endswith(".")
