"""WARC and ARC web archives: response payloads, their URLs, dates, charsets and offsets."""

import gzip
from datetime import datetime, timezone

import pytest

from morgue.read.document import RawDocument, SourceLocation
from morgue.read.warc import parse_warc_date

from .builders import (
    Record, arc_bytes, documents, http_response, page, read_all, reasons, rejections, tar_bytes, write_warc,
)


def _crawl() -> list[Record]:
    """A small crawl: every kind of record, two pages worth keeping."""
    return [
        Record(type="warcinfo"),
        Record(type="request"),
        Record(url="http://news.example/one.html", payload=page("One"), date="2024-03-05T06:07:08Z"),
        Record(type="metadata", payload=b"outlink: http://news.example/two.html\r\n"),
        Record(url="http://news.example/logo.png", payload=b"\x89PNG\r\n\x1a\n\x00\x00", content_type="image/png"),
        Record(url="http://news.example/site.css", payload=b"body{}", content_type="text/css"),
        Record(url="http://news.example/app.js", payload=b"var a;", content_type="application/javascript"),
        Record(type="revisit", url="http://news.example/one.html"),
        Record(url="dns:news.example", payload=b"20240305060708\nnews.example. 300 IN A 192.0.2.1\n", content_type=None),
        Record(
            url="http://news.example/two.html",
            payload=page("Two").replace(b"utf-8", b"windows-1252"),
            content_type='text/html; charset="Windows-1252"',
            date="2024-03-06T23:59:59.123456Z",
        ),
    ]


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_responses_become_documents_and_the_rest_is_skipped(tmp_path, compress):
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    offsets = write_warc(path, _crawl(), compress=compress)

    items = read_all([path])

    assert items == [
        RawDocument(
            data=page("One"),
            location=SourceLocation(str(path), offset=offsets[2]),
            kind="html",
            url="http://news.example/one.html",
            captured_at=datetime(2024, 3, 5, 6, 7, 8, tzinfo=timezone.utc),
            declared_encoding="utf-8",
        ),
        RawDocument(
            data=page("Two").replace(b"utf-8", b"windows-1252"),
            location=SourceLocation(str(path), offset=offsets[9]),
            kind="html",
            url="http://news.example/two.html",
            captured_at=datetime(2024, 3, 6, 23, 59, 59, 123456, tzinfo=timezone.utc),
            declared_encoding="windows-1252",
        ),
    ]
    assert offsets[2] > 0 and offsets[9] > offsets[2]


def test_payload_is_dechunked_and_decoded(tmp_path):
    body = page("Chunked")
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    zipped = page("Zipped")
    path = tmp_path / "crawl.warc"
    write_warc(path, [
        Record(url="http://news.example/c", payload=chunked, http_headers=[("Transfer-Encoding", "chunked")]),
        Record(url="http://news.example/z", payload=gzip.compress(zipped), http_headers=[("Content-Encoding", "gzip")]),
    ])

    assert [doc.data for doc in read_all([path])] == [body, zipped]


def test_payloads_are_sniffed_when_the_type_does_not_rule_them_out(tmp_path):
    path = tmp_path / "crawl.warc"
    write_warc(path, [
        Record(url="http://news.example/a", payload=b"Plain words of a story.", content_type="text/plain"),
        Record(url="http://news.example/b", payload=page("Mislabelled"), content_type="application/octet-stream"),
        Record(url="http://news.example/c", payload=b"%PDF-1.4\n\x00\x01\x02\x03", content_type="application/pdf"),
        Record(url="http://news.example/d", payload=b"", content_type="text/html"),
        Record(url="http://news.example/e", payload=page("No type"), content_type=None),
    ])

    items = read_all([path])

    assert [(item.url, item.kind) for item in documents(items)] == [
        ("http://news.example/a", "text"),
        ("http://news.example/b", "html"),
        ("http://news.example/e", "html"),
    ]
    assert reasons(items) == ["binary", "empty"]
    assert documents(items)[2].declared_encoding is None


def test_redirects_are_skipped_and_error_pages_rejected(tmp_path):
    path = tmp_path / "crawl.warc"
    offsets = write_warc(path, [
        Record(url="http://news.example/old", status="301 Moved Permanently", payload=b"<a href=/new>moved</a>"),
        Record(url="http://news.example/gone", status="404 Not Found", payload=page("Not found")),
        Record(url="http://news.example/new", payload=page("New")),
    ])

    items = read_all([path])

    assert [type(item).__name__ for item in items] == ["Rejection", "RawDocument"]
    assert items[0].reason == "http-error"
    assert items[0].location.offset == offsets[1]
    assert "404" in items[0].detail
    assert items[1].url == "http://news.example/new"


def test_arc_files_are_read_as_responses(tmp_path):
    body_a = "<html><body>Caf\u00e9 opens</body></html>".encode("latin-1")
    body_b = page("Second")
    data, offsets = arc_bytes([
        ("http://news.example/a.html", "20240102030405", http_response(body_a)),
        ("http://news.example/b.html", "19991231235959", http_response(body_b, "text/html")),
    ])
    (tmp_path / "old.arc").write_bytes(data)
    (tmp_path / "old.arc.gz").write_bytes(gzip.compress(data))

    plain = read_all([tmp_path / "old.arc"])
    # Gzipped whole, not record by record: read from the decompressed stream.
    whole_gzip = read_all([tmp_path / "old.arc.gz"])

    assert plain == [
        RawDocument(
            data=body_a,
            location=SourceLocation(str(tmp_path / "old.arc"), offset=offsets[0]),
            kind="html",
            url="http://news.example/a.html",
            captured_at=datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
            declared_encoding="iso-8859-1",
        ),
        RawDocument(
            data=body_b,
            location=SourceLocation(str(tmp_path / "old.arc"), offset=offsets[1]),
            kind="html",
            url="http://news.example/b.html",
            captured_at=datetime(1999, 12, 31, 23, 59, 59, tzinfo=timezone.utc),
            declared_encoding=None,
        ),
    ]
    assert [(doc.data, doc.url, doc.location.offset) for doc in whole_gzip] == [
        (doc.data, doc.url, doc.location.offset) for doc in plain
    ]


def test_warc_gzipped_whole_is_read_from_the_decompressed_stream(tmp_path):
    plain = tmp_path / "crawl.warc"
    offsets = write_warc(plain, [Record(type="warcinfo"), Record(payload=page("A")), Record(payload=page("B"))])
    (tmp_path / "whole.warc.gz").write_bytes(gzip.compress(plain.read_bytes()))

    items = read_all([tmp_path / "whole.warc.gz"])

    assert [(doc.data, doc.location.offset) for doc in items] == [(page("A"), offsets[1]), (page("B"), offsets[2])]


def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path):
    records = [Record(url=f"http://news.example/{i}", payload=page(str(i), filler=20)) for i in range(3)]
    whole = tmp_path / "whole.warc"
    offsets = write_warc(whole, records)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole.read_bytes()[: offsets[2] + 600])

    items = read_all([cut])

    assert [doc.url for doc in documents(items)] == ["http://news.example/0", "http://news.example/1"]
    [rejection] = rejections(items)
    assert rejection.reason == "corrupt-warc"
    assert rejection.location == SourceLocation(str(cut), offset=offsets[2])
    assert "truncated" in rejection.detail


def test_truncated_warc_gz_keeps_the_records_before_the_cut(tmp_path):
    records = [Record(url=f"http://news.example/{i}", payload=page(str(i), filler=20)) for i in range(3)]
    whole = tmp_path / "whole.warc.gz"
    offsets = write_warc(whole, records, compress=True)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[: offsets[2] + 40])

    items = read_all([cut])

    assert [doc.url for doc in documents(items)] == ["http://news.example/0", "http://news.example/1"]
    assert [(r.reason, r.location.offset) for r in rejections(items)] == [("corrupt-warc", offsets[2])]


def test_corrupt_record_header_ends_the_file_with_corrupt_warc(tmp_path):
    records = [Record(url=f"http://news.example/{i}", payload=page(str(i))) for i in range(3)]
    path = tmp_path / "bad.warc"
    offsets = write_warc(path, records)
    data = bytearray(path.read_bytes())
    data[offsets[1]: offsets[1] + 8] = b"GARBAGE!"  # the "WARC/1.0" line of the second record
    path.write_bytes(bytes(data))
    (tmp_path / "z-next.html").write_bytes(page("Next file"))

    items = read_all([tmp_path])

    assert [type(item).__name__ for item in items] == ["RawDocument", "Rejection", "RawDocument"]
    assert items[1].reason == "corrupt-warc"
    assert items[1].location == SourceLocation(str(path), offset=offsets[1])
    assert items[2].data == page("Next file")


def test_junk_named_warc_is_corrupt_warc(tmp_path):
    (tmp_path / "junk.warc").write_bytes(b"this is not a web archive\n" * 3)

    assert reasons(read_all([tmp_path])) == ["corrupt-warc"]


def test_oversized_payload_is_rejected_and_the_next_record_read(tmp_path):
    path = tmp_path / "crawl.warc"
    offsets = write_warc(path, [
        Record(url="http://news.example/big", payload=page("Big", filler=100)),
        Record(url="http://news.example/small", payload=page("Small")),
    ])

    items = read_all([path], max_document_bytes=len(page("Small")) + 10)

    assert [(item.reason, item.location.offset) for item in rejections(items)] == [("too-large", offsets[0])]
    assert [doc.url for doc in documents(items)] == ["http://news.example/small"]


def test_warc_inside_a_tar_is_located_by_member_and_offset(tmp_path):
    warc = tmp_path / "inner.warc.gz"
    offsets = write_warc(warc, [Record(type="warcinfo"), Record(payload=page("Inner"))], compress=True)
    (tmp_path / "bundle.tar").write_bytes(tar_bytes({"crawls/inner.warc.gz": warc.read_bytes()}))

    [doc] = read_all([tmp_path / "bundle.tar"])

    assert doc.location == SourceLocation(str(tmp_path / "bundle.tar"), "crawls/inner.warc.gz", offsets[1])
    assert doc.data == page("Inner")


def test_warc_dates_are_aware_utc():
    assert parse_warc_date("2024-03-05T06:07:08Z") == datetime(2024, 3, 5, 6, 7, 8, tzinfo=timezone.utc)
    assert parse_warc_date("2024-03-05T08:07:08+02:00") == datetime(2024, 3, 5, 6, 7, 8, tzinfo=timezone.utc)
    assert parse_warc_date("2024-03-05T06:07:08").tzinfo is timezone.utc
    assert parse_warc_date("yesterday") is None
    assert parse_warc_date(None) is None
