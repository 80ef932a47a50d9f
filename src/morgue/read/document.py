"""Plain data that the readers yield: raw documents and rejections."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

# What kind of document the bytes are, decided by content as well as by name.
KINDS = ("html", "text", "nitf", "jsonl")


# Characters a location key gives a meaning to ("!" member, "@" offset, "#"
# occurrence, "\\" escape), and what no key may hold: control characters
# (NUL among them, refused by PostgreSQL) and lone surrogates (a file name
# that is not UTF-8, kept by Python as U+DC80..U+DCFF, cannot be encoded).
_KEY_SPECIAL = re.compile(r"[\\!@#]")
_UNSTORABLE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


def _escape_unstorable(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte of a non-UTF-8 name, as the byte
    if code >= 0xD800:
        return f"\\u{code:04x}"
    return f"\\x{code:02x}"


def storable_name(name: str) -> str:
    """Return ``name`` with control characters and undecodable bytes written as ``\\xNN``.

    For the readable ``path`` and ``member`` columns: every character a
    database can store, nothing else changed.
    """
    return _UNSTORABLE.sub(lambda m: _escape_unstorable(m.group()), name)


def escape_key_part(name: str) -> str:
    """Return ``name`` escaped for a location key: lossless, readable, storable.

    A backslash escapes the characters keys give a meaning to, so a file
    really named ``x.zip!m.html`` never meets member ``m.html`` of ``x.zip``;
    undecodable bytes and control characters become ``\\xNN``.
    """
    return storable_name(_KEY_SPECIAL.sub(lambda m: "\\" + m.group(), name))


def member_segment(name: str, occurrence: int = 1) -> str:
    """Return one member's part of a location: its escaped name, and ``#n`` for its n-th copy.

    Zip and tar both allow two members of one name (``tar -r`` appends a
    newer copy); the second is ``name#2``, and so on, so neither is lost.
    """
    segment = escape_key_part(name)
    return f"{segment}#{occurrence}" if occurrence > 1 else segment


@dataclass(frozen=True)
class SourceLocation:
    """Where a raw document was found: a file, a member of a container, a record offset.

    ``path`` is the file on disk (absolute, as the file system gives it:
    a non-UTF-8 name keeps its bytes as surrogates). ``member`` is the
    member inside a zip/tar ("" when none), already escaped by
    ``member_segment``; nested containers join members with "!".
    ``offset`` is the byte offset of a WARC/ARC record, or the line number
    (1-based) of a JSONL export line; None otherwise.
    """

    path: str
    member: str = ""
    offset: int | None = None

    def key(self) -> str:
        """Return a stable string for this location, unique to it (used for idempotent ingest).

        Different locations never share a key: the path is escaped, each
        member segment is escaped, and a repeated member name is numbered.
        """
        key = escape_key_part(self.path)
        if self.member:
            key += "!" + self.member
        if self.offset is not None:
            key += "@" + str(self.offset)
        return key

    @property
    def readable_path(self) -> str:
        """The path as a database can store and a person can read it (see ``storable_name``)."""
        return storable_name(self.path)

    def __str__(self) -> str:
        return self.key()


@dataclass(frozen=True)
class RawDocument:
    """The bytes of one document exactly as found, with where and when they came from."""

    data: bytes
    location: SourceLocation
    kind: str  # one of KINDS
    url: str | None = None
    captured_at: datetime | None = None  # timezone-aware UTC, from WARC/ARC headers
    declared_encoding: str | None = None  # charset from HTTP headers, if any


@dataclass(frozen=True)
class Rejection:
    """A document or source that could not be taken in, and why.

    ``reason`` is a short stable code counted in summaries ("empty",
    "binary", "corrupt-gzip", "too-large", "zip-bomb", "not-found", ...);
    ``detail`` says it in plain words.
    """

    location: SourceLocation
    reason: str
    detail: str
