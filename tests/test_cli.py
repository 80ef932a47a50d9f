"""The `morgue` command end to end, in a child process with its own archive home (SQLite)."""

import json
import os
import subprocess
import sys

from .archive.legacy import build_bad_archive, build_good_archive

MORGUE = [sys.executable, "-m", "morgue.cli"]


def morgue(*args, check=True):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MORGUE_HOME")}
    proc = subprocess.run([*MORGUE, *args], env=env, capture_output=True, text=True, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(proc.stdout + proc.stderr)
    return proc


def test_help_names_every_command_with_a_whole_summary():
    from morgue.cli import main

    out = morgue("--help").stdout
    listed = out.split("Commands:", 1)[1]
    for name in main.commands:
        line = next(line for line in listed.splitlines() if line.strip().startswith(name + " "))
        assert not line.rstrip().endswith("..."), line  # a summary cut short tells nothing
    assert "--workers" in morgue("ingest", "--help").stdout
    user = morgue("user", "--help").stdout
    assert "create" in user and "list" in user and "..." not in user.split("Commands:", 1)[1]


def test_counts_agree_with_their_nouns():
    from morgue.cli.words import count

    assert count(1, "document") == "1 document" and count(2, "document") == "2 documents"
    assert count(1200, "article") == "1,200 articles" and count(0, "defect") == "0 defects"


def test_ingest_stats_verify(tmp_path):
    build_good_archive(tmp_path / "src")
    expected_bad = build_bad_archive(tmp_path / "bad")
    home = tmp_path / "home"
    out = morgue("--home", str(home), "ingest", str(tmp_path / "src"), str(tmp_path / "bad"), str(tmp_path / "nowhere"), "--workers", "2").stdout
    assert "new articles" in out and "rejected" in out
    # The slowest document is named, with its time, against --doc-timeout.
    slowest = next(line for line in out.splitlines() if line.strip().startswith("slowest document"))
    seconds, where = slowest.split()[2], slowest.split(" s  ", 1)[1]
    assert 0 <= float(seconds) < 60 and where.startswith(str(tmp_path))
    data = json.loads(morgue("--home", str(home), "stats", "--json").stdout)
    assert data["articles"] == 13
    # --top reaches every table, and says what it left out.
    every = json.loads(morgue("--home", str(home), "stats", "--json", "--top", "0").stdout)
    assert len(every["by_year"]) > 1 and len(every["by_section"]) > 1
    cut = morgue("--home", str(home), "stats", "--top", "1").stdout
    assert f"… and {len(every['by_year']) - 1} more" in cut and f"… and {len(every['by_section']) - 1} more" in cut
    reasons = {row["name"] for row in data["rejected_by_reason"]}
    assert set(expected_bad.values()) | {"not-found"} <= reasons
    assert {row["name"] for row in data["by_year"]} >= {2004, 1999}
    text = morgue("--home", str(home), "stats").stdout
    assert "By section" in text and "Rejected by reason" in text
    assert "verify: OK" in morgue("--home", str(home), "verify").stdout
    # Damage one original: verify fails loudly and names it.
    victim = next((home / "originals").glob("??/??/*.zst"))
    victim.write_bytes(b"\x28\xb5\x2f\xfd damaged")
    proc = morgue("--home", str(home), "verify", check=False)
    assert proc.returncode != 0
    assert victim.name[:-4] in proc.stderr


def test_bad_database_url_fails_with_advice(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "MORGUE_HOME"}
    env["DATABASE_URL"] = "postgres://nobody:wrong@127.0.0.1:1/none"
    proc = subprocess.run([*MORGUE, "--home", str(tmp_path), "stats"], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "DATABASE_URL" in proc.stderr and "Traceback" not in proc.stderr


def test_audit_command_reports_and_fixes(tmp_path):
    from .archive.legacy import article_html

    src = tmp_path / "src"
    src.mkdir()
    for i in range(3):
        (src / f"clean-{i}.html").write_bytes(article_html(i))
    broken = article_html(9).decode().replace('"We listened', "\u00e2\u20ac\u0153We listened").encode()
    (src / "broken.html").write_bytes(broken)
    home = str(tmp_path / "home")
    morgue("--home", home, "ingest", str(src), "--workers", "1", "-q")
    table = morgue("--home", home, "audit").stdout
    assert "mojibake" in table and "Worst articles" in table
    data = json.loads(morgue("--home", home, "audit", "--json", "--kind", "mojibake").stdout)
    assert data["defects"] and all(d["kind"] == "mojibake" for d in data["defects"])
    assert data["defects"][0]["excerpt"].startswith("\u00e2\u20ac")
    fixed = morgue("--home", home, "audit", "--fix", "safe").stdout
    assert "fixed 1 defect in 1 article" in fixed
    assert "verify: OK" in morgue("--home", home, "verify").stdout
    # Before a migration: `extract --json` shows the same defect without storing anything.
    records = [json.loads(line) for line in morgue("extract", str(src / "broken.html"), "--json").stdout.splitlines()]
    assert any(d["kind"] == "mojibake" for d in records[0]["defects"])
