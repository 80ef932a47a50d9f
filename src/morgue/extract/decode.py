"""Bytes → text: the declared charset when it holds, else UTF-8, else detection.

Mojibake is *not* repaired here: extraction keeps what the source says, and
the audit stage proposes fixes later.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from morgue.errors import ExtractionError

# How far into a document to look for <meta charset> or an XML prolog; the
# HTML standard has user agents prescan the first 1024 bytes, pages in the
# wild put the meta a little later, so look further.
SNIFF_BYTES = 4096

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_PROLOG = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.I)
# ASCII control characters other than tab, line feed, vertical tab, form feed, carriage return.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_HTML_LANG = re.compile(rb"""<html[^>]*\blang\s*=\s*["']?([A-Za-z]{2,3})""", re.I)

# The WHATWG Encoding Standard maps these labels to windows-1252, which is
# what browsers (and so the page's authors) actually used for them.
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "x-sjis": "shift_jis",
}

# Single-byte code pages that a detector confuses with windows-1252 on short
# Western text (charset-normalizer reads an English "café" page as cp1250).
_LATIN_LOOKALIKES = {
    "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_4",
    "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_15", "cp775", "cp850",
    "cp852", "mac_latin2", "mac_roman", "mac_iceland",
}
# Characters a Western-European text in windows-1252 plausibly contains.
_WESTERN = set(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœŠšŽžŸ"
    "\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022\u20ac£¥©®°±²³´µ¶·¹º»«¼½¾¿¡§¢×÷\u00a0"
)
# Languages written in Central/Eastern European code pages: for these,
# trust the detector over the windows-1252 default.
_NON_WESTERN_LANGS = {"cs", "sk", "pl", "hu", "sl", "hr", "bs", "sr", "ro", "lt", "lv", "et", "tr"}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from a document's bytes, and how the encoding was chosen."""

    text: str
    encoding: str
    source: str  # "declared", "utf-8" or "detected"


def decode_document(data: bytes, declared: str | None = None, kind: str = "html") -> Decoded:
    """Return the document's text, decoded with the first encoding that holds.

    Order: a byte-order mark; the charset declared over HTTP; the one declared
    in the document (``<meta charset>``/http-equiv for HTML, the XML prolog
    for NITF); UTF-8 if the bytes are valid UTF-8; finally detection.
    Raises ExtractionError("undecodable") for bytes that are not text.
    """
    # 1. A byte-order mark outranks every declaration (WHATWG "BOM sniff").
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try_decode(data, encoding)
            if text is not None:
                return _checked(Decoded(text, encoding.replace("-sig", ""), "declared"))
    # 2. Declarations: HTTP first, then in-document.
    for label in (declared, _sniff_declaration(data, kind)):
        encoding = _normalise_label(label)
        if encoding:
            text = _try_decode(data, encoding)
            if text is not None:
                return _checked(Decoded(text, encoding, "declared"))
    # 3. Valid UTF-8 is almost never an accident.
    text = _try_decode(data, "utf-8")
    if text is not None:
        return _checked(Decoded(text, "utf-8", "utf-8"))
    # 4. Detection, with the windows-1252 default browsers use.
    return _checked(_detect(data, kind))


def _sniff_declaration(data: bytes, kind: str) -> str | None:
    """Return the charset label the document declares about itself, if any."""
    head = data[:SNIFF_BYTES]
    match = _XML_PROLOG.match(head)
    if match:
        return match.group(1).decode("ascii")
    if kind in ("html", "nitf"):
        match = _META_CHARSET.search(head)
        if match:
            return match.group(1).decode("ascii")
    return None


def _normalise_label(label: str | None) -> str | None:
    """Return a Python codec name for a charset label, or None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _WHATWG_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _try_decode(data: bytes, encoding: str) -> str | None:
    """Return the bytes decoded strictly, or None if they do not decode."""
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes, kind: str) -> Decoded:
    """Return the text as charset-normalizer reads it, preferring windows-1252 for Western text."""
    best = from_bytes(data).best()
    if best is None:
        raise ExtractionError("undecodable", "The bytes are not text in any character encoding we know.")
    encoding = best.encoding
    if encoding in _LATIN_LOOKALIKES and encoding != "cp1252" and _looks_western(data, kind):
        return Decoded(data.decode("cp1252"), "cp1252", "detected")
    return Decoded(str(best), encoding, "detected")


def _looks_western(data: bytes, kind: str) -> bool:
    """Return True if windows-1252 decodes the bytes into plausible Western text."""
    text = _try_decode(data, "cp1252")
    if text is None:
        return False
    match = _HTML_LANG.search(data[:SNIFF_BYTES]) if kind == "html" else None
    if match and match.group(1).decode("ascii").lower() in _NON_WESTERN_LANGS:
        return False
    return all(ch in _WESTERN for ch in set(text) if ord(ch) > 127)


def _checked(decoded: Decoded) -> Decoded:
    """Return the decoded text unchanged, or raise if it is binary rather than text.

    Real text has almost no control characters besides tabs and line breaks;
    an image or a zip decoded as latin-1 is full of them.
    """
    sample = decoded.text[:20000]
    if not sample:
        return decoded
    controls = len(_CONTROLS.findall(sample))
    if "\x00" in sample or controls / len(sample) > 0.01:
        raise ExtractionError(
            "undecodable", f"The bytes look binary, not text ({decoded.encoding} gives control characters)."
        )
    return decoded
