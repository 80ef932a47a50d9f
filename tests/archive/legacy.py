"""Builds small legacy archives for the tests: good pages of several kinds, and bad input of every kind."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

TOWNS = ["Northfield", "Ashby", "Calder", "Dunmore", "Elston", "Fairhaven", "Glenrock", "Harlow"]
TOPICS = [
    ("council", "The town council voted on the new budget for roads, schools and the library after a long debate."),
    ("harbour", "Fishing crews at the harbour reported the best catch in a decade as the autumn season opened."),
    ("school", "Parents packed the school hall to hear plans for a new science wing and a larger playground."),
    ("bridge", "Engineers closed the old river bridge for inspection after cracks were found in two supports."),
    ("festival", "Thousands came to the summer festival, where local bands played until late on the green."),
    ("hospital", "The hospital board announced a new maternity ward and twenty more nurses for the winter."),
]


def article_html(i: int, *, title_suffix: str = " - The Test Courier") -> bytes:
    """Return a realistic news page with chrome around a unique article."""
    town = TOWNS[i % len(TOWNS)]
    topic, lead = TOPICS[i % len(TOPICS)]
    paragraphs = [
        f"{lead} Residents of {town} said story number {i} mattered to every family in the district.",
        f"Mayor Alice Brandt told reporters that the decision on the {topic} would be reviewed in the spring, "
        f"and that the figures for {town} would be published in full before the next meeting of the council.",
        f'"We listened to everyone who wrote to us about the {topic}," said Councillor Tom Okafor, who chairs the committee. '
        f'"This is the best plan we could make with the money we have, and it is a fair one."',
        f"Critics in {town} argued that the plan for the {topic} came too late and cost too much, and promised to raise it again "
        f"at the public meeting on the {i % 28 + 1}th of the month in the old town hall.",
    ]
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    month = i % 12 + 1
    day = i % 27 + 1
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{town} {topic} plan {i} approved{title_suffix}</title>
<meta property="article:published_time" content="2004-{month:02d}-{day:02d}T09:00:00Z">
<meta property="article:section" content="News">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="signin">Sign in or create a free account</div>
<article>
<h1>{town} {topic} plan {i} approved</h1>
<p class="byline">By Jane Roe</p>
{body}
</article>
<footer><p>&copy; 2024 The Test Courier. All rights reserved.</p></footer>
</body></html>""".encode()


def article_text(i: int) -> bytes:
    """Return a plain-text scrape of an article."""
    town = TOWNS[i % len(TOWNS)]
    topic, lead = TOPICS[i % len(TOPICS)]
    return (
        f"{town} {topic} story {i}\n\nThe Harbour Gazette\n\nBy John Smith\n\n"
        f"{lead} People in {town} followed text story {i} closely all week.\n\n"
        f"The {topic} committee will meet again next month to hear from residents of {town} and the nearby villages.\n\n"
        "© 1998 The Harbour Gazette. All rights reserved\n"
    ).encode()


def write_warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    """Write a gzipped WARC holding a response record for each (url, html) page."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(html), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2010-06-01T12:00:00Z"},
            )
            writer.write_record(record)


def build_good_archive(root: Path, n_html: int = 6) -> dict:
    """Write good sources of every container kind; return what ingest must find."""
    root.mkdir(parents=True, exist_ok=True)
    site = root / "site"
    (site / "2004").mkdir(parents=True)
    for i in range(n_html):
        (site / "2004" / f"story-{i}.html").write_bytes(article_html(i))
    (site / "scrape-1.txt").write_bytes(article_text(101))
    # The same bytes at a second place: stored once, linked twice.
    (site / "copy-of-story-0.html").write_bytes(article_html(0))
    with zipfile.ZipFile(root / "extra.zip", "w") as zf:
        zf.writestr("pages/zipped-1.html", article_html(201))
        zf.writestr("pages/zipped-2.html", article_html(202))
    write_warc(root / "crawl.warc.gz", [(f"http://valley.example/{i}", article_html(300 + i)) for i in range(2)])
    export = [{"headline": f"Exported story {i}", "byline": "Ann Lee", "date": "1999-03-0%d" % (i + 1), "section": "Business",
               "body": [f"The exported business story {i} reports that profits rose at the mill in Calder this year.",
                        "Shareholders welcomed the news and the chairman promised a larger dividend."]} for i in range(2)]
    (root / "export.jsonl").write_text("\n".join(json.dumps(e) for e in export) + "\n")
    return {
        "locations": n_html + 2 + 2 + 2 + 2,  # html, scrape+copy, zip members, warc records, jsonl lines
        "originals": n_html + 1 + 2 + 2 + 2,  # the copy shares story-0's bytes
        "articles": n_html + 1 + 2 + 2 + 2,
    }


def build_damaged_archive(root: Path) -> None:
    """Write six clean pages and three with transfer damage: mojibake.html, entities.html, truncated.html."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(6):
        (root / f"clean-{i}.html").write_bytes(article_html(i))
    # Mojibake: the curly quotes of one page read as Windows-1252 and written back as UTF-8.
    _write_damaged(root / "mojibake.html", 10, '"We listened', "\u00e2\u20ac\u0153We listened")
    _write_damaged(root / "entities.html", 11, "Mayor Alice Brandt told", "Mayor Alice Brandt &amp;amp; aides told")
    _write_damaged(root / "truncated.html", 12, "in the old town hall.</p>", "in the old town</p>")


def _write_damaged(path: Path, i: int, old: str, new: str) -> None:
    path.write_bytes(article_html(i).decode().replace(old, new).encode())


def build_bad_archive(root: Path) -> dict[str, str]:
    """Write one source of each kind of bad input; return {file name: expected reason}."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "empty.html").write_bytes(b"")
    (root / "junk.html").write_bytes(bytes(range(256)) * 40)
    (root / "truncated.html.gz").write_bytes(gzip.compress(article_html(7))[:200])
    good = io.BytesIO()
    write_warc_to = root / "corrupt.warc.gz"
    write_warc(write_warc_to, [("http://x.example/a", article_html(8))])
    data = write_warc_to.read_bytes()
    write_warc_to.write_bytes(data[: len(data) // 2] + b"\x00garbage" * 50)
    del good
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.html", b"<html>" + b" " * (80 << 20))
    (root / "bomb.zip").write_bytes(bomb.getvalue())
    (root / "no-text.html").write_bytes(b"<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    return {
        "empty.html": "empty",
        "junk.html": "binary",
        "truncated.html.gz": "corrupt-gzip",
        "corrupt.warc.gz": "corrupt-warc",
        "bomb.zip": "zip-bomb",
        "no-text.html": "no-text",
    }
