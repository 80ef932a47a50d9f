"""Page text → lxml tree, repairing the two mistakes that make a parser swallow a whole page."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from morgue.errors import ExtractionError

# Comments and processing instructions are dropped while parsing: nothing in
# them is article text, and dropping them here is cheaper than a later pass.
# The default depth limit (256) stays: deeper nesting is not a real page, and
# libxml2 then stops descending instead of recursing without bound.
# The page is handed over as UTF-8 bytes with the encoding named: libxml2
# reads those faster than a Python str, and the named encoding overrides any
# <meta charset> (the text was decoded already).
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, default_doctype=False,
                           encoding="utf-8")
# lxml.html's own parser picks each element's class in Python (special
# classes for forms and inputs, which nothing here uses), once for every
# element Python touches; the C-level default lookup gives every element
# lxml.html's HtmlElement (text_content(), ...) at a fraction of the cost.
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity,
))
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.I)
_TITLE_CLOSE = re.compile(r"</title", re.I)
_TAG_START = re.compile(r"<\s*/?\s*[a-zA-Z]")


def parse_html(text: str) -> HtmlElement:
    """Return the page's <html> element, always with a <body>; raises ExtractionError("bad-html")."""
    text = _repair(_XML_DECLARATION.sub("", text, count=1))
    if not text.strip():
        raise ExtractionError("no-text", "The page is empty.")
    try:
        # "replace": a lone surrogate left by a broken decode must not stop the parse.
        tree = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, ValueError) as e:
        raise ExtractionError("bad-html", f"The page could not be parsed as HTML: {e}") from e
    if tree.find("body") is None:
        # A page of only <head> matter or a frameset: give the rest an empty body.
        tree.append(lxml.html.Element("body"))
    return tree


def _repair(text: str) -> str:
    """Return the page with an unclosed <title> closed and an unclosed comment opener removed.

    Browsers read both the same way libxml2 does (the rest of the page
    becomes title or comment), but a page saved like that was shown to its
    readers by an older, more forgiving browser, and its text is all there.
    """
    # Searched in place: lower-casing or slicing a large page costs more than parsing it.
    title = _TITLE_OPEN.search(text)
    if title and not _TITLE_CLOSE.search(text, title.end()):
        next_tag = _TAG_START.search(text, title.end())
        if next_tag:
            text = text[: next_tag.start()] + "</title>" + text[next_tag.start():]
    opener = text.rfind("<!--")
    if opener != -1 and text.find("-->", opener) == -1:
        text = text[:opener] + text[opener + 4:]
    return text
