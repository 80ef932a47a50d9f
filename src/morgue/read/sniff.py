"""Deciding what a file holds, by its first bytes first and by its name second."""

from __future__ import annotations

import codecs
import json
import re
from typing import NamedTuple

# Formats the dispatcher knows how to read. The document kinds are the
# RawDocument kinds of document.KINDS; the rest are containers or problems.
HTML, TEXT, NITF, JSONL = "html", "text", "nitf", "jsonl"
WARC, ARC, GZIP, ZIP, TAR = "warc", "arc", "gzip", "zip", "tar"
EMPTY, BINARY, UNKNOWN, UNSUPPORTED = "empty", "binary", "unknown-format", "unsupported"
CORRUPT_WARC = "corrupt-warc"

DOCUMENT_FORMATS = (HTML, TEXT, NITF)
# Formats that are already a verdict: the sniffed format is the rejection reason.
PROBLEM_FORMATS = (EMPTY, BINARY, UNKNOWN, UNSUPPORTED, CORRUPT_WARC)


class Sniffed(NamedTuple):
    """What sniff_format decided: a format, and in plain words why (for rejections)."""

    format: str
    detail: str = ""


# Compressed or archive formats we recognise but do not read.
_UNSUPPORTED_MAGIC = (
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstandard-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
)

# A name tells us what was meant when the content is not recognisable: a
# "broken.zip" full of junk is a corrupt zip, not merely binary junk.
_CONTAINER_SUFFIXES = {".gz": GZIP, ".tgz": GZIP, ".zip": ZIP, ".tar": TAR}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_TEXT_SUFFIXES = {"", ".txt", ".text"}
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}

# Elements that can open an HTML page or a saved fragment of one.
_HTML_ROOTS = {
    "html", "head", "body", "title", "meta", "link", "base", "script", "style", "noscript",
    "div", "p", "span", "a", "table", "tr", "td", "font", "center", "b", "i", "u", "em",
    "strong", "br", "hr", "img", "ul", "ol", "li", "pre", "blockquote", "form",
    "article", "section", "header", "footer", "main", "nav", "aside", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "frameset", "iframe",
}
_HTML_MARK = re.compile(r"<!doctype\s+html|<(?:html|head|body)[\s>]")
_REAL_SUFFIX = re.compile(r"\.[a-z][a-z0-9]{0,7}$")

# C0 control bytes that do not occur in text (tab, newlines, form feed,
# escape for ISO-2022 and the DOS end-of-file mark 0x1A are allowed).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1a\x1b") + b"\x7f"
# Share of control bytes above which a head is binary, not text.
_MAX_CONTROL_SHARE = 0.05

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def name_suffix(name: str) -> str:
    """Return the lower-case extension of ``name`` (".html"), or "" if it has none.

    "story.2024-01-02" has no extension: only short alphanumeric endings count.
    """
    match = _REAL_SUFFIX.search(name.rsplit("/", 1)[-1].lower())
    return match.group(0) if match else ""


def strip_gzip_suffix(name: str) -> str:
    """Return the name of what a gzip file holds: "a.html.gz" -> "a.html", "a.tgz" -> "a.tar"."""
    lower = name.lower()
    if lower.endswith(".tgz"):
        return name[:-4] + ".tar"
    if lower.endswith(".gz"):
        return name[:-3]
    return name


def sniff_format(head: bytes, name: str = "") -> Sniffed:
    """Return the format of a stream from its first bytes and its file or member name."""
    suffix = name_suffix(name)
    # 1. Nothing at all.
    if not head:
        return Sniffed(EMPTY, "the file is empty")
    # 2. Magic numbers of containers and compressed data.
    if head.startswith(b"\x1f\x8b"):
        return Sniffed(GZIP)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return Sniffed(ZIP)
    if head[257:262] == b"ustar":
        return Sniffed(TAR)
    if head.startswith(b"WARC/"):
        return Sniffed(WARC)
    if head.startswith(b"filedesc://"):
        return Sniffed(ARC)
    for magic, label in _UNSUPPORTED_MAGIC:
        if head.startswith(magic):
            return Sniffed(UNSUPPORTED, f"{label}, which is not read")
    # 3. A file named as a web archive that does not start like one is a
    #    damaged archive. (Not handed to warcio: its ARC parser takes almost
    #    any line of five words for a record header.)
    if suffix in (".warc", ".arc"):
        return Sniffed(CORRUPT_WARC, "the file is named as a web archive but does not start with a WARC or ARC header")
    # 4. Text or binary.
    text = decode_head(head)
    if text is None:
        if suffix in _CONTAINER_SUFFIXES:
            return Sniffed(_CONTAINER_SUFFIXES[suffix])
        return Sniffed(BINARY, "binary data (NUL or control bytes), not text")
    return _sniff_text(text.lstrip().lower(), suffix)


def decode_head(head: bytes) -> str | None:
    """Return ``head`` as text good enough for sniffing markup, or None if it is binary.

    The decoding is only for looking: the document keeps its bytes, and the
    extract stage decides their real encoding.
    """
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            # UTF-16/32 text is full of NUL bytes; judge it decoded.
            return head[len(bom):].decode(encoding, errors="replace")
    if b"\x00" in head:
        return None
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > len(head) * _MAX_CONTROL_SHARE:
        return None
    # Markup is ASCII in every encoding a newspaper page may use; latin-1
    # maps each byte to one character, so nothing can fail here.
    return head.decode("latin-1")


def _sniff_text(text: str, suffix: str) -> Sniffed:
    """Return the format of text (lower-cased, leading blanks removed)."""
    if text.startswith("<"):
        markup = _sniff_markup(text, suffix)
        if markup is not None:
            return markup
    if _HTML_MARK.search(text, 0, 8192):
        return Sniffed(HTML)
    if suffix in _JSONL_SUFFIXES or (text.startswith("{") and _first_line_is_object(text)):
        return Sniffed(JSONL)
    if suffix in _TEXT_SUFFIXES or suffix in _HTML_SUFFIXES:
        return Sniffed(TEXT)
    return Sniffed(UNKNOWN, f"text in a {suffix} file, not a kind of document that is read")


def _sniff_markup(text: str, suffix: str) -> Sniffed | None:
    """Return the format of text that starts with "<" (HTML, NITF, other XML), or None if not markup."""
    declared_xml, doctype, root = _prolog(text)
    if doctype == "html" or root == "html":
        return Sniffed(HTML)
    if doctype == "nitf" or root == "nitf":
        return Sniffed(NITF)
    if root is None and doctype is None and not declared_xml:
        # "<" opened no element: text that happens to start with a bracket.
        return None
    if not declared_xml and (root in _HTML_ROOTS or _HTML_MARK.search(text, 0, 8192)):
        return Sniffed(HTML)
    if suffix in _HTML_SUFFIXES and not declared_xml:
        # Named HTML and marked up, though not with a tag we expected; an
        # <?xml?> declaration with another root (an RSS feed) is not HTML.
        return Sniffed(HTML)
    return Sniffed(UNKNOWN, f"XML whose root element is <{root or doctype}>, not NITF or HTML")


def _prolog(text: str) -> tuple[bool, str | None, str | None]:
    """Return (has an <?xml?> declaration, doctype name, local name of the root element)."""
    declared_xml = False
    doctype = None
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if text.startswith("<?", pos):
            declared_xml = declared_xml or text.startswith("<?xml", pos)
            closer = "?>"
        elif text.startswith("<!--", pos):
            closer = "-->"
        elif text.startswith("<!doctype", pos):
            match = re.match(r"<!doctype\s+([\w:.-]+)", text[pos:pos + 200])
            doctype = match.group(1).rsplit(":", 1)[-1] if match else doctype
            closer = ">"
        else:
            break
        end = text.find(closer, pos)
        if end < 0:
            break
        pos = end + len(closer)
    match = re.match(r"<([a-z_][\w:.-]*)", text[pos:pos + 200])
    root = match.group(1).rsplit(":", 1)[-1] if match else None
    return declared_xml, doctype, root


def _first_line_is_object(text: str) -> bool:
    """Return True if the first line of ``text`` is a JSON object (or too long to judge)."""
    line, newline, _ = text.partition("\n")
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        # Without a newline the head may have ended inside a long first line.
        return not newline and text.startswith('{"')
