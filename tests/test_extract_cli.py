"""`morgue extract`: the pure stages on files, folders and containers, storing nothing."""

import json
import zipfile

from .archive.legacy import write_warc
from .extract.test_sitechrome import FOOTER, NEWSLETTER, QUOTE, STORIES, lantern_page
from .test_cli import morgue


def records(proc) -> list[dict]:
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def write_site(folder):
    folder.mkdir(parents=True)
    for n, (headline, paragraphs) in enumerate(STORIES):
        (folder / f"story-{n}.html").write_bytes(lantern_page(n, headline, paragraphs))


def test_extract_json_on_a_folder_applies_site_chrome(tmp_path):
    write_site(tmp_path / "lantern")
    # No archive home, no database: nothing may be created.
    proc = morgue("--home", str(tmp_path / "home"), "extract", str(tmp_path), "--json")
    assert not (tmp_path / "home").exists()
    found = records(proc)
    assert len(found) == 8 and all(r["status"] == "article" for r in found)
    for record in found:
        assert record["source"].startswith(str(tmp_path))
        assert record["site"] == str(tmp_path / "lantern")
        assert not any(FOOTER in p or NEWSLETTER in p for p in record["body"])
        assert {"text": FOOTER, "reason": "site chrome"} in record["removed"]
        assert set(record) >= {"url", "headline", "byline", "dateline", "published", "modified", "section", "notices", "body"}
    quoted = [r for r in found if QUOTE in r["body"]]
    assert len(quoted) == 2
    assert "site chrome learned for 1 site" in proc.stderr
    # Turned off, the footer is left to the per-page rules.
    plain = records(morgue("extract", str(tmp_path), "--json", "--no-site-chrome"))
    assert not any(b["reason"] == "site chrome" for r in plain for b in r["removed"])


def test_extract_reads_a_zip_and_a_warc(tmp_path):
    with zipfile.ZipFile(tmp_path / "pages.zip", "w") as z:
        for n, (headline, paragraphs) in enumerate(STORIES):
            z.writestr(f"lantern/{n}.html", lantern_page(n, headline, paragraphs))
    write_warc(tmp_path / "crawl.warc.gz",
               [(f"https://www.aldouslantern.example/news/{n}", lantern_page(n, h, ps)) for n, (h, ps) in enumerate(STORIES)])
    found = records(morgue("extract", str(tmp_path / "pages.zip"), str(tmp_path / "crawl.warc.gz"), "--json"))
    assert len(found) == 16 and all(r["status"] == "article" for r in found)
    in_zip = [r for r in found if "pages.zip!" in r["source"]]
    in_warc = [r for r in found if "crawl.warc.gz@" in r["source"]]
    assert len(in_zip) == len(in_warc) == 8
    assert {r["site"] for r in in_zip} == {str(tmp_path / "pages.zip")}
    assert {r["site"] for r in in_warc} == {"aldouslantern.example"}
    assert in_warc[0]["url"].startswith("https://www.aldouslantern.example/news/")
    assert all({"text": FOOTER, "reason": "site chrome"} in r["removed"] for r in found)


def test_a_bad_file_is_a_rejection_and_the_run_goes_on(tmp_path):
    write_site(tmp_path / "lantern")
    (tmp_path / "lantern" / "broken.html").write_bytes(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (tmp_path / "lantern" / "empty.txt").write_bytes(b"")
    proc = morgue("extract", str(tmp_path), "--json")
    assert proc.returncode == 0
    found = records(proc)
    rejected = {r["source"].rsplit("/", 1)[1]: r for r in found if r["status"] == "rejected"}
    assert set(rejected) == {"broken.html", "empty.txt"}
    assert rejected["broken.html"]["stage"] == "extract" and rejected["broken.html"]["reason"] == "no-text"
    assert rejected["empty.txt"]["stage"] == "read" and rejected["empty.txt"]["detail"]
    assert sum(r["status"] == "article" for r in found) == 8
    # The human-readable form: one short block per document.
    text = morgue("extract", str(tmp_path)).stdout
    assert "REJECTED (extract) no-text" in text and "Quota talks end without a deal" in text
    assert "site chrome" in text


def test_date_flags_reach_extract_and_ingest(tmp_path):
    from pathlib import Path

    page = Path(__file__).parent / "data" / "extract" / "legacy-ambiguous-date.html"
    # Nothing on the page says whether 01/08/2008 is 8 January or 1 August: undated, with why.
    (plain,) = records(morgue("extract", str(page), "--json"))
    assert plain["published"] is None
    assert any("either way round" in r["reason"] for r in plain["removed"])
    (told,) = records(morgue("extract", str(page), "--json", "--date-order", "month-first"))
    assert told["published"] == "2008-01-08" and told["authors"] == ["Martha Kline", "Ed Rourke"]
    (early,) = records(morgue("extract", str(page), "--json", "--date-order", "month-first",
                              "--captured-before", "2007-12-31"))
    assert early["published"] is None
    assert any("after the capture date 2007-12-31" in r["reason"] for r in early["removed"])
    bad = morgue("extract", str(page), "--captured-before", "2008-02-30", check=False)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and "--captured-before" in bad.stderr
    # ingest takes the same flags into the archive.
    home = tmp_path / "home"
    morgue("--home", str(home), "ingest", str(page), "--date-order", "month-first", "--quiet")
    hits = json.loads(morgue("--home", str(home), "search", "pay offer", "--json").stdout)["hits"]
    assert [str(h["published"])[:10] for h in hits] == ["2008-01-08"]
