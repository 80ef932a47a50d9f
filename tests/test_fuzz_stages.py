"""hypothesis against every reader and stage: whatever the bytes, each document is an article or a rejection.

Random bytes under every name the readers know, valid containers and crawls with bytes flipped or cut,
and tag soup: no exception may escape reading, extraction or the audit's checks.
"""

import gzip
import io
import json
import tarfile
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from morgue.audit import find_defects
from morgue.pipeline import process_document
from morgue.read.document import RawDocument, Rejection
from morgue.read.sources import read_sources

NAMES = ["page.html", "scrape.txt", "crawl.warc", "crawl.warc.gz", "old.arc", "export.jsonl", "wire.xml", "pack.zip",
         "pack.tar", "pack.tar.gz", "noname"]
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def page(n: int) -> bytes:
    return (f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
            f"<p>The council met on Tuesday to hear the harbour board, and residents spoke for an hour.</p>"
            f"<p>A second paragraph of the story, long enough to be an article body.</p></article></body></html>").encode()


def warc() -> bytes:
    out = b""
    for n in range(2):
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page(n)
        out += (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.com/{n}\r\n"
                f"WARC-Date: 2008-08-28T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:0000000{n}-0000-0000-0000-000000000000>\r\n"
                f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode() + http + b"\r\n\r\n"
    return out


def zipped() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n in range(3):
            z.writestr(f"s{n}.html", page(n))
    return buf.getvalue()


def tarred(mode="w") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as t:
        for n in range(3):
            info = tarfile.TarInfo(f"s{n}.html")
            info.size = len(page(n))
            t.addfile(info, io.BytesIO(page(n)))
    return buf.getvalue()


VALID = {
    "crawl.warc": warc(), "crawl.warc.gz": gzip.compress(warc()), "pack.zip": zipped(), "pack.tar": tarred(),
    "pack.tar.gz": tarred("w:gz"), "page.html": page(1),
    "export.jsonl": "\n".join(json.dumps({"headline": f"H{n}", "body": "A body long enough to be kept as an article."})
                              for n in range(3)).encode(),
    "wire.xml": b"<?xml version='1.0'?><nitf><body><body.head><hedline><hl1>Wire</hl1></hedline></body.head>"
                b"<body.content><p>A wire story long enough to be a body of an article.</p></body.content></body></nitf>",
}


def every_outcome(name: str, data: bytes) -> list:
    """Read ``data`` saved as ``name`` and run every stage on what is read; return the outcomes."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        outcomes = []
        for item in read_sources([path]):
            assert isinstance(item, (RawDocument, Rejection)), item
            if isinstance(item, Rejection):
                assert item.reason
                outcomes.append(item.reason)
                continue
            processed = process_document(item)
            assert processed.packed.size == len(item.data)
            assert processed.article is not None or processed.reason, processed
            if processed.article is not None:
                find_defects(processed.article)
            outcomes.append(processed.reason or "article")
        assert outcomes, "nothing was accounted for"
        return outcomes


@FUZZ
@given(name=st.sampled_from(NAMES), data=st.binary(max_size=4096))
def test_random_bytes_under_every_name(name, data):
    every_outcome(name, data)


@FUZZ
@given(name=st.sampled_from(sorted(VALID)), data=st.data())
def test_valid_files_with_bytes_flipped_or_cut(name, data):
    original = bytearray(VALID[name])
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(original) - 1), st.integers(0, 255)), max_size=8))
    for at, value in flips:
        original[at] = value
    cut = data.draw(st.integers(1, len(original)))
    every_outcome(name, bytes(original[:cut]))


TAGS = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<script>", "</script>", "<!--", "-->",
                        "<table><tr><td>", "</td></tr></table>", "<br>", "&amp;", "&#0;", "&#xD800;", "<![CDATA[",
                        "<meta charset='utf-16'>", "<article>", "</article>", "<time datetime='2999-01-01'>"])


@FUZZ
@given(st.lists(st.one_of(TAGS, st.text(max_size=80)), max_size=60))
def test_tag_soup(parts):
    every_outcome("page.html", "".join(parts).encode("utf-8", "surrogatepass"))
