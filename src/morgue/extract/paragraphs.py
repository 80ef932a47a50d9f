"""Lines of a plain-text body → paragraphs: blank lines part them, hard-wrapped lines are joined.

Lists stay lists: a bulleted line starts a paragraph of its own, and the list
under a "Related stories:" heading is links to other articles, not story.
"""

from __future__ import annotations

import re

from morgue.extract.article import RemovedBlock
from morgue.extract.chrome import chrome_reason, is_notice

# Hard-wrapped text is wrapped at a fixed width, at most about 100 columns;
# longer lines are whole paragraphs written one per line.
MAX_WRAP_WIDTH = 100
MIN_WRAP_WIDTH = 40
# "* item", "- item", "• item", "· item" (a hyphen needs the space, or "-20" would be a bullet).
_BULLET = re.compile(r"^(?:[*•·▪◦‣]|[-–]\s)\s*\S")


def text_paragraphs(lines: list[str], max_chrome_chars: int) -> tuple[list[str], list[RemovedBlock]]:
    """Return the paragraphs of body lines, and the related-links lists taken out of them."""
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line.strip())
        elif block:
            paragraphs += _unwrap(block, max_chrome_chars)
            block = []
    return _drop_related_lists(paragraphs, max_chrome_chars)


def is_bullet(line: str) -> bool:
    """Return True for a list item line ("* Item", "• Item", "- Item")."""
    return bool(_BULLET.match(line.strip()))


def _drop_related_lists(paragraphs: list[str], max_chrome_chars: int) -> tuple[list[str], list[RemovedBlock]]:
    """Return the paragraphs without the list items that follow a related-links heading, and those items."""
    kept: list[str] = []
    removed: list[RemovedBlock] = []
    under_related = False
    for paragraph in paragraphs:
        if under_related and is_bullet(paragraph):
            removed.append(RemovedBlock(paragraph, "related links"))
            continue
        under_related = chrome_reason(paragraph, max_chrome_chars) == "related links"
        kept.append(paragraph)
    return kept, removed


def _unwrap(block: list[str], max_chrome_chars: int) -> list[str]:
    """Return the paragraphs of one block of consecutive lines.

    Lines wrapped at a fixed width are joined; a line well short of that
    width ends a paragraph. Lines that are chrome on their own ("Share this
    article"), list items and blocks that are not wrapped stay separate lines.
    """
    width = max(len(line) for line in block)
    if len(block) == 1 or not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return block
    paragraphs: list[str] = []
    current = ""
    for line in block:
        if chrome_reason(line, max_chrome_chars) or is_notice(line) or is_bullet(line):
            if current:
                paragraphs.append(current)
            if not is_bullet(line):
                paragraphs.append(line)
                current = ""
                continue
            current = ""
        if not current:
            current = line
        elif current.endswith("-") and line[:1].islower():
            # A word hyphenated at the wrap: keep the hyphen, drop the break.
            current += line
        else:
            current += " " + line
        if len(line) < 0.6 * width:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs
