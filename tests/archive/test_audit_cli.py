"""`morgue audit --workers/--relearn` end to end, in a child process with its own archive home (SQLite)."""

import json
import os
import subprocess
import sys

from morgue.archive.audit_vocabulary import vocabulary_path

from .legacy import article_html

MORGUE = [sys.executable, "-m", "morgue.cli"]


def morgue(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MORGUE_HOME")}
    proc = subprocess.run([*MORGUE, *args], env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def test_audit_keeps_its_vocabulary_and_says_when_it_learns_it_afresh(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for i in range(4):
        (src / f"page-{i}.html").write_bytes(article_html(i))
    home = tmp_path / "home"
    morgue("--home", str(home), "ingest", str(src), "--workers", "1", "-q")

    first = morgue("--home", str(home), "audit", "--workers", "2")
    assert "Learned the archive's vocabulary afresh: no vocabulary kept yet" in first.stderr
    assert "Audited 4 articles this run" in first.stdout and vocabulary_path(home).exists()
    # Kept: the next run says nothing about it, and --json stays one JSON document on stdout.
    again = morgue("--home", str(home), "audit", "--workers", "1", "--rescan", "--json")
    assert "vocabulary" not in again.stderr
    assert json.loads(again.stdout)["articles"] == 4
    # A damaged file is learned afresh, with the reason.
    vocabulary_path(home).write_bytes(b"\x1f\x8b not really gzip")
    damaged = morgue("--home", str(home), "audit", "--rescan")
    assert "could not be used" in damaged.stderr and "Traceback" not in damaged.stderr
    assert "relearning as asked" in morgue("--home", str(home), "audit", "--relearn").stderr


def test_the_demo_keeps_the_vocabulary_it_learned_for_the_next_audit(tmp_path):
    home = tmp_path / "home"
    morgue("--home", str(home), "demo", "--articles", "30", "--seed", "4", "--workers", "1")
    assert vocabulary_path(home).exists()
    after = morgue("--home", str(home), "audit", "--workers", "1", "--rescan")
    assert "afresh" not in after.stderr  # reused as kept, not learned again (its own repairs are an update)
