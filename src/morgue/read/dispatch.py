"""Routing one stream to the reader for what it holds, recursively through containers."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from morgue.errors import SourceError

from .containers import Member, member_location, read_tar, read_zip
from .document import RawDocument, Rejection, SourceLocation
from .gunzip import GunzipStream, gunzip_head, gzipped_record_by_record
from .jsonl import read_jsonl
from .limits import Budget, ContainerExhausted, read_capped
from .options import ReadOptions
from .sniff import (
    ARC, DOCUMENT_FORMATS, GZIP, JSONL, PROBLEM_FORMATS, TAR, WARC, ZIP, sniff_format, strip_gzip_suffix,
)
from .streams import is_seekable, peek_head
from .warc import read_warc

Item = RawDocument | Rejection


@dataclass(frozen=True)
class Source:
    """One stream to read, with where it came from.

    ``name`` is the file or member name, used when the content alone does
    not say what it is; ``size`` is its length when known before reading
    (a file's stat, a member held in memory), None for a decompressing
    stream; ``depth`` counts the containers and gzip layers around it;
    ``budget`` is shared by everything decompressed from one file on disk.
    """

    stream: BinaryIO
    location: SourceLocation
    name: str
    size: int | None
    budget: Budget
    depth: int = 0


def read_source(source: Source, options: ReadOptions) -> Iterator[Item]:
    """Yield the documents in ``source``, and a Rejection for each thing that cannot be read.

    Never raises for bad data: a problem with the source as a whole ends it
    with one Rejection at its location, after whatever was read before it.
    """
    try:
        yield from _read_source(source, options)
    except ContainerExhausted as e:
        # The budget belongs to the file on disk: give it up there, once.
        if source.depth > 0:
            raise
        yield Rejection(source.location, e.reason, str(e))
    except SourceError as e:
        yield Rejection(source.location, e.reason, str(e))
    except OSError as e:
        yield Rejection(source.location, "unreadable", f"reading failed ({e.strerror or e})")


def _read_source(source: Source, options: ReadOptions) -> Iterator[Item]:
    """Yield the documents in ``source``; raise SourceError for a problem with all of it."""
    # 1. A self-containing archive would nest for ever: stop at a depth.
    if source.depth > options.max_nesting_depth:
        raise SourceError("zip-bomb", f"archives nested more than {options.max_nesting_depth} deep")
    # 2. Look at the first bytes, and decide what the source is.
    head, stream = peek_head(source.stream)
    sniffed = sniff_format(head, source.name)
    fmt = sniffed.format
    if fmt in PROBLEM_FORMATS:
        raise SourceError(fmt, sniffed.detail)
    # 3. One document: check its size before reading it, then keep it whole.
    if fmt in DOCUMENT_FORMATS:
        cap = options.max_document_bytes
        if source.size is not None and source.size > cap:
            raise SourceError("too-large", f"the document is {source.size} bytes, over the limit of {cap}")
        data = read_capped(stream, cap, "the document")
        yield RawDocument(data=data, location=source.location, kind=fmt)
    # 4. Streams of documents.
    elif fmt == JSONL:
        yield from read_jsonl(stream, source.location, options)
    elif fmt in (WARC, ARC):
        yield from read_warc(stream, source.location, options, arc=fmt == ARC)
    # 5. gzip: web archives gzipped record by record go to warcio as they
    #    are (their offsets are offsets in the gzip file); anything else is
    #    decompressed, within the limits, and read again from the top.
    elif fmt == GZIP:
        inner = sniff_format(gunzip_head(head, 64) or b"").format
        if inner in (WARC, ARC) and gzipped_record_by_record(head):
            yield from read_warc(stream, source.location, options, arc=inner == ARC)
        else:
            yield from _read_gunzipped(source, stream, options)
    # 6. Archives: each member is read again from the top, from memory.
    elif fmt == ZIP:
        if not is_seekable(stream):
            # zipfile needs to seek to the central directory at the end.
            stream = io.BytesIO(read_capped(stream, options.max_container_member_bytes, "the zip"))
        yield from _read_members(read_zip(stream, source.location, options, source.budget), source, options)
    elif fmt == TAR:
        yield from _read_members(read_tar(stream, source.location, options), source, options)
    else:
        # sniff_format returns only the formats handled above.
        raise SourceError("unknown-format", f"no reader for {fmt} data")


def _read_gunzipped(source: Source, stream: BinaryIO, options: ReadOptions) -> Iterator[Item]:
    """Yield the documents in the decompressed content of a gzip ``stream``."""
    inflated = GunzipStream(
        stream, options.max_container_total_bytes, options, source.budget, repr(source.name)
    )
    inner = Source(
        stream=io.BufferedReader(inflated, buffer_size=64 * 1024),
        location=source.location,
        name=strip_gzip_suffix(source.name),
        size=None,
        budget=source.budget,
        depth=source.depth + 1,
    )
    # Not read_source: a damaged gzip is a problem of this source, reported once by our caller.
    yield from _read_source(inner, options)


def _read_members(members: Iterator[Member | Rejection], source: Source, options: ReadOptions) -> Iterator[Item]:
    """Yield the documents of each archive member, each read as a source of its own."""
    for member in members:
        if isinstance(member, Rejection):
            yield member
            continue
        yield from read_source(
            Source(
                stream=io.BytesIO(member.data),
                location=member_location(source.location, member.name, member.occurrence),
                name=member.name,
                size=len(member.data),
                budget=source.budget,
                depth=source.depth + 1,
            ),
            options,
        )
