"""Open any page of a demo archive from its truth record."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator


def read_page(sources: Path, record: dict) -> bytes:
    """Return the bytes of the page a truth record points at, however it was stored."""
    source = record["source"]
    path = sources / source["path"]
    if record["format"] == "zip":
        with zipfile.ZipFile(path) as archive:
            return archive.read(source["member"])
    if record["format"] == "jsonl":
        with open(path, "rb") as lines:
            return lines.read().split(b"\n")[source["offset"] - 1]
    if record["format"] == "warc":
        with open(path, "rb") as stream:
            stream.seek(source["offset"])
            warc_record = next(iter(ArchiveIterator(io.BytesIO(stream.read(1 << 20)))))
            assert warc_record.rec_type == "response"
            assert warc_record.rec_headers.get_header("WARC-Target-URI") == record["url"]
            return warc_record.content_stream().read()
    return path.read_bytes()
