"""Teaser cards inside the story: boxes of one class, each a linked headline and a line or two about it.

News sites promote their other stories between a story's paragraphs or
after them as cards: a section label, the other story's headline as a link,
a sentence about it. The sentence is not a link, so a link-density test
keeps it; what gives a card away is its shape, repeated: a small box of a
few blocks, one of them a linked headline, in a class that recurs.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from morgue.extract.htmlcore.blocks import Block

# Elements a CMS renders a card as.
_CARD_TAGS = frozenset({"div", "article", "section", "li"})
# A card is a handful of short blocks: a label, a headline, a line or two.
_MIN_CARD_BLOCKS, _MAX_CARD_BLOCKS = 2, 6
_MAX_CARD_CHARS = 400
# A linked headline: mostly link text, more than one word.
_MIN_HEADLINE_LINKS = 0.5
_MIN_HEADLINE_WORDS = 2
# One box of a shape is a fact box or a pull quote; two or more are a feed.
_MIN_CARDS = 2


def teaser_cards(blocks: list[Block], within: set[HtmlElement]) -> set[HtmlElement]:
    """Return every element inside the teaser cards found among the story's elements ``within``."""
    # 1. The blocks each classed box inside the story holds.
    held: dict[HtmlElement, list[Block]] = {}
    for block in blocks:
        element = block.element
        while element is not None and element in within:
            if element.tag in _CARD_TAGS and element.get("class"):
                held.setdefault(element, []).append(block)
            element = element.getparent()
    # 2. The boxes shaped like a card, by tag and class.
    shapes: dict[tuple[str, str], list[HtmlElement]] = {}
    for element, its_blocks in held.items():
        if _is_card(its_blocks):
            shapes.setdefault((element.tag, element.get("class")), []).append(element)
    # 3. A shape that recurs is a feed of teasers (outermost boxes only: a card may nest one of its class).
    found: set[HtmlElement] = set()
    for boxes in shapes.values():
        members = set(boxes)
        outermost = [b for b in boxes if not any(a in members for a in b.iterancestors())]
        if len(outermost) >= _MIN_CARDS:
            for box in outermost:
                found.update(box.iter())
    return found


def _is_card(blocks: list[Block]) -> bool:
    """Return True if the blocks of a box read as a teaser: a few short ones, one a linked headline."""
    if not _MIN_CARD_BLOCKS <= len(blocks) <= _MAX_CARD_BLOCKS:
        return False
    if sum(len(b.text) for b in blocks) > _MAX_CARD_CHARS:
        return False
    return any(b.link_density > _MIN_HEADLINE_LINKS and len(b.text.split()) >= _MIN_HEADLINE_WORDS for b in blocks)
