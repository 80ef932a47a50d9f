"""NITF (News Industry Text Format) files → articles.

NITF states every field explicitly, so nothing here is guessed: see the
NITF 3.x specification, iptc.org/standards/nitf.
"""

from __future__ import annotations

import re
from html.entities import html5

from lxml import etree

from morgue.errors import ExtractionError
from morgue.extract.article import Article
from morgue.extract.body import normalise_space, tidy_body
from morgue.extract.bylines import clean_byline
from morgue.extract.dates import is_plausible, parse_structured_date
from morgue.extract.decode import decode_document
from morgue.extract.options import ExtractOptions
from morgue.extract.tags import tidy_tags
from morgue.read.document import RawDocument

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# NITF files reference HTML entities (&mdash;) defined in a DTD we never
# fetch; the recovering parser keeps the text around them.
_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}


def extract_nitf(doc: RawDocument, options: ExtractOptions) -> Article:
    """Return the article in a NITF file; raises ExtractionError("bad-xml" or "no-text")."""
    # 1. Bytes → text → tree (namespaces dropped: NITF 3.x files come with and without one).
    decoded = decode_document(doc.data, doc.declared_encoding, "nitf")
    root = _parse(decoded.text)
    # 2. The head: dates, section, identifiers.
    latest = options.latest_date(doc.captured_at)
    published = None
    for value in (
        _attr(root, "head/docdata/date.issue", "norm"),
        _attr(root, "head/pubdata", "date.publication"),
        _attr(root, "body/body.head/dateline/story.date", "norm"),
    ):
        parsed = parse_structured_date(value) if value else None
        if is_plausible(parsed, options.min_date, latest):
            published = parsed
            break
    # 3. The body head: headline, byline, dateline.
    headline = _text(root.find("body/body.head/hedline/hl1")) or _text(root.find("head/title"))
    byline_element = root.find("body/body.head/byline")
    if byline_element is not None:
        for title in byline_element.findall(".//byttl"):
            # <byttl> is the writer's job title ("Staff Writer"), not a name;
            # keep its tail (", " or " and ") so the names stay apart.
            parent = title.getparent()
            previous = title.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + " " + (title.tail or "")
            else:
                parent.text = (parent.text or "") + " " + (title.tail or "")
            parent.remove(title)
    byline = clean_byline(_text(byline_element))
    dateline = _text(root.find("body/body.head/dateline")).rstrip(" ,—–-:")
    # 4. The body content: its paragraphs, in order.
    content = root.find("body/body.content")
    paragraphs = [_text(p) for p in content.iter("p")] if content is not None else []
    body = tidy_body(paragraphs, dateline=dateline, max_chrome_chars=options.max_chrome_chars)
    if not body.paragraphs:
        raise ExtractionError("no-text", "The NITF file has no paragraphs in its body.content.")
    return Article(
        headline=headline,
        byline=byline,
        dateline=body.dateline,
        published=published,
        section=_section(root),
        body=tuple(body.paragraphs),
        language=_language(root),
        url=_attr(root, "head/pubdata", "ex-ref") or _meta(root, "url") or doc.url or "",
        notices=tuple(body.notices),
        removed=tuple(body.removed),
        extractor="nitf",
        encoding=decoded.encoding,
        encoding_source=decoded.source,
        source_id=_attr(root, "head/docdata/doc-id", "id-string"),
        tags=_tags(root),
    )


def _parse(text: str) -> etree._Element:
    """Return the root <nitf> element with namespaces removed; raises ExtractionError("bad-xml")."""
    # The DTD that defines &mdash; and friends is never loaded, and a
    # recovering parser would drop them with their text: resolve them here.
    text = _ENTITY.sub(_resolve_entity, _XML_DECLARATION.sub("", text, count=1))
    try:
        root = etree.fromstring(text.encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError as e:
        raise ExtractionError("bad-xml", f"The NITF file is not well-formed XML: {e}") from e
    if root is None:
        raise ExtractionError("bad-xml", "The NITF file is not XML.")
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.split("}", 1)[1]
    if root.tag != "nitf" and root.find(".//nitf") is not None:
        root = root.find(".//nitf")
    return root


def _resolve_entity(match: re.Match) -> str:
    """Return the character an HTML named entity stands for (XML's own five are left to the parser)."""
    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group(0)
    return html5.get(name + ";", match.group(0))


def _text(element: etree._Element | None) -> str:
    """Return the element's text with whitespace normalised, or "" for no element."""
    return normalise_space("".join(element.itertext())) if element is not None else ""


def _attr(root: etree._Element, path: str, name: str) -> str:
    """Return an attribute of the first element at ``path``, or ""."""
    element = root.find(path)
    return (element.get(name) or "").strip() if element is not None else ""


def _meta(root: etree._Element, name: str) -> str:
    """Return the content of <meta name=...> in the NITF head, or ""."""
    for meta in root.iterfind("head/meta"):
        if (meta.get("name") or "").lower() == name:
            return normalise_space(meta.get("content") or "")
    return ""


def _section(root: etree._Element) -> str:
    """Return the section: <meta name="section">, then pubdata position.section, then the subject."""
    section = _meta(root, "section") or _meta(root, "nitf-section") or _attr(root, "head/pubdata", "position.section")
    if section:
        return section
    subject = root.find("head/tobject/tobject.subject")
    if subject is not None:
        return (
            subject.get("tobject.subject.matter")
            or subject.get("tobject.subject.type")
            or subject.get("tobject.subject.refnum")
            or ""
        ).strip()
    return ""


def _tags(root: etree._Element) -> tuple[str, ...]:
    """Return the file's keywords (docdata key-list) and subject matters (tobject.subject), in order."""
    keys = [k.get("key") or "" for k in root.iterfind("head/docdata/key-list/keyword")]
    subjects = [s.get("tobject.subject.matter") or "" for s in root.iterfind("head/tobject/tobject.subject")]
    return tidy_tags(keys + subjects)


def _language(root: etree._Element) -> str:
    """Return the xml:lang the file declares on <nitf>, <head> or <body>, or ""."""
    for element in (root, root.find("head"), root.find("body")):
        if element is not None and element.get(_XML_LANG):
            return element.get(_XML_LANG)
    return ""
