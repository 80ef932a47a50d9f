"""Reading WARC and ARC web archives: one RawDocument per HTTP response record."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timezone
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator

from morgue.errors import SourceError

from .document import RawDocument, Rejection, SourceLocation
from .limits import CountingReader, read_capped
from .options import ReadOptions
from .sniff import DOCUMENT_FORMATS, PROBLEM_FORMATS, sniff_format

# Payloads that are never documents, when the server says so in its
# Content-Type; anything else is sniffed like a file would be.
_NOT_DOCUMENT_TYPES = re.compile(
    r"^\s*(image/|audio/|video/|font/|text/css\b|(text|application)/(x-)?(javascript|ecmascript)\b"
    r"|application/(font|x-font)-)",
    re.IGNORECASE,
)
_NOT_DOCUMENT_SCHEMES = ("dns:", "whois:", "ntp:")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)


def read_warc(
    stream: BinaryIO, location: SourceLocation, options: ReadOptions, arc: bool = False
) -> Iterator[RawDocument | Rejection]:
    """Yield what ``_read_records`` finds; a crawl in which it finds nothing is itself a "no-pages" Rejection.

    A WARC holding only requests, metadata or redirects (or cut before its
    first record) is then accounted for, never silently skipped.
    """
    found = False
    for item in _read_records(stream, location, options, arc):
        found = True
        yield item
    if not found:
        kind = "ARC" if arc else "WARC"
        yield Rejection(location, "no-pages", f"the {kind} file holds no page responses (only other records, or none)")


def _read_records(
    stream: BinaryIO, location: SourceLocation, options: ReadOptions, arc: bool = False
) -> Iterator[RawDocument | Rejection]:
    """Yield a RawDocument for each HTTP response in a WARC (or, with ``arc``, ARC) stream, gzipped or not.

    Each document's location.offset is its record's byte offset in the
    file (for an archive gzipped whole rather than record by record, in the
    decompressed stream). Requests, metadata, warcinfo and revisit records are skipped, and
    so are redirects, DNS lookups, and responses whose Content-Type says
    image, audio, video, font, CSS or JavaScript; 4xx and 5xx answers are
    "http-error" Rejections. A damaged or truncated record ends the
    file with a "corrupt-warc" Rejection at its offset; documents read
    before it are kept.
    """
    counter = CountingReader(stream)
    # arc2warc only for ARC: it also makes warcio try the lenient ARC parser
    # on every record, which would take a damaged WARC line for a record.
    records = ArchiveIterator(counter, arc2warc=arc)
    try:
        for record in records:
            # records.offset is where this record began (warcio sets it once
            # the previous record has been read to its end).
            start = records.offset
            if record.rec_type != "response":
                _skip_record(record, records, location)
                continue
            try:
                yield from _read_response(record, records, location, options)
            except Exception as e:  # warcio raises many kinds; see _problem
                yield Rejection(replace(location, offset=start), "corrupt-warc", _problem(e))
                return
        # warcio stops quietly when a gzip member is cut short; bytes read
        # beyond the end of the last whole record mean the file was truncated.
        if counter.count > records.offset:
            raise SourceError("corrupt-warc", "the archive ends part-way through a record (truncated)")
    except OSError:
        raise  # the disk, not the archive: reported as "unreadable" by the caller
    except Exception as e:  # a record that could not even be parsed
        # warcio's offset goes wrong (even negative) on some damage; then say none.
        offset = records.offset if records.offset >= 0 else None
        yield Rejection(replace(location, offset=offset), "corrupt-warc", _problem(e))


def _skip_record(record, records: ArchiveIterator, location: SourceLocation) -> None:
    """Read past a record that is not a response; raise SourceError if it is cut short.

    An ARC whose version block is truncated, or a WARC cut inside its
    warcinfo, otherwise ends with no document and no word of the damage.
    """
    while record.raw_stream.read(1 << 16):
        pass
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise SourceError("corrupt-warc", f"the {record.rec_type} record at byte {records.offset} is shorter "
                                          "than its Content-Length (truncated)")


def _read_response(record, records: ArchiveIterator, location: SourceLocation, options: ReadOptions):
    """Yield the document (or rejection) of one response record; raise SourceError if it is truncated."""
    http = record.http_headers
    status = http.get_statuscode() if http is not None else ""
    content_type = (http.get_header("Content-Type") if http is not None else None) or ""
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    wanted = (
        not status.startswith(("1", "3"))  # interim answers and redirects carry no page
        and not _NOT_DOCUMENT_TYPES.match(content_type)
        and not url.startswith(_NOT_DOCUMENT_SCHEMES)  # a crawler's DNS lookups
    )
    problem = None
    data = b""
    if wanted:
        try:
            # content_stream() undoes chunked transfer and Content-Encoding.
            data = read_capped(record.content_stream(), options.max_document_bytes, "the record's payload")
        except SourceError as e:
            problem = e
    # get_record_offset() reads the rest of the record, so it comes after the payload.
    where = replace(location, offset=records.get_record_offset())
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise SourceError("corrupt-warc", "the record is shorter than its Content-Length (truncated)")
    if not wanted:
        return
    if problem is not None:
        yield Rejection(where, problem.reason, str(problem))
        return
    if status.startswith(("4", "5")):
        yield Rejection(where, "http-error", f"the server answered {http.statusline.strip()}, not a page")
        return
    sniffed = sniff_format(data[:65536])
    if sniffed.format in PROBLEM_FORMATS:
        detail = "the payload is empty" if sniffed.format == "empty" else f"the payload is {sniffed.detail}"
        yield Rejection(where, sniffed.format, detail)
        return
    if sniffed.format not in DOCUMENT_FORMATS:
        yield Rejection(where, "unknown-format", f"the payload is {sniffed.format} data, not a page")
        return
    match = _CHARSET.search(content_type)
    yield RawDocument(
        data=data,
        location=where,
        kind=sniffed.format,
        url=url or None,
        captured_at=parse_warc_date(record.rec_headers.get_header("WARC-Date")),
        declared_encoding=match.group(1).lower() if match else None,
    )


def parse_warc_date(value: str | None) -> datetime | None:
    """Return a WARC-Date ("2024-01-02T03:04:05Z") as an aware UTC datetime, or None if unreadable."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        # WARC 1.1 section 5.4: WARC-Date is always UTC.
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _problem(error: Exception) -> str:
    """Return a one-line plain account of a WARC reading error.

    warcio raises ArchiveLoadFailed, ValueError, zlib.error and others, with
    messages that run to many lines; ours are already plain words.
    """
    if isinstance(error, SourceError):
        return str(error)
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    message = lines[0][:200] if lines else "no message"
    return f"a record could not be read ({type(error).__name__}: {message})"
