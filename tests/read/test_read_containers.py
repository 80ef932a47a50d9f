"""Zip and tar archives: members, nesting, locations, and damaged or hostile archives."""

import io
import struct
import tarfile
import zipfile

import pytest

from morgue.errors import SourceError
from morgue.read.document import RawDocument, Rejection, SourceLocation
from morgue.read.limits import read_inflated
from morgue.read.options import MiB, ReadOptions

from .builders import (
    documents, gzip_bytes, member_outcomes, page, read_all, reasons, rejections, tar_bytes, zip_bytes,
)


def test_zip_members_are_documents_located_by_member(tmp_path):
    path = tmp_path / "edition.zip"
    path.write_bytes(zip_bytes({
        "1999/01/front.html": page("Front"),
        "1999/01/": b"",  # a folder entry
        "1999/01/brief.txt": b"Brief: the mayor resigned.",
        "1999/01/wire.xml": b"<nitf><body>Wire copy</body></nitf>",
    }))

    items = read_all([path])

    assert items == [
        RawDocument(page("Front"), SourceLocation(str(path), "1999/01/front.html"), "html"),
        RawDocument(b"Brief: the mayor resigned.", SourceLocation(str(path), "1999/01/brief.txt"), "text"),
        RawDocument(b"<nitf><body>Wire copy</body></nitf>", SourceLocation(str(path), "1999/01/wire.xml"), "nitf"),
    ]


@pytest.mark.parametrize("name, compression", [("a.tar", ""), ("a.tar.gz", "gz"), ("a.tgz", "gz")])
def test_tar_members_are_read_in_archive_order(tmp_path, name, compression):
    path = tmp_path / name
    path.write_bytes(tar_bytes({"z.html": page("Z"), "a/b.txt": b"Words.", "m.html": page("M")}, compression))

    items = read_all([path])

    assert [(doc.location.member, doc.data) for doc in items] == [
        ("z.html", page("Z")), ("a/b.txt", b"Words."), ("m.html", page("M")),
    ]
    assert {doc.location.path for doc in items} == {str(path)}


def test_nested_containers_are_read_from_memory_with_joined_member_names(tmp_path):
    inner_zip = zip_bytes({"story.html": page("Deep"), "page.html.gz": gzip_bytes(page("Gzipped"))})
    middle_tar = tar_bytes({"bundle/inner.zip": inner_zip}, "gz")
    path = tmp_path / "outer.zip"
    path.write_bytes(zip_bytes({"top.html": page("Top"), "middle.tar.gz": middle_tar}))

    items = read_all([path])

    assert [(doc.location.member, doc.data) for doc in items] == [
        ("top.html", page("Top")),
        ("middle.tar.gz!bundle/inner.zip!story.html", page("Deep")),
        ("middle.tar.gz!bundle/inner.zip!page.html.gz", page("Gzipped")),
    ]


def test_gzipped_zip_is_read(tmp_path):
    (tmp_path / "edition.zip.gz").write_bytes(gzip_bytes(zip_bytes({"a.html": page("A")})))

    [doc] = read_all([tmp_path])

    assert (doc.location.member, doc.data) == ("a.html", page("A"))


def test_hidden_and_macos_members_are_skipped(tmp_path):
    path = tmp_path / "mac.zip"
    path.write_bytes(zip_bytes({
        "__MACOSX/._story.html": b"\x00\x05\x16\x07resource fork",
        ".DS_Store": b"\x00\x00\x00\x01Bud1",
        "dir/.hidden.html": page("Hidden"),
        "./story.html": page("Story"),
    }))

    assert [doc.location.member for doc in read_all([path])] == ["./story.html"]
    assert len(read_all([path], skip_hidden=False)) == 4


def test_problem_members_are_rejected_and_the_others_read(tmp_path):
    path = tmp_path / "mixed.tar"
    path.write_bytes(tar_bytes({
        "empty.html": b"",
        "junk.bin": b"\x00\x01\x02\x03" * 50,
        "good.html": page("Good"),
        "notes.md": b"# notes\n",
    }))

    items = read_all([path])

    assert member_outcomes(items) == [
        ("empty.html", "empty"),
        ("junk.bin", "binary"),
        ("good.html", "doc"),
        ("notes.md", "unknown-format"),
    ]


def test_tar_links_are_not_a_file(tmp_path):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        link = tarfile.TarInfo("link.html")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        archive.addfile(link)
        folder = tarfile.TarInfo("folder")
        folder.type = tarfile.DIRTYPE
        archive.addfile(folder)
        info = tarfile.TarInfo("folder/real.html")
        info.size = len(page("Real"))
        archive.addfile(info, io.BytesIO(page("Real")))
    (tmp_path / "links.tar").write_bytes(buffer.getvalue())

    items = read_all([tmp_path])

    assert member_outcomes(items) == [
        ("link.html", "not-a-file"),
        ("folder/real.html", "doc"),
    ]


def test_junk_named_zip_is_corrupt_zip(tmp_path):
    (tmp_path / "junk.zip").write_bytes(b"\x00\x01\x02\x03" * 100)

    assert reasons(read_all([tmp_path])) == ["corrupt-zip"]


def test_zip_without_its_directory_is_corrupt_zip(tmp_path):
    data = zip_bytes({"a.html": page("A", filler=50)})
    (tmp_path / "cut.zip").write_bytes(data[: len(data) - 30])
    (tmp_path / "z.html").write_bytes(page("Next"))

    items = read_all([tmp_path])

    assert reasons(items) == ["corrupt-zip"]
    assert rejections(items)[0].location == SourceLocation(str(tmp_path / "cut.zip"))
    assert documents(items)[0].data == page("Next")


def test_damaged_zip_member_is_rejected_and_the_next_read(tmp_path):
    data = bytearray(zip_bytes({"bad.html": page("Bad", filler=50), "good.html": page("Good")}))
    start = data.index(b"bad.html") + len(b"bad.html")  # compressed data follows the local header's name
    data[start + 10: start + 30] = b"\xff" * 20
    (tmp_path / "damaged.zip").write_bytes(bytes(data))

    items = read_all([tmp_path])

    assert member_outcomes(items) == [
        ("bad.html", "corrupt-zip"),
        ("good.html", "doc"),
    ]


def test_junk_named_tar_is_corrupt_tar(tmp_path):
    (tmp_path / "junk.tar").write_bytes(b"\x00\x01\x02\x03" * 300)

    assert reasons(read_all([tmp_path])) == ["corrupt-tar"]


def test_truncated_tar_keeps_the_members_before_the_cut(tmp_path):
    data = tar_bytes({"a.html": page("A"), "b.html": page("B", filler=100)})
    cut = data.index(b"Copy for the late edition") + 100  # inside b.html's data
    (tmp_path / "cut.tar").write_bytes(data[:cut])

    items = read_all([tmp_path])

    assert [doc.data for doc in documents(items)] == [page("A")]
    assert reasons(items) == ["corrupt-tar"]
    assert rejections(items)[0].location == SourceLocation(str(tmp_path / "cut.tar"))


def test_truncated_tar_gz_is_corrupt_gzip_after_the_members_before_the_cut(tmp_path):
    filler = "".join(f"Paragraph {i} of the long report. " for i in range(3000)).encode()
    data = tar_bytes({"a.html": page("A"), "b.html": page("B") + filler}, "gz")
    (tmp_path / "cut.tar.gz").write_bytes(data[: len(data) // 2])

    items = read_all([tmp_path])

    assert [doc.data for doc in documents(items)] == [page("A")]
    assert reasons(items) == ["corrupt-gzip"]


def _spaces_page(size: int) -> bytes:
    """Return an HTML page padded with ``size`` spaces: it deflates about 1000 times."""
    return b"<html><body>" + b" " * size + b"</body></html>"


def test_zip_bomb_member_is_rejected_by_ratio_and_the_next_read(tmp_path):
    path = tmp_path / "bomb.zip"
    path.write_bytes(zip_bytes({"bomb.html": _spaces_page(20 * MiB), "after.html": page("After")}))

    items = read_all([path])

    assert member_outcomes(items) == [
        ("bomb.html", "zip-bomb"),
        ("after.html", "doc"),
    ]


def test_zip_member_whose_header_understates_its_size_is_not_trusted(tmp_path):
    data = bytearray(zip_bytes({"liar.html": _spaces_page(5 * MiB)}))
    # Claim 1000 bytes in both the local header and the central directory.
    local = data.index(b"PK\x03\x04")
    central = data.index(b"PK\x01\x02")
    data[local + 22: local + 26] = struct.pack("<I", 1000)
    data[central + 24: central + 28] = struct.pack("<I", 1000)
    (tmp_path / "liar.zip").write_bytes(bytes(data))

    items = read_all([tmp_path])

    assert documents(items) == []
    assert reasons(items) in (["corrupt-zip"], ["zip-bomb"])


def test_inflation_is_judged_while_streaming_not_from_headers():
    stream = io.BytesIO(b" " * (8 * MiB))
    options = ReadOptions()

    with pytest.raises(SourceError) as raised:
        # Pretend 10 KiB of compressed input: the ratio shows after 1 MiB.
        read_inflated(stream, 10 * 1024, 64 * MiB, options, None, "a member")

    assert raised.value.reason == "zip-bomb"
    assert stream.tell() < 2 * MiB  # stopped early, not after reading it all


def test_zip_member_over_the_member_limit_at_a_plain_ratio_is_too_large(tmp_path):
    text = "".join(f"Line {i} of the council minutes.\n" for i in range(200)).encode()
    (tmp_path / "big.zip").write_bytes(zip_bytes({"minutes.txt": text, "short.txt": b"Short."}, zipfile.ZIP_STORED))

    items = read_all([tmp_path], max_container_member_bytes=len(text) - 1)

    assert member_outcomes(items) == [
        ("minutes.txt", "too-large"),
        ("short.txt", "doc"),
    ]


def test_tar_member_over_the_member_limit_is_too_large(tmp_path):
    (tmp_path / "big.tar").write_bytes(tar_bytes({"big.html": page("Big", filler=100), "small.html": page("S")}))

    items = read_all([tmp_path], max_container_member_bytes=len(page("Big", filler=100)) - 1)

    assert member_outcomes(items) == [
        ("big.html", "too-large"),
        ("small.html", "doc"),
    ]


def test_container_total_is_capped_and_the_rest_abandoned(tmp_path):
    members = {f"{i}.html": page(str(i), filler=100) for i in range(5)}
    size = len(members["0.html"])
    (tmp_path / "a-many.zip").write_bytes(zip_bytes(members))
    (tmp_path / "b-next.html").write_bytes(page("Next"))

    items = read_all([tmp_path], max_container_total_bytes=size * 3 + 10)

    assert member_outcomes(items) == [
        ("0.html", "doc"), ("1.html", "doc"), ("2.html", "doc"),
        ("", "zip-bomb"),  # the whole archive, once
        ("", "doc"),  # and the run goes on with the next file
    ]
    assert items[3].location == SourceLocation(str(tmp_path / "a-many.zip"))


def test_container_total_counts_gzip_layers_too(tmp_path):
    members = {f"{i}.html": page(str(i), filler=100) for i in range(5)}
    (tmp_path / "many.tar.gz").write_bytes(tar_bytes(members, "gz"))

    items = read_all([tmp_path], max_container_total_bytes=len(page("0", filler=100)) * 3)

    assert len(documents(items)) < 5
    assert reasons(items) == ["zip-bomb"]


def test_archives_nested_too_deep_are_a_zip_bomb(tmp_path):
    data = page("Bottom")
    name = "bottom.html"
    for level in range(12):
        data = zip_bytes({name: data})
        name = f"level{level}.zip"
    (tmp_path / "deep.zip").write_bytes(data)

    items = read_all([tmp_path])

    assert documents(items) == []
    [rejection] = items
    assert rejection.reason == "zip-bomb"
    assert "nested" in rejection.detail
    assert rejection.location.member.count("!") == 8


def _patch_zip_headers(data: bytes, local_offset: int, central_offset: int, value: bytes) -> bytes:
    """Return ``data`` with ``value`` written at the same field of the first local and central headers."""
    patched = bytearray(data)
    local = patched.index(b"PK\x03\x04")
    central = patched.index(b"PK\x01\x02")
    patched[local + local_offset: local + local_offset + len(value)] = value
    patched[central + central_offset: central + central_offset + len(value)] = value
    return bytes(patched)


def test_encrypted_or_unknown_compression_members_are_unsupported(tmp_path):
    plain = zip_bytes({"a.html": page("A")})
    # General-purpose flag bit 0 marks an encrypted member (APPNOTE 4.4.4).
    (tmp_path / "encrypted.zip").write_bytes(_patch_zip_headers(plain, 6, 8, struct.pack("<H", 1)))
    # Compression method 9 is Deflate64, which zipfile does not read.
    (tmp_path / "deflate64.zip").write_bytes(_patch_zip_headers(plain, 8, 10, struct.pack("<H", 9)))

    items = read_all([tmp_path])

    assert [(item.location.path.rsplit("/", 1)[1], item.reason) for item in items] == [
        ("deflate64.zip", "unsupported"),
        ("encrypted.zip", "unsupported"),
    ]
    assert "encrypted" in items[1].detail


@pytest.mark.parametrize("magic, label", [(b"BZh91AY&SY", "bzip2"), (b"\xfd7zXZ\x00\x00", "xz")])
def test_other_compressions_are_unsupported(tmp_path, magic, label):
    (tmp_path / "archive.tar.x").write_bytes(magic + b"\x00" * 100)

    [rejection] = read_all([tmp_path])

    assert rejection.reason == "unsupported"
    assert label in rejection.detail


def test_rejection_inside_a_container_names_the_member(tmp_path):
    (tmp_path / "a.zip").write_bytes(zip_bytes({"inner.tar": tar_bytes({"x/empty.txt": b""})}))

    assert read_all([tmp_path]) == [
        Rejection(SourceLocation(str(tmp_path / "a.zip"), "inner.tar!x/empty.txt"), "empty", "the file is empty")
    ]
