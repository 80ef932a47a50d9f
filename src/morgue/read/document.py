"""Plain data that the readers yield: raw documents and rejections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# What kind of document the bytes are, decided by content as well as by name.
KINDS = ("html", "text", "nitf", "jsonl")


@dataclass(frozen=True)
class SourceLocation:
    """Where a raw document was found: a file, a member of a container, a record offset.

    ``path`` is the file on disk (absolute). ``member`` names the member inside a
    zip/tar ("" when none); nested containers join members with "!".
    ``offset`` is the byte offset of a WARC/ARC record, or the line number
    (1-based) of a JSONL export line; None otherwise.
    """

    path: str
    member: str = ""
    offset: int | None = None

    def key(self) -> str:
        """Return a stable, unique string for this location (used for idempotent ingest)."""
        key = self.path
        if self.member:
            key += "!" + self.member
        if self.offset is not None:
            key += "@" + str(self.offset)
        return key

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
