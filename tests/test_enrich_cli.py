"""`morgue extract --json` carries names and quotations; `morgue enrich` and `morgue entities` on an archive."""

import json

from .archive.test_entities import STORIES
from .test_cli import morgue


def _export(folder):
    folder.mkdir()
    lines = [json.dumps({"url": f"https://paper.example/{slug}", "headline": headline, "date": day, "body": body})
             for slug, headline, day, body in STORIES]
    (folder / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_extract_json_carries_mentions_with_titles_and_quotes_with_speakers(tmp_path):
    _export(tmp_path / "src")
    records = [json.loads(line) for line in morgue("extract", str(tmp_path / "src"), "--json").stdout.splitlines()]
    first = records[0]
    lavrov = [m for m in first["mentions"] if m["name"] == "Sergei Lavrov"]
    assert lavrov and lavrov[0]["title"] == "Foreign Minister of Russia" and lavrov[0]["kind"] == "person"
    assert first["quotes"][0]["speaker"] == "Sergei Lavrov" and first["quotes"][0]["cue"] == "said"
    plain = [json.loads(line) for line in morgue("extract", str(tmp_path / "src"), "--json", "--no-enrich").stdout.splitlines()]
    assert "mentions" not in plain[0]


def test_ingest_enriches_and_enrich_reads_only_what_is_new(tmp_path):
    _export(tmp_path / "src")
    home = str(tmp_path / "home")
    out = morgue("--home", home, "ingest", str(tmp_path / "src"), "--no-classify").stdout
    assert f"Enriched {len(STORIES)} articles" in out
    assert "Enriched 0 articles" in morgue("--home", home, "enrich").stdout
    assert f"Enriched {len(STORIES)} articles" in morgue("--home", home, "enrich", "--all").stdout
    listing = morgue("--home", home, "entities", "--kind", "person").stdout
    assert "Sergei Lavrov" in listing and "Moscow" not in listing
    assert "2 articles match 'person:lavrov'" in morgue("--home", home, "search", "person:lavrov").stdout


def test_ingest_without_enrich_and_enrich_on_a_missing_home(tmp_path):
    _export(tmp_path / "src")
    home = str(tmp_path / "home")
    out = morgue("--home", home, "ingest", str(tmp_path / "src"), "--no-classify", "--no-enrich").stdout
    assert "Enriched" not in out
    assert "No entities yet" in morgue("--home", home, "entities").stdout
    missing = morgue("--home", str(tmp_path / "nowhere"), "enrich", check=False)
    assert missing.returncode != 0 and "Traceback" not in missing.stderr and len(missing.stderr.strip().splitlines()) == 1
