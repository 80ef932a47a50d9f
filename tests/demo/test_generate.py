"""The demo generator: determinism, formats, containers, and truth that matches the files."""

from __future__ import annotations

import gzip
import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from morgue.demo import generate
from morgue.demo.generate import DemoOptions, generate_demo
from morgue.errors import ConfigurationError

from .pages import read_page


def _hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_options_write_identical_bytes(tmp_path):
    options = DemoOptions(articles=300, seed=3)
    generate_demo(tmp_path / "a", options)
    generate_demo(tmp_path / "b", options)
    first, second = _hashes(tmp_path / "a"), _hashes(tmp_path / "b")
    assert len(first) > 100
    assert first == second


def test_another_seed_writes_another_archive(tmp_path):
    generate_demo(tmp_path / "a", DemoOptions(articles=50, seed=1))
    generate_demo(tmp_path / "b", DemoOptions(articles=50, seed=2))
    a = (tmp_path / "a" / "truth.jsonl").read_bytes()
    b = (tmp_path / "b" / "truth.jsonl").read_bytes()
    assert a != b


def test_worker_processes_write_the_same_bytes(tmp_path, monkeypatch):
    # Small chunks and no minimum, so 300 articles really go through the pool.
    monkeypatch.setattr(generate, "_POOL_MIN_ARTICLES", 1)
    monkeypatch.setattr(generate, "_CHUNK", 37)
    generate_demo(tmp_path / "one", DemoOptions(articles=300, seed=5, workers=1))
    generate_demo(tmp_path / "two", DemoOptions(articles=300, seed=5, workers=2))
    assert _hashes(tmp_path / "one") == _hashes(tmp_path / "two")


def test_every_site_and_format_is_written(demo):
    summary, truth = demo
    assert summary.articles == len(truth) == 1500
    assert set(summary.by_format) == {"html", "zip", "text", "jsonl", "warc", "nitf"}
    assert sum(summary.by_site.values()) == 1500
    assert set(summary.by_site) == {"northfield-courier", "harbour-gazette", "valley-evening-post"}
    sources = summary.sources
    assert (sources / "courier-extra.zip").is_file()
    assert (sources / "valley-evening-post.warc.gz").is_file()
    assert (sources / "harbour-gazette-cms.jsonl").is_file()
    assert list((sources / "northfield-courier").rglob("*.html"))
    assert list((sources / "harbour-gazette").rglob("*.txt"))
    assert list((sources / "valley-evening-post-nitf").rglob("*.xml"))
    # truth.jsonl lives beside sources/, never inside what gets ingested.
    assert summary.truth.parent == summary.dest
    assert not list(sources.rglob("truth*"))
    on_disk = sum(1 for p in sources.rglob("*") if p.is_file())
    assert on_disk == summary.files


def test_every_recorded_location_holds_its_page(demo):
    summary, truth = demo
    for record in truth:
        page = read_page(summary.sources, record).decode("utf-8")
        assert "<" in page or "\n" in page or record["format"] == "jsonl"
        if record["format"] == "jsonl":
            assert json.loads(page)["url"] == record["url"]
        # The byline the truth gives is the one the page prints.
        if record["byline"] and record["format"] != "jsonl":
            assert record["byline"].split(",")[0].replace("&", "&amp;") in page \
                or record["byline"].split(",")[0] in page


def test_ids_are_unique_and_in_order(demo):
    _, truth = demo
    ids = [r["id"] for r in truth]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    locations = [(r["source"]["path"], r["source"]["member"], r["source"]["offset"]) for r in truth]
    assert len(set(locations)) == len(locations)


def test_warc_reads_back_with_dated_responses(demo):
    summary, truth = demo
    expected = {r["url"]: r for r in truth if r["format"] == "warc"}
    responses = requests = 0
    kinds = []
    with open(summary.sources / "valley-evening-post.warc.gz", "rb") as stream:
        for record in ArchiveIterator(stream):
            kinds.append(record.rec_type)
            if record.rec_type != "response":
                requests += record.rec_type == "request"
                continue
            responses += 1
            truth_record = expected[record.rec_headers.get_header("WARC-Target-URI")]
            assert record.http_headers.get_statuscode() == "200"
            warc_date = record.rec_headers.get_header("WARC-Date")
            assert warc_date == truth_record["captured"]
            published = truth_record["published"] or next(
                d["original"] for d in truth_record["damage"] if d["kind"] == "missing_date")
            assert warc_date[:10] > published
            assert record.content_stream().read().startswith(b"<html>")
    assert kinds[0] == "warcinfo"
    assert responses == requests == len(expected) == summary.by_format["warc"]


def test_warc_and_zip_are_gzip_and_zip_that_other_tools_open(demo):
    summary, truth = demo
    with gzip.open(summary.sources / "valley-evening-post.warc.gz") as stream:
        assert stream.read(9) == b"WARC/1.0\r"
    with zipfile.ZipFile(summary.sources / "courier-extra.zip") as archive:
        assert archive.testzip() is None
        names = archive.namelist()
    members = [r["source"]["member"] for r in truth if r["format"] == "zip"]
    assert names == members
    assert all(name.startswith("courier-extra/") and name.count("/") >= 2 for name in names)


def test_containers_split_into_numbered_parts(tmp_path):
    summary = generate_demo(tmp_path, DemoOptions(articles=400, seed=2, per_container=40))
    with open(summary.truth, encoding="utf-8") as lines:
        truth = [json.loads(line) for line in lines]
    warc_paths = sorted({r["source"]["path"] for r in truth if r["format"] == "warc"})
    assert warc_paths[0] == "valley-evening-post-00002.warc.gz"
    assert "valley-evening-post.warc.gz" in warc_paths and len(warc_paths) >= 3
    for record in truth:
        read_page(summary.sources, record)  # every split part still finds its page
    for name in warc_paths:
        with open(summary.sources / name, "rb") as stream:
            kinds = [r.rec_type for r in ArchiveIterator(stream)]
        assert kinds[0] == "warcinfo" and kinds.count("response") <= 40


def test_a_non_empty_destination_is_refused(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "keep.html").write_text("mine")
    with pytest.raises(ConfigurationError, match="not empty"):
        generate_demo(tmp_path, DemoOptions(articles=5))
    assert (tmp_path / "sources" / "keep.html").read_text() == "mine"


@pytest.mark.parametrize("options", [DemoOptions(mojibake_rate=1.5), DemoOptions(articles=-1),
                                     DemoOptions(site_shares=(0, 0, 0)), DemoOptions(workers=-2)])
def test_unusable_options_are_refused(tmp_path, options):
    with pytest.raises(ConfigurationError):
        generate_demo(tmp_path, options)
