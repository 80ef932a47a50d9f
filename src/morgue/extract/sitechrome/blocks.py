"""A page cut into keyed blocks: what learning counts and what stripping looks up.

An HTML page is a list of blocks, each an element with its path in the
template (``body>footer>p.copyright``) and its own text; a text scrape is a
list of lines. A block's key hashes its place and its normalised text, so
learning (``learn.py``) and stripping (``strip.py``) agree on what "the same
block" means.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from lxml.html import HtmlElement

from morgue.extract.body import normalise_space
from morgue.read.document import RawDocument

BLOCK_TAGS = frozenset(
    "address article aside blockquote body button caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup li main menu nav ol p pre section "
    "summary table tbody td tfoot th thead tr ul".split()
)
_SKIP_TAGS = frozenset("script style noscript template svg math iframe object head".split())
# Classes that mark a state, not a place in the template ("the active menu item").
_STATE_CLASSES = frozenset("active current selected open closed first last odd even hidden visible".split())
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def text_key(text: str) -> int:
    """Return the hashed key of a text: Unicode-normalised, case-folded, spaces collapsed, digits as 0.

    Digits are folded so "© 2004" and "© 2011" or "Comments (3)" and
    "Comments (12)" are one block.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"\d", "0", " ".join(text.split()))
    return _hash(text)


def block_key(slot: str, text_hash: int) -> int:
    """Return the hashed key of a text in its slot (an element path, or a text zone)."""
    return _hash(slot + "\x1f" + str(text_hash))


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
                if child.tag.lower() in BLOCK_TAGS:
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


def decoded_text(doc: RawDocument) -> str:
    """Return a document's text, decoded as the extractor decodes it, with ``\\n`` line ends."""
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
    return find_body(tree) if tree is not None else None


def find_body(tree: HtmlElement) -> HtmlElement | None:
    """Return the ``<body>`` element of a parsed tree (the tree itself if it is one), or None."""
    if tree.tag == "body":
        return tree
    return tree.find(".//body")
