"""The page as a flat run of blocks: each paragraph, heading, list item or cell with its text and links."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from morgue.extract.body import normalise_space

# Elements that start a new line of text in a browser; everything else is inline.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "tfoot", "thead", "tr", "ul", "br", "html",
})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass
class Block:
    """One paragraph-sized run of text and where it sits."""

    text: str
    element: HtmlElement  # the nearest block-level element around the text
    tag: str  # that element's tag ("p", "h2", "li", "td", "div", ...)
    link_chars: int  # characters of the text inside <a> elements
    index: int  # position in the page, from 0
    in_quote: bool = False  # inside a <blockquote> or <q>

    @property
    def link_density(self) -> float:
        """Return the share of the text that is link text (0.0 to 1.0)."""
        return self.link_chars / len(self.text) if self.text else 0.0


def page_blocks(tree: HtmlElement) -> list[Block]:
    """Return the blocks of the page's <body>, in reading order.

    Walks the tree without recursion, so a page nested thousands of levels
    deep costs time, not the stack.
    """
    body = tree.find("body")
    if body is None:
        return []
    blocks: list[Block] = []
    parts: list[str] = []
    link_parts: list[int] = [0]  # characters inside links in ``parts``
    stack: list[HtmlElement] = []  # open block-level elements
    links = quotes = 0

    def flush() -> None:
        text = normalise_space("".join(parts))
        if text and stack:
            element = stack[-1]
            share = min(link_parts[0], len(text))
            blocks.append(Block(text, element, element.tag, share, len(blocks), quotes > 0))
        parts.clear()
        link_parts[0] = 0

    def add(text: str | None) -> None:
        if text:
            parts.append(text)
            if links:
                link_parts[0] += len(text.strip())

    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag
        if not isinstance(tag, str):
            if event == "end":
                add(element.tail)
            continue
        if event == "start":
            if tag in BLOCK_TAGS:
                flush()
                stack.append(element)
            elif tag == "a":
                links += 1
            elif tag in ("td", "th"):
                # A table row reads as one line, its cells between bars, the
                # way the body cleaner recognises a table ("| 1 | Ward | 5040 |").
                add(" | ")
            if tag in ("blockquote", "q"):
                quotes += 1
            add(element.text)
        else:
            if tag == "tr":
                add(" |")
            if tag in BLOCK_TAGS:
                flush()
                stack.pop()
            elif tag == "a":
                links -= 1
            if tag in ("blockquote", "q"):
                quotes -= 1
            add(element.tail)
    flush()
    return blocks
