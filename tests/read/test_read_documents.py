"""Single files: HTML, text, NITF, gzip, and the problems a single file can have."""

import gzip
import zlib
from datetime import datetime

from morgue.read.document import RawDocument, Rejection, SourceLocation
from morgue.read.options import MiB, ReadOptions
from morgue.read.sources import read_sources

from .builders import documents, gzip_bytes, page, read_all, reasons, rejections, zip_bytes

NITF = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE nitf SYSTEM "nitf-3-6.dtd">\n'
    b"<nitf><head><title>Council votes</title></head>"
    b"<body><body.head><hedline><hl1>Council votes</hl1></hedline></body.head>"
    b"<body.content><p>The council voted on Tuesday.</p></body.content></body></nitf>\n"
)


def test_html_and_text_files_come_out_byte_for_byte(tmp_path):
    html = page("Flood waters recede")
    text = b"FLOOD WATERS RECEDE\n\nThe river fell two feet overnight.\n"
    (tmp_path / "story.html").write_bytes(html)
    (tmp_path / "scrape.txt").write_bytes(text)

    items = read_all([tmp_path / "story.html", tmp_path / "scrape.txt"])

    assert items == [
        RawDocument(html, SourceLocation(str((tmp_path / "story.html").resolve())), "html"),
        RawDocument(text, SourceLocation(str((tmp_path / "scrape.txt").resolve())), "text"),
    ]


def test_kind_is_decided_by_content_not_name(tmp_path):
    (tmp_path / "saved.txt").write_bytes(page("Saved as text"))
    (tmp_path / "no-extension").write_bytes(page("No extension"))
    (tmp_path / "feed.php").write_bytes(b"\n\n  <html><body>Dynamic page</body></html>")
    (tmp_path / "wire.xml").write_bytes(NITF)
    (tmp_path / "wire-no-name").write_bytes(NITF)

    kinds = {doc.location.path.rsplit("/", 1)[1]: doc.kind for doc in documents(read_all([tmp_path]))}

    assert kinds == {
        "feed.php": "html",
        "no-extension": "html",
        "saved.txt": "html",
        "wire-no-name": "nitf",
        "wire.xml": "nitf",
    }


def test_nitf_bytes_are_kept(tmp_path):
    (tmp_path / "wire.xml").write_bytes(NITF)

    [doc] = read_all([tmp_path / "wire.xml"])

    assert doc.kind == "nitf"
    assert doc.data == NITF


def test_other_xml_and_unknown_text_are_unknown_format(tmp_path):
    (tmp_path / "feed.xml").write_bytes(b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>')
    (tmp_path / "style.css").write_bytes(b"body { color: black }\n")

    items = read_all([tmp_path])

    assert reasons(items) == ["unknown-format", "unknown-format"]
    assert "<rss>" in items[0].detail


def test_text_in_a_legacy_encoding_is_kept_not_rejected(tmp_path):
    latin1 = "Caf\u00e9 owner na\u00efve about the \u00a3 rate".encode("latin-1")
    utf16 = "<html><body>\u00c9lections</body></html>".encode("utf-16")
    (tmp_path / "latin1.txt").write_bytes(latin1)
    (tmp_path / "utf16.html").write_bytes(utf16)

    items = read_all([tmp_path])

    assert [(doc.kind, doc.data) for doc in items] == [("text", latin1), ("html", utf16)]


def test_html_with_no_text_is_still_a_document(tmp_path):
    # Whether a page holds an article is for the extract stage to judge.
    (tmp_path / "blank.html").write_bytes(b"<html><body></body></html>")

    [doc] = read_all([tmp_path])

    assert doc.kind == "html"


def test_empty_file_is_rejected_as_empty(tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "after.html").write_bytes(page("After"))

    items = read_all([tmp_path / "empty.html", tmp_path / "after.html"])

    assert items[0] == Rejection(SourceLocation(str(tmp_path / "empty.html")), "empty", "the file is empty")
    assert documents(items)[0].data == page("After")


def test_binary_junk_is_rejected_as_binary(tmp_path):
    (tmp_path / "nul.html").write_bytes(b"<html>\x00\x00\x00\x01\x02</html>")
    # No NUL at all, but mostly control bytes: still not text.
    (tmp_path / "controls.txt").write_bytes(bytes(range(1, 9)) * 20)

    assert reasons(read_all([tmp_path])) == ["binary", "binary"]


def test_file_over_the_size_limit_is_rejected_before_reading(tmp_path):
    big = tmp_path / "big.html"
    with open(big, "wb") as f:
        f.write(b"<html><body>" + b"<p>Copy.</p>" * 6000)  # a full head of HTML to sniff
        f.truncate(65 * MiB)  # the rest is sparse: costs no disk

    [rejection] = read_all([big])

    assert rejection.reason == "too-large"
    assert str(64 * MiB) in rejection.detail


def test_size_limit_comes_from_the_options(tmp_path):
    (tmp_path / "a.html").write_bytes(page("A", filler=10))

    assert reasons(read_all([tmp_path], max_document_bytes=100)) == ["too-large"]
    assert documents(read_all([tmp_path], max_document_bytes=10_000))[0].data == page("A", filler=10)


def test_gzipped_page_is_decompressed_and_sniffed(tmp_path):
    html = page("Compressed")
    (tmp_path / "page.html.gz").write_bytes(gzip_bytes(html))
    # A text scrape gzipped, its name saying nothing of what it holds.
    (tmp_path / "scrape.gz").write_bytes(gzip_bytes(b"Just the words of the story.\n"))

    items = read_all([tmp_path])

    assert [(doc.kind, doc.data) for doc in items] == [
        ("html", html),
        ("text", b"Just the words of the story.\n"),
    ]
    assert items[0].location == SourceLocation(str((tmp_path / "page.html.gz").resolve()))


def test_multi_member_gzip_is_read_to_the_end(tmp_path):
    (tmp_path / "joined.html.gz").write_bytes(gzip_bytes(b"<html><body>one ") + gzip_bytes(b"two</body></html>"))

    [doc] = read_all([tmp_path])

    assert doc.data == b"<html><body>one two</body></html>"


def test_truncated_gzip_is_corrupt_gzip(tmp_path):
    whole = gzip_bytes(page("Cut short", filler=200))
    (tmp_path / "cut.html.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "z-fine.html").write_bytes(page("Fine"))

    items = read_all([tmp_path])

    assert reasons(items) == ["corrupt-gzip"]
    assert "truncated" in items[0].detail
    assert documents(items)[0].data == page("Fine")


def test_gzip_with_bad_checksum_is_corrupt_gzip(tmp_path):
    data = bytearray(gzip_bytes(page("Checksum")))
    data[-8] ^= 0xFF  # the CRC-32 in the gzip trailer
    (tmp_path / "bad.html.gz").write_bytes(bytes(data))

    assert reasons(read_all([tmp_path])) == ["corrupt-gzip"]


def test_junk_named_gz_is_corrupt_gzip(tmp_path):
    (tmp_path / "junk.gz").write_bytes(b"\x00\x01\x02\x03" * 10)

    assert reasons(read_all([tmp_path])) == ["corrupt-gzip"]


def test_gzip_bomb_is_stopped_by_ratio(tmp_path):
    # 64 MiB of spaces in a page deflate to about 64 KiB: a ratio near 1000.
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    spaces = b" " * MiB
    bomb = (
        compressor.compress(b"<html><body>")
        + b"".join(compressor.compress(spaces) for _ in range(64))
        + compressor.flush()
    )
    (tmp_path / "bomb.html.gz").write_bytes(bomb)

    [rejection] = read_all([tmp_path])

    assert rejection.reason == "zip-bomb"
    assert "expands" in rejection.detail


def test_gzip_over_the_document_limit_at_a_plain_ratio_is_too_large(tmp_path):
    html = page("Long", filler=2000)
    (tmp_path / "long.html.gz").write_bytes(gzip.compress(html))

    [rejection] = read_all([tmp_path], max_document_bytes=len(html) - 1)

    assert rejection.reason == "too-large"


def test_html_named_file_that_is_a_zip_is_read_as_a_zip(tmp_path):
    (tmp_path / "story.html").write_bytes(zip_bytes({"inner.html": page("Inner")}))

    [doc] = read_all([tmp_path])

    assert doc.data == page("Inner")
    assert doc.location.member == "inner.html"


def test_every_problem_is_a_rejection_and_the_run_goes_on(tmp_path):
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-junk.bin").write_bytes(b"\x00" * 100)
    (tmp_path / "c-good.html").write_bytes(page("Good"))
    (tmp_path / "d-cut.gz").write_bytes(gzip_bytes(page("x", filler=100))[:50])
    (tmp_path / "e-good.txt").write_bytes(b"Also good.")

    items = list(read_sources([tmp_path, tmp_path / "missing.html"]))

    assert [type(item).__name__ for item in items] == [
        "Rejection", "Rejection", "RawDocument", "Rejection", "RawDocument", "Rejection",
    ]
    assert reasons(items) == ["empty", "binary", "corrupt-gzip", "not-found"]
    assert all(rejection.detail for rejection in rejections(items))


def test_default_options_match_the_documented_limits():
    options = ReadOptions()

    assert options.max_document_bytes == 64 * MiB
    assert options.max_container_member_bytes == 64 * MiB
    assert options.max_compression_ratio == 100
    assert options.max_container_total_bytes == 4 * 1024 * MiB
    assert options.skip_hidden is True


def test_captured_at_is_none_outside_web_archives(tmp_path):
    (tmp_path / "a.html").write_bytes(page("A"))

    [doc] = read_all([tmp_path])

    assert doc.captured_at is None and doc.url is None and doc.declared_encoding is None
    assert not isinstance(doc.captured_at, datetime)
