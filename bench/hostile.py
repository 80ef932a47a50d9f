#!/usr/bin/env python3
"""A hostile corpus: every kind of bad input an archive transfer meets, one folder per kind.

Usage: .venv/bin/python bench/hostile.py DEST [--kinds a,b,...] [--list]

Each kind is written to DEST/KIND/ (deterministic: the same bytes every
time), with the documents a correct reader must account for. bench/reliability.py
ingests each folder into a fresh archive and prints what became of it.
Nothing here is tuned to morgue: these are the inputs the foundation issue
and issue 11 name — encodings, bombs, truncations, links that lead out,
names no filesystem agrees on — and the sizes that found the quadratic paths.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import socket
import sys
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

KINDS: dict[str, Callable[[Path], None]] = {}
MiB = 1 << 20


def kind(name: str):
    def register(write: Callable[[Path], None]):
        KINDS[name] = write
        return write
    return register


def page(headline: str, paragraphs: int = 4, extra: str = "") -> bytes:
    body = "".join(f"<p>Paragraph {n} of the story about {headline.lower()}, told at the length a real report has, "
                   f"with the council, the harbour and the people who spoke to the paper on the day.</p>"
                   for n in range(paragraphs))
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{headline}</title></head><body>"
            f"<article><h1>{headline}</h1><p class='byline'>By A. Reporter</p>{body}{extra}</article></body></html>").encode()


def warc_record(uri: str, payload: bytes, length: int | None = None) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + payload
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2008-08-28T12:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)) % 10**12:012d}-0000-0000-0000-000000000000>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http) if length is None else length}\r\n\r\n")
    return head.encode() + http + b"\r\n\r\n"


# --- plain files ---------------------------------------------------------------------------------------------

@kind("empty-file")
def _(d):
    (d / "empty.html").write_bytes(b"")


@kind("whitespace-only")
def _(d):
    (d / "blank.html").write_bytes(b" \n\t\r\n" * 1000)


@kind("binary-as-html")
def _(d):
    (d / "garbage.html").write_bytes(bytes((n * 7919 + 13) % 256 for n in range(200_000)))


@kind("script-only-html")
def _(d):
    (d / "app.html").write_bytes(b"<html><head><script>" + b"var x=1;" * 5000 + b"</script></head><body><div id=app></div></body></html>")


@kind("utf16-with-bom")
def _(d):
    (d / "utf16.html").write_bytes(b"\xff\xfe" + page("A page saved as UTF-16").decode().encode("utf-16-le"))


@kind("wrong-declared-charset")
def _(d):
    (d / "latin1.html").write_bytes(page("Caf\u00e9 owners fight the r\u00e9gion").decode().encode("latin-1"))


@kind("mixed-encodings")
def _(d):
    (d / "mixed.html").write_bytes(page("Mixed one", 2) .replace(b"</article>", "<p>caf\u00e9 na\u00efve</p>".encode("utf-8")
                                   + "<p>caf\u00e9 na\u00efve \u2014 again</p>".encode("cp1252") + b"</article>"))


@kind("mojibake")
def _(d):
    text = "The mayor\u2019s \u201cplan\u201d for the caf\u00e9s".encode("utf-8").decode("cp1252", "replace")
    (d / "mojibake.html").write_bytes(page(text))


@kind("control-characters")
def _(d):
    (d / "controls.html").write_bytes(page("Bells \x07 and \x1b escapes").replace(b"Paragraph", b"Para\x00graph\x0b\x0c"))


@kind("deep-nesting")
def _(d):
    (d / "deep.html").write_bytes(b"<html><body>" + b"<div>" * 100_000 + page("Deep inside").split(b"<body>")[1]
                                  + b"</div>" * 100_000 + b"</body></html>")


@kind("html-40mb")
def _(d):
    paragraphs = "".join(f"<p>Line {n} of a very long page that a broken CMS export wrote out in one go, "
                         f"with words enough to look like text.</p>\n" for n in range(360_000))
    (d / "huge.html").write_bytes(b"<html><body><article><h1>The longest page</h1>" + paragraphs.encode() + b"</article></body></html>")


@kind("one-line-no-spaces")
def _(d):
    (d / "oneline.html").write_bytes(b"<html><body><p>" + b"x" * (4 * MiB) + b"</p></body></html>")


@kind("many-tiny-paragraphs")
def _(d):
    (d / "tiny.html").write_bytes(b"<html><body><article><h1>Tiny</h1>" + b"<p>a b</p>" * 300_000 + b"</article></body></html>")


@kind("many-links")
def _(d):
    links = "".join(f"<li><a href='/x/{n}'>Link {n}</a></li>" for n in range(100_000))
    (d / "links.html").write_bytes(page("Between the links", extra=f"<ul>{links}</ul>"))


@kind("huge-attributes")
def _(d):
    (d / "attrs.html").write_bytes(page("Attributes").replace(b"<article>", b"<article data-x='" + b"y" * (8 * MiB) + b"'>"))


@kind("text-20mb")
def _(d):
    (d / "scrape.txt").write_bytes(("The council met again today and the harbour board spoke at length.\n\n" * 300_000).encode())


@kind("text-with-nul")
def _(d):
    (d / "nul.txt").write_bytes(b"A headline\n\nA body with a NUL\x00 in the middle of a sentence that goes on.\n")


@kind("same-bytes-twice")
def _(d):
    (d / "one.html").write_bytes(page("Told twice"))
    (d / "two.html").write_bytes(page("Told twice"))


# --- JSONL exports ---------------------------------------------------------------------------------------------

def jsonl_line(headline: str, body: str = "A body long enough to be an article, with a sentence or two in it.") -> str:
    return json.dumps({"headline": headline, "body": body, "url": f"http://example.com/{abs(hash(headline))}"})


@kind("jsonl-lone-surrogate")
def _(d):
    (d / "export.jsonl").write_text(jsonl_line("Good") + "\n" + '{"headline": "Bad \\ud800 one", "body": "Half a char \\udfff here in the body text."}\n')


@kind("jsonl-nul-character")
def _(d):
    (d / "export.jsonl").write_text('{"headline": "NUL \\u0000 in it", "body": "A body with a NUL \\u0000 inside, long enough to be kept."}\n')


@kind("jsonl-invalid-lines")
def _(d):
    (d / "export.jsonl").write_text(jsonl_line("Fine one") + "\n{not json\n" + jsonl_line("Fine two") + "\n[1, 2]\n42\n")


@kind("jsonl-50mb-line")
def _(d):
    (d / "export.jsonl").write_text(jsonl_line("The enormous export", "Words in a body. " * (3 * MiB)) + "\n")


@kind("jsonl-one-token-5mb")
def _(d):  # a body of one 5 MB "word": the audit's checks once took hours on it
    (d / "export.jsonl").write_text(jsonl_line("One endless word", "x" * (5 * MiB)) + "\n")


@kind("jsonl-mojibake-token-5mb")
def _(d):  # 5 MB of mis-decoded text with no space in it
    (d / "export.jsonl").write_text(jsonl_line("Mojibake without end", "\u00c3\u00a9" * (5 * MiB // 2)) + "\n")


@kind("jsonl-deep-json")
def _(d):
    (d / "export.jsonl").write_text('{"headline": "Deep", "body": ' + "[" * 100_000 + "]" * 100_000 + "}\n")


# --- NITF / XML -------------------------------------------------------------------------------------------------

NITF = """<?xml version="1.0"?>{doctype}<nitf><head><title>{title}</title></head><body><body.head><hedline><hl1>{title}</hl1></hedline></body.head>
<body.content><p>{text}</p><p>A second paragraph of the wire story, long enough to be a body.</p></body.content></body></nitf>"""


@kind("nitf-billion-laughs")
def _(d):
    entities = '<!ENTITY lol "lol">' + "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
    (d / "laughs.xml").write_text(NITF.format(doctype=f"<!DOCTYPE nitf [{entities}]>", title="Laughs", text="&lol9;"))


@kind("nitf-external-entity")
def _(d):
    (d / "xxe.xml").write_text(NITF.format(doctype='<!DOCTYPE nitf [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', title="XXE", text="&xxe;"))


@kind("nitf-malformed")
def _(d):
    (d / "broken.xml").write_text(NITF.format(doctype="", title="Broken", text="unclosed <b>tag")[:-20])


# --- containers --------------------------------------------------------------------------------------------------

@kind("gzip-bomb")
def _(d):
    with gzip.open(d / "bomb.warc.gz", "wb", compresslevel=9) as out:
        for _ in range(1024):
            out.write(b"\0" * MiB)


@kind("zip-bomb")
def _(d):
    with zipfile.ZipFile(d / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("zeros.html", "w", force_zip64=True) as member:
            for _ in range(1024):
                member.write(b"\0" * MiB)
        z.writestr("fine.html", page("Next to the bomb"))


@kind("zip-path-traversal")
def _(d):
    with zipfile.ZipFile(d / "evil.zip", "w") as z:
        z.writestr("../../../../tmp/escaped.html", page("Escaped"))
        z.writestr("/etc/absolute.html", page("Absolute"))


@kind("zip-duplicate-names")
def _(d):
    with zipfile.ZipFile(d / "dups.zip", "w") as z:
        z.writestr("story.html", page("First copy"))
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            z.writestr("story.html", page("Second copy"))


@kind("zip-truncated")
def _(d):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n in range(5):
            z.writestr(f"s{n}.html", page(f"Zipped {n}", 30))
    (d / "cut.zip").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])


@kind("zip-nested-deep")
def _(d):
    data, name = page("At the bottom"), "bottom.html"
    for level in range(20):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr(name, data)
        data, name = buf.getvalue(), f"level{level}.zip"
    (d / name).write_bytes(data)


@kind("zip-encrypted-member")
def _(d):
    with zipfile.ZipFile(d / "enc.zip", "w") as z:
        z.writestr("plain.html", page("Plain"))
    raw = bytearray((d / "enc.zip").read_bytes())
    raw[6] |= 0x01  # the "encrypted" flag of the first local header
    cd = raw.rfind(b"PK\x01\x02")
    raw[cd + 8] |= 0x01
    (d / "enc.zip").write_bytes(bytes(raw))


def _tar_add(t: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    t.addfile(info, io.BytesIO(data))


@kind("tar-truncated")
def _(d):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as t:
        for n in range(4):
            _tar_add(t, f"s{n}.html", page(f"Tarred {n}", 40))
    (d / "cut.tar").write_bytes(buf.getvalue()[:5000])


@kind("tar-appended-duplicate")
def _(d):
    with tarfile.open(d / "twice.tar", "w") as t:
        _tar_add(t, "story.html", page("Old copy"))
    with tarfile.open(d / "twice.tar", "a") as t:
        _tar_add(t, "story.html", page("Newer copy"))


@kind("tar-links-and-devices")
def _(d):
    with tarfile.open(d / "special.tar", "w") as t:
        _tar_add(t, "real.html", page("Real"))
        for name, type_ in (("passwd.html", tarfile.SYMTYPE), ("hard.html", tarfile.LNKTYPE), ("dev.html", tarfile.CHRTYPE),
                            ("fifo.html", tarfile.FIFOTYPE)):
            info = tarfile.TarInfo(name)
            info.type = type_
            info.linkname = "/etc/passwd" if type_ in (tarfile.SYMTYPE, tarfile.LNKTYPE) else ""
            t.addfile(info)


@kind("tar-gzip-bomb")
def _(d):
    with tarfile.open(d / "bomb.tar.gz", "w:gz") as t:
        class Zeros(io.RawIOBase):
            left = 1024 * MiB

            def readinto(self, b):
                n = min(len(b), self.left)
                b[:n] = b"\0" * n
                self.left -= n
                return n
        info = tarfile.TarInfo("zeros.html")
        info.size = 1024 * MiB
        t.addfile(info, Zeros())


# --- crawls --------------------------------------------------------------------------------------------------------

@kind("warc-content-length-too-big")
def _(d):
    (d / "long.warc").write_bytes(warc_record("http://example.com/a", page("First")) +
                                  warc_record("http://example.com/b", page("Claims too much"), length=10 * MiB))


@kind("warc-content-length-too-small")
def _(d):
    (d / "short.warc").write_bytes(warc_record("http://example.com/a", page("Claims too little"), length=50) +
                                   warc_record("http://example.com/b", page("After it")))


@kind("warc-truncated-gzip")
def _(d):
    data = gzip.compress(warc_record("http://example.com/a", page("A")) + warc_record("http://example.com/b", page("B", 50)))
    (d / "cut.warc.gz").write_bytes(data[: len(data) * 2 // 3])


@kind("arc-damaged")
def _(d):
    head = b"filedesc://x.arc 0.0.0.0 20080828120000 text/plain 76\n1 0 Crawler\nURL IP-address Archive-date Content-type Archive-length\n\n"
    rec = page("An ARC page")
    body = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + rec
    line = f"http://example.com/arc 1.2.3.4 20080828120000 text/html {len(body) + 5000}\n".encode()
    (d / "damaged.arc").write_bytes(head + line + body[:400])


@kind("warc-garbage-payload")
def _(d):
    (d / "garbage.warc").write_bytes(warc_record("http://example.com/g", bytes((n * 31) % 256 for n in range(50_000))))


# --- names and the filesystem ----------------------------------------------------------------------------------------

@kind("name-not-utf8")
def _(d):
    with open(os.path.join(os.fsencode(d), b"caf\xe9-\xff.html"), "wb") as out:
        out.write(page("A name in Latin-1"))


@kind("names-in-10-scripts")
def _(d):
    for name in ("новости", "ειδήσεις", "חדשות", "أخبار", "समाचार", "ข่าว", "新闻", "ニュース", "뉴스", "ახალი"):
        (d / f"{name}.html").write_bytes(page(f"Story {name}"))


@kind("name-with-key-characters")
def _(d):
    with zipfile.ZipFile(d / "x.zip", "w") as z:
        z.writestr("m.html", page("Inside the zip"))
    (d / "x.zip!m.html").write_bytes(page("Beside the zip"))
    (d / "a@b#c\\d.html").write_bytes(page("Key characters"))


@kind("name-255-bytes")
def _(d):
    (d / ("n" * 250 + ".html")).write_bytes(page("The longest name"))


@kind("symlink-out")
def _(d):
    (d / "passwd.html").symlink_to("/etc/passwd")
    (d / "real.html").write_bytes(page("Real beside the link"))


@kind("symlink-loop")
def _(d):
    (d / "loop").symlink_to(d / "loop")
    (d / "sub").mkdir()
    (d / "sub" / "up").symlink_to(d)


@kind("fifo-and-socket")
def _(d):
    os.mkfifo(d / "pipe.html")
    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind(str(d / "sock.html"))
    except OSError:
        pass
    finally:
        s.close()
    (d / "real.html").write_bytes(page("Real beside the pipe"))


def write_corpus(dest: Path, kinds: list[str] | None = None) -> dict[str, Path]:
    """Write each kind's folder under ``dest`` afresh; return kind -> folder."""
    written = {}
    for name in kinds or KINDS:
        folder = dest / name
        if folder.exists() or folder.is_symlink():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        KINDS[name](folder)
        written[name] = folder
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", nargs="?", type=Path)
    parser.add_argument("--kinds", default="")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    if args.list or not args.dest:
        print("\n".join(KINDS))
        print(f"{len(KINDS)} kinds", file=sys.stderr)
        return 0
    written = write_corpus(args.dest, [k for k in args.kinds.split(",") if k] or None)
    print(f"wrote {len(written)} kinds to {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
