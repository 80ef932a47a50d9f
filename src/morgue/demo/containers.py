"""Write pages into sources/: plain files, a zip, a WARC, a JSONL export.

Every writer is deterministic (no wall clock, no random ids of its own) and
streams: it keeps one open container at a time and starts the next part after
``per_part`` entries, so a million-article run never holds much in memory.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from datetime import datetime
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .sites import container_name


class Folder:
    """Writes files under a root folder, creating folders as needed."""

    def __init__(self, root: Path):
        self.root = root
        self.made: set[Path] = set()
        self.files = 0

    def write(self, relative: str, data: bytes) -> None:
        """Write ``data`` to ``root/relative``."""
        path = self.root / relative
        if path.parent not in self.made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(path.parent)
        with open(path, "wb") as out:
            out.write(data)
        self.files += 1

    def close(self) -> None:
        """Nothing to close: files are written whole."""


class _Parts:
    """Numbering of a container split every ``per_part`` entries."""

    def __init__(self, root: Path, base: str, suffix: str, per_part: int):
        self.root, self.base, self.suffix, self.per_part = root, base, suffix, per_part
        self.entries = 0
        self.files = 0

    @property
    def part(self) -> int:
        """Return the 1-based number of the part the next entry goes into."""
        return self.entries // self.per_part + 1

    def path(self) -> Path:
        """Return the file of the current part."""
        return self.root / container_name(self.base, self.part, self.suffix)


class ZipWriter(_Parts):
    """Writes members into split zip files with fixed timestamps and attributes."""

    def __init__(self, root: Path, base: str, per_part: int):
        super().__init__(root, base, ".zip", per_part)
        self.zip: zipfile.ZipFile | None = None
        self.open_part = 0

    def write(self, member: str, data: bytes, when: datetime) -> None:
        """Add one member; ``when`` is its timestamp (the crawl time, not the clock)."""
        if self.open_part != self.part:
            self.close()
            self.zip = zipfile.ZipFile(self.path(), "w", zipfile.ZIP_DEFLATED)
            self.open_part = self.part
            self.files += 1
        info = zipfile.ZipInfo(member, date_time=(max(when.year, 1980), when.month, when.day,
                                                  when.hour, when.minute, when.second))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3  # Unix, whatever machine writes it
        info.external_attr = 0o644 << 16
        self.zip.writestr(info, data)
        self.entries += 1

    def close(self) -> None:
        """Finish the open zip file, if any."""
        if self.zip is not None:
            self.zip.close()
            self.zip = None


class JsonlWriter(_Parts):
    """Writes one JSON document per line into split .jsonl files."""

    def __init__(self, root: Path, base: str, per_part: int):
        super().__init__(root, base, ".jsonl", per_part)
        self.out: io.BufferedWriter | None = None
        self.open_part = 0

    def write(self, line: bytes) -> int:
        """Append one line (UTF-8, no newline); return its 1-based line number in its file."""
        if self.open_part != self.part:
            self.close()
            self.out = open(self.path(), "wb")
            self.open_part = self.part
            self.files += 1
        self.out.write(line + b"\n")
        self.entries += 1
        return (self.entries - 1) % self.per_part + 1

    def close(self) -> None:
        """Close the open file, if any."""
        if self.out is not None:
            self.out.close()
            self.out = None


def _warc_date(when: datetime) -> str:
    return f"{when:%Y-%m-%dT%H:%M:%SZ}"


class WarcWriter(_Parts):
    """Appends gzipped record pairs (from ``capture_records``) into split .warc.gz files.

    Each gzipped record is a gzip member of its own, so pairs made elsewhere (in
    a worker process) can be appended as bytes; each part opens with a warcinfo
    record whose id and date derive from its name and first capture.
    """

    def __init__(self, root: Path, base: str, per_part: int):
        super().__init__(root, base, ".warc.gz", per_part)
        self.out: io.BufferedWriter | None = None
        self.open_part = 0

    def _start(self, when: datetime) -> None:
        self.close()
        path = self.path()
        self.out = open(path, "wb")
        self.open_part = self.part
        self.files += 1
        info = (b"software: morgue demo generator\r\nformat: WARC File Format 1.0\r\n"
                b"description: synthetic capture of The Valley Evening Post\r\n")
        record_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{path.name} {_warc_date(when)}")
        writer = WARCWriter(self.out, gzip=True)
        record = writer.create_warc_record(
            "", "warcinfo", payload=io.BytesIO(info), length=len(info),
            warc_headers_dict={"WARC-Record-ID": f"<urn:uuid:{record_id}>",
                               "WARC-Date": _warc_date(when), "WARC-Filename": path.name})
        writer.write_record(record)

    def write(self, records: bytes, when: datetime) -> int:
        """Append one capture's records; return the byte offset of its response record."""
        if self.open_part != self.part:
            self._start(when)
        offset = self.out.tell()
        self.out.write(records)
        self.entries += 1
        return offset

    def close(self) -> None:
        """Close the open WARC file, if any."""
        if self.out is not None:
            self.out.close()
            self.out = None


def capture_records(url: str, body: bytes, when: datetime, headers: list[tuple[str, str]],
                    request_headers: list[tuple[str, str]], bits: tuple[int, int]) -> bytes:
    """Return a gzipped WARC response record and its request record, written by warcio.

    ``bits`` are two 128-bit random numbers for the record ids; the WARC-Date is
    the capture time, so the same capture always gives the same bytes.
    """
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    response_id, request_id = _record_id(bits[0]), _record_id(bits[1])
    response = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), length=len(body),
        http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
        warc_headers_dict={"WARC-Record-ID": response_id, "WARC-Date": _warc_date(when)})
    path = "/" + url.split("/", 3)[3]
    request = writer.create_warc_record(
        url, "request",
        http_headers=StatusAndHeaders(f"GET {path} HTTP/1.1", request_headers,
                                      is_http_request=True),
        warc_headers_dict={"WARC-Record-ID": request_id, "WARC-Date": _warc_date(when),
                           "WARC-Concurrent-To": response_id})
    writer.write_record(response)
    writer.write_record(request)
    return buffer.getvalue()


def _record_id(bits: int) -> str:
    return f"<urn:uuid:{uuid.UUID(int=bits, version=4)}>"
