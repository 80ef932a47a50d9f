"""Small archives built in the tests themselves: WARC, ARC, zip, tar, gzip."""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from morgue.read.document import RawDocument, Rejection
from morgue.read.options import ReadOptions
from morgue.read.sources import read_sources


def read_all(paths, **limits) -> list[RawDocument | Rejection]:
    """Return everything read_sources yields for ``paths``, with ReadOptions(**limits)."""
    return list(read_sources(paths, ReadOptions(**limits)))


def documents(items) -> list[RawDocument]:
    """Return the RawDocuments among ``items``."""
    return [item for item in items if isinstance(item, RawDocument)]


def rejections(items) -> list[Rejection]:
    """Return the Rejections among ``items``."""
    return [item for item in items if isinstance(item, Rejection)]


def reasons(items) -> list[str]:
    """Return the reason codes of the Rejections among ``items``, in order."""
    return [item.reason for item in rejections(items)]


def member_outcomes(items) -> list[tuple[str | None, str]]:
    """Return (container member, reason code or "doc") for each of ``items``, in order."""
    return [(item.location.member, getattr(item, "reason", "doc")) for item in items]


def page(title: str, filler: int = 0) -> bytes:
    """Return a small HTML page whose text names ``title``."""
    padding = ("<p>" + "Copy for the late edition. " * filler + "</p>") if filler else ""
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><h1>{title}</h1><p>Reported by our staff.</p>{padding}</body></html>"
    ).encode()


@dataclass
class Record:
    """One record to write into a test WARC."""

    type: str = "response"
    url: str = "http://news.example/story.html"
    payload: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    status: str = "200 OK"
    date: str = "2024-03-05T06:07:08Z"
    http_headers: list[tuple[str, str]] = field(default_factory=list)


def write_warc(path: Path, records: list[Record], compress: bool = False) -> list[int]:
    """Write ``records`` as a WARC at ``path``; return the byte offset each record starts at."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    offsets = []
    for spec in records:
        offsets.append(buffer.tell())
        writer.write_record(_warc_record(writer, spec))
    path.write_bytes(buffer.getvalue())
    return offsets


def _warc_record(writer: WARCWriter, spec: Record):
    warc_headers = {"WARC-Date": spec.date}
    if spec.type == "warcinfo":
        return writer.create_warcinfo_record("test.warc", {"software": "morgue tests"})
    if spec.type == "request":
        http = StatusAndHeaders("GET /story.html HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        return writer.create_warc_record(spec.url, "request", http_headers=http, warc_headers_dict=warc_headers)
    if spec.type == "metadata":
        return writer.create_warc_record(
            spec.url, "metadata", payload=io.BytesIO(spec.payload),
            warc_content_type="application/warc-fields", warc_headers_dict=warc_headers,
        )
    if spec.type == "revisit":
        http = StatusAndHeaders(spec.status, [("Content-Type", "text/html")], protocol="HTTP/1.1")
        return writer.create_revisit_record(
            spec.url, "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", spec.url, spec.date, http_headers=http
        )
    headers = list(spec.http_headers)
    if spec.content_type is not None:
        headers.insert(0, ("Content-Type", spec.content_type))
    http = StatusAndHeaders(spec.status, headers, protocol="HTTP/1.1")
    return writer.create_warc_record(
        spec.url, "response", payload=io.BytesIO(spec.payload), http_headers=http,
        warc_headers_dict=warc_headers,
    )


def arc_bytes(entries: list[tuple[str, str, bytes]]) -> tuple[bytes, list[int]]:
    """Return an ARC (version 1) file of (url, 14-digit date, HTTP response) entries, and their offsets."""
    body = b"1 0 morgue-tests\nURL IP-address Archive-date Content-type Archive-length\n"
    out = b"filedesc://test.arc 0.0.0.0 20240101000000 text/plain %d\n" % len(body) + body + b"\n"
    offsets = []
    for url, date, response in entries:
        offsets.append(len(out))
        out += f"{url} 192.0.2.1 {date} text/html {len(response)}\n".encode() + response + b"\n"
    return out, offsets


def http_response(body: bytes, content_type: str = "text/html; charset=iso-8859-1") -> bytes:
    """Return the bytes of an HTTP/1.0 200 response carrying ``body``."""
    return (
        f"HTTP/1.0 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """Return a zip archive holding ``members`` (name -> bytes), in order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def tar_bytes(members: dict[str, bytes], compression: str = "") -> bytes:
    """Return a tar archive holding ``members``; ``compression`` "gz" gzips it."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:" + compression) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1_700_000_000
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def gzip_bytes(data: bytes) -> bytes:
    """Return ``data`` gzip-compressed, with a fixed time so the bytes are stable."""
    return gzip.compress(data, mtime=0)
