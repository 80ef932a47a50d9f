"""`morgue backup` and `morgue restore`: consistent while ingest writes, incremental, safe to kill, verified on restore.

Run on SQLite and again on PostgreSQL (pg_dump / pg_restore into scratch databases).
"""

import json
import os
import random
import signal
import subprocess
import time

import pytest

from .commands import MORGUE, child_env, morgue
from .databases import scratch_database_url

pytestmark = pytest.mark.db_backends


def counts(home, env):
    data = json.loads(morgue(home, "stats", "--json", env=env).stdout)
    return {k: data[k] for k in ("articles", "originals", "locations", "rejections", "original_bytes", "by_year", "by_section",
                                 "rejected_by_reason")}


def search_ids(home, env, query="council"):
    """Return every article the query finds, in id order: a rebuilt index ranks ties (and, before its segments
    merge, scores) a little differently from one that took the demo's repairs one by one; what it finds is the same."""
    hits = json.loads(morgue(home, "search", query, "--json", "--limit", "1000", env=env).stdout)["hits"]
    return sorted(hit["id"] for hit in hits)


def originals_on_disk(home):
    return sum(1 for _ in (home / "originals").glob("??/??/*.zst"))


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    out = tmp_path_factory.mktemp("backup-demo")
    subprocess.run([*MORGUE, "--home", str(out / "gen"), "demo", "--articles", "300", "--seed", "11", "--out", str(out / "d"),
                    "--no-ingest"], check=True, capture_output=True, timeout=300, env=child_env(None))
    return out / "d" / "sources"


def test_a_backup_restores_to_the_same_archive_and_the_next_backup_copies_only_what_is_new(tmp_path, sources):
    with scratch_database_url() as first_db, scratch_database_url() as restored_db:
        env, restored_env = child_env(first_db), child_env(restored_db)
        home, dest = tmp_path / "home", tmp_path / "backup"
        morgue(home, "ingest", str(sources / "harbour-gazette"), "-q", env=env)
        first = morgue(home, "backup", str(dest), env=env).stdout
        assert "new this time" in first and (dest / "manifest.json").is_file()
        again = morgue(home, "backup", str(dest), env=env).stdout
        assert "(0 new this time" in again  # incremental: nothing new, nothing copied
        morgue(home, "ingest", str(sources), "-q", env=env)
        third = morgue(home, "backup", str(dest), env=env).stdout
        copied = int(third.split("originals")[1].split("(")[1].split(" new")[0].replace(",", ""))
        assert 0 < copied < originals_on_disk(home)  # only the originals the second ingest added

        restored = tmp_path / "restored"
        out = morgue(restored, "restore", str(dest), env=restored_env).stdout
        assert "verify: OK" in out
        assert counts(restored, restored_env) == counts(home, env)
        assert search_ids(restored, restored_env) == search_ids(home, env) != []
        assert (restored / "secret_key").read_text() == (home / "secret_key").read_text()
        assert morgue(restored, "verify", env=restored_env).returncode == 0


def test_a_backup_taken_during_an_ingest_restores_and_the_ingest_finishes_from_it(tmp_path, sources):
    with scratch_database_url() as live_db, scratch_database_url() as restored_db:
        env, restored_env = child_env(live_db), child_env(restored_db)
        home, dest = tmp_path / "home", tmp_path / "backup"
        morgue(home, "init", env=env)
        ingest = subprocess.Popen([*MORGUE, "--home", str(home), "ingest", str(sources), "--workers", "2", "--batch-size", "4",
                                   "-q"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        while ingest.poll() is None and originals_on_disk(home) < 60:
            time.sleep(0.02)
        # Held in the middle of its run while the backup is taken (so no race decides whether it is "during").
        assert ingest.poll() is None, "the ingest finished before 60 originals were seen"
        ingest.send_signal(signal.SIGSTOP)
        try:
            morgue(home, "backup", str(dest), env=env)
        finally:
            ingest.send_signal(signal.SIGCONT)
        _, err = ingest.communicate(timeout=600)
        assert ingest.returncode == 0, err

        restored = tmp_path / "restored"
        assert "verify: OK" in morgue(restored, "restore", str(dest), env=restored_env).stdout
        partial, final = counts(restored, restored_env), counts(home, env)
        assert 0 < partial["locations"] < final["locations"]  # a moment in the middle of the ingest
        # The same ingest run on the restored archive finishes the job: nothing was lost.
        morgue(restored, "ingest", str(sources), "-q", env=restored_env)
        assert counts(restored, restored_env) == final
        assert morgue(restored, "verify", env=restored_env).returncode == 0


def test_a_backup_killed_at_a_random_moment_is_finished_by_running_it_again(tmp_path, sources):
    seed = random.randrange(1 << 30)
    print(f"kill moments seed: {seed}")
    rng = random.Random(seed)
    with scratch_database_url() as live_db, scratch_database_url() as restored_db:
        env, restored_env = child_env(live_db), child_env(restored_db)
        home, dest = tmp_path / "home", tmp_path / "backup"
        morgue(home, "ingest", str(sources), "-q", env=env)
        total = originals_on_disk(home)
        for _ in range(3):
            proc = subprocess.Popen([*MORGUE, "--home", str(home), "backup", str(dest)], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            target = rng.uniform(0.1, 0.9) * total
            while proc.poll() is None and (not (dest / "originals").is_dir() or originals_on_disk(dest) < target):
                time.sleep(0.005)
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        assert "new this time" in morgue(home, "backup", str(dest), env=env).stdout
        assert not list(dest.rglob(".tmp-*"))
        restored = tmp_path / "restored"
        assert "verify: OK" in morgue(restored, "restore", str(dest), env=restored_env).stdout
        assert counts(restored, restored_env) == counts(home, env)


def test_restore_refuses_what_is_not_a_backup_or_would_overwrite(tmp_path, sources):
    with scratch_database_url() as db:
        env = child_env(db)
        home, dest = tmp_path / "home", tmp_path / "backup"
        morgue(home, "ingest", str(sources / "harbour-gazette"), "-q", env=env)

        inside = morgue(home, "backup", str(home / "copy"), env=env, check=False)
        assert inside.returncode != 0 and "inside the archive home" in inside.stderr

        morgue(home, "backup", str(dest), env=env)
        over = morgue(home, "restore", str(dest), env=env, check=False)
        assert over.returncode != 0 and "already holds an archive" in over.stderr and "Traceback" not in over.stderr

        (tmp_path / "empty").mkdir()
        none = morgue(tmp_path / "new1", "restore", str(tmp_path / "empty"), env=env, check=False)
        assert none.returncode != 0 and "not a complete morgue backup" in none.stderr

        snapshot = next(dest.glob("database.*"))
        with snapshot.open("r+b") as fh:
            fh.seek(200)
            fh.write(b"damaged")
        damaged = morgue(tmp_path / "new2", "restore", str(dest), env=env, check=False)
        assert damaged.returncode != 0 and "does not match its manifest" in damaged.stderr
        assert not (tmp_path / "new2" / "originals").exists()
