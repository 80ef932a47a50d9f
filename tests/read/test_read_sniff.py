"""Deciding a format from the first bytes and the name."""

import pytest

from morgue.read.sniff import name_suffix, sniff_format, strip_gzip_suffix

from .builders import gzip_bytes, tar_bytes, zip_bytes


@pytest.mark.parametrize(
    "head, name, expected",
    [
        (b"", "a.html", "empty"),
        (b"<!DOCTYPE html><html></html>", "a.txt", "html"),
        (b"\xef\xbb\xbf  <HTML><BODY>x</BODY></HTML>", "", "html"),
        (b"<div class=story><p>A fragment of a page</p></div>", "", "html"),
        (b"<!-- saved by a browser --><html>", "page", "html"),
        (b'<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN"><html>', "", "html"),
        (b"Masthead\n\nA story with <html> in the copy", "a.txt", "html"),
        (b'<?xml version="1.0"?>\n<nitf version="-//IPTC//DTD NITF 3.6//EN"><head/></nitf>', "", "nitf"),
        (b'<?xml version="1.0"?><rss><channel/></rss>', "feed.html", "unknown-format"),
        (b"<<Late edition>> The presses stopped.", "a.txt", "text"),
        (b"Plain words.", "story.2024-01-02", "text"),
        (b"Plain words.", "a.csv", "unknown-format"),
        (b'{"headline": "x"}\n{"headline": "y"}\n', "export", "jsonl"),
        (b'{"headline": "x"}\n', "a.txt", "jsonl"),
        (b"not json at all", "a.jsonl", "jsonl"),
        (b"{ not json", "a.txt", "text"),
        (b"\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00", "", "html"),
        (b"\x00\x00\x01junk", "a.html", "binary"),
        (b"\x00\x00\x01junk", "a.zip", "zip"),
        (b"\x00\x00\x01junk", "a.tar", "tar"),
        (b"\x00\x00\x01junk", "a.gz", "gzip"),
        (b"Not a web archive", "a.warc", "corrupt-warc"),
        (b"WARC/1.0\r\n", "anything.bin", "warc"),
        (b"filedesc://x.arc 0.0.0.0 20240101000000 text/plain 10\n", "", "arc"),
        (b"BZh91AY&SY", "a.tar.bz2", "unsupported"),
    ],
)
def test_sniff_format(head, name, expected):
    assert sniff_format(head, name).format == expected


def test_container_magic_wins_over_the_name():
    assert sniff_format(gzip_bytes(b"x"), "a.html").format == "gzip"
    assert sniff_format(zip_bytes({"a": b"x"}), "a.txt").format == "zip"
    assert sniff_format(tar_bytes({"a": b"x"}), "a.html").format == "tar"


def test_names():
    assert name_suffix("dir.d/Story.HTML") == ".html"
    assert name_suffix("story") == ""
    assert name_suffix("story.2024-01-02") == ""
    assert strip_gzip_suffix("a.html.gz") == "a.html"
    assert strip_gzip_suffix("a.tgz") == "a.tar"
    assert strip_gzip_suffix("a.bin") == "a.bin"
