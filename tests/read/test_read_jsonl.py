"""JSONL exports: one document per line, bad lines rejected, the rest read."""

from morgue.read.document import RawDocument, Rejection, SourceLocation

from .builders import documents, gzip_bytes, read_all, reasons, rejections, zip_bytes

LINE_1 = b'{"headline": "Mayor resigns", "body": "The mayor resigned on Monday."}'
LINE_2 = '{"headline": "Caf\u00e9 reopens", "body": "\u00c0 la carte again."}'.encode()


def test_each_line_is_a_document_with_its_line_number(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_bytes(LINE_1 + b"\n" + LINE_2 + b"\n")

    items = read_all([path])

    assert items == [
        RawDocument(LINE_1, SourceLocation(str(path), offset=1), "jsonl"),
        RawDocument(LINE_2, SourceLocation(str(path), offset=2), "jsonl"),
    ]


def test_blank_lines_are_skipped_and_line_numbers_kept(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_bytes(b"\n" + LINE_1 + b"\r\n   \n\n" + LINE_2)  # CRLF, blanks, no final newline

    items = read_all([path])

    assert [(doc.location.offset, doc.data) for doc in items] == [(2, LINE_1), (5, LINE_2)]


def test_bad_lines_are_rejected_and_the_rest_read(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_bytes(b"\n".join([LINE_1, b'{"headline": "cut off', b"[1, 2, 3]", b"[" * 100_000, LINE_2]))

    items = read_all([path])

    assert [(item.location.offset, getattr(item, "reason", "doc")) for item in items] == [
        (1, "doc"), (2, "bad-json"), (3, "bad-json"), (4, "bad-json"), (5, "doc"),
    ]
    assert "array, not an object" in items[2].detail
    assert all(r.location.path == str(path) for r in rejections(items))


def test_wrong_encoding_is_kept_not_rejected(tmp_path):
    latin1 = '{"headline": "Caf\u00e9"}'.encode("latin-1")
    path = tmp_path / "export.jsonl"
    path.write_bytes(latin1 + b"\n")

    [doc] = read_all([path])

    assert doc.data == latin1


def test_a_line_over_the_limit_is_too_large_and_the_next_read(tmp_path):
    long_line = b'{"body": "' + b"x" * 5000 + b'"}'
    path = tmp_path / "export.jsonl"
    path.write_bytes(long_line + b"\n" + LINE_1 + b"\n")

    items = read_all([path], max_document_bytes=1000)

    assert items[0] == Rejection(
        SourceLocation(str(path), offset=1), "too-large", "line 1 is longer than the limit of 1000 bytes"
    )
    assert (items[1].location.offset, items[1].data) == (2, LINE_1)


def test_jsonl_is_found_by_content_and_inside_containers(tmp_path):
    (tmp_path / "export").write_bytes(LINE_1 + b"\n")
    (tmp_path / "export.zip").write_bytes(zip_bytes({"day/export.jsonl": LINE_1 + b"\n" + LINE_2 + b"\n"}))
    (tmp_path / "export2.jsonl.gz").write_bytes(gzip_bytes(LINE_2 + b"\n"))

    items = read_all([tmp_path])

    assert [(doc.location.path.rsplit("/", 1)[1], doc.location.member, doc.location.offset) for doc in items] == [
        ("export", "", 1),
        ("export.zip", "day/export.jsonl", 1),
        ("export.zip", "day/export.jsonl", 2),
        ("export2.jsonl.gz", "", 1),
    ]
    assert all(doc.kind == "jsonl" for doc in items)
    assert items[2].location.key() == f"{tmp_path}/export.zip!day/export.jsonl@2"


def test_json_file_that_is_not_lines_is_unknown_format(tmp_path):
    (tmp_path / "single.json").write_bytes(b'{\n  "headline": "Pretty printed"\n}\n')

    assert reasons(read_all([tmp_path])) == ["unknown-format"]


def test_a_jsonl_of_only_bad_lines_yields_no_documents(tmp_path):
    (tmp_path / "bad.jsonl").write_bytes(b"not json\nstill not\n")

    items = read_all([tmp_path])

    assert documents(items) == []
    assert reasons(items) == ["bad-json", "bad-json"]
