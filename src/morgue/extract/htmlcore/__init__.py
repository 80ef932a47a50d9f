"""morgue's own HTML article extractor: parse, clean, cut into blocks, choose the story, keep its paragraphs.

``find_article_body`` runs the steps in order on a parsed page; each step is
a small module named after what it does.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from morgue.extract.htmlcore.blocks import page_blocks
from morgue.extract.htmlcore.body import CoreBody, assemble_body
from morgue.extract.htmlcore.clean import strip_chrome
from morgue.extract.htmlcore.parse import parse_html
from morgue.extract.htmlcore.score import choose_main

__all__ = ["CoreBody", "find_article_body", "parse_html"]


def find_article_body(tree: HtmlElement, *, stated_body: str = "", marks_body: bool = True) -> CoreBody:
    """Return the story's paragraphs in a parsed page and every block left out, with why.

    ``stated_body`` is the articleBody the page's JSON-LD gives, if any: a
    hint to how long the story is, never used as the text itself.
    ``marks_body`` is False when the page is known to mark no element
    ``itemprop=articleBody``, which spares the chrome step looking for one.
    The tree is changed in place (chrome is removed from it).
    """
    # 1. Chrome that markup names (scripts, menus, share bars, consent boxes, ...).
    removed = strip_chrome(tree, marks_body=marks_body)
    # 2. The page as a flat run of paragraph-sized blocks.
    blocks = page_blocks(tree)
    # 3. The container that holds the most prose and the least clutter.
    main = choose_main(blocks, stated_chars=len(stated_body))
    # 4. The blocks inside it that read as the story, in order.
    return assemble_body(blocks, main, removed)
