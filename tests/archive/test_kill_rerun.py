"""Kill `morgue ingest` with SIGKILL at several moments; the re-run finishes with nothing lost or doubled."""

import json
import os
import signal
import subprocess
import time

import pytest

from .commands import MORGUE, child_env, morgue
from .databases import scratch_database_url

pytestmark = pytest.mark.db_backends


def archive_counts(home, env):
    data = json.loads(morgue(home, "stats", "--json", env=env).stdout)
    keys = ("articles", "originals", "locations", "rejections", "original_bytes", "by_year", "by_section", "rejected_by_reason", "by_kind")
    return {k: data[k] for k in keys}


def stored_originals(home) -> int:
    return sum(1 for _ in (home / "originals").glob("??/??/*.zst")) if (home / "originals").is_dir() else 0


def test_sigkill_at_any_moment_then_rerun_finishes_the_job(tmp_path):
    sources = tmp_path / "demo"
    env0 = child_env(None)
    morgue(tmp_path / "gen-home", "demo", "--articles", "400", "--seed", "7", "--out", str(sources), "--no-ingest", env=env0)
    with scratch_database_url() as reference_db, scratch_database_url() as killed_db:
        # The reference: one uninterrupted run.
        ref_env = child_env(reference_db)
        morgue(tmp_path / "ref", "ingest", str(sources / "sources"), "--workers", "2", "--batch-size", "8", "-q", env=ref_env)
        expected = archive_counts(tmp_path / "ref", ref_env)
        assert expected["articles"] > 100

        # The victim: killed three times at different moments, then run to the end.
        env = child_env(killed_db)
        home = tmp_path / "killed"
        morgue(home, "init", env=env)  # creates the database, so the clock below times ingest only
        kills, progress = 0, []
        # Kill when the originals on disk pass 20%, 50% and 80% of the whole:
        # points in the middle of the work whatever the machine's speed, each
        # run starting where the last one died.
        for share in (0.2, 0.5, 0.8):
            proc = subprocess.Popen([*MORGUE, "--home", str(home), "ingest", str(sources / "sources"), "--workers", "2", "--batch-size", "8", "-q"],
                                    env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            while proc.poll() is None and stored_originals(home) < share * expected["originals"]:
                time.sleep(0.01)
            if proc.poll() is not None:
                continue
            os.killpg(proc.pid, signal.SIGKILL)  # the whole group: workers die too
            proc.wait()
            kills += 1
            progress.append(archive_counts(home, env)["locations"])
        assert kills >= 2, "ingest finished before it could be killed twice; raise the article count"
        assert progress[-1] > 0 and progress[0] < expected["locations"]  # killed mid-way, not before or after
        morgue(home, "ingest", str(sources / "sources"), "--workers", "2", "-q", env=env)
        assert archive_counts(home, env) == expected
        verify = morgue(home, "verify", env=env, check=False)
        assert verify.returncode == 0, verify.stdout + verify.stderr
        assert "verify: OK" in verify.stdout
        # And once more: nothing is added.
        again = morgue(home, "ingest", str(sources / "sources"), "--workers", "1", env=env)
        assert "new articles                  0" in again.stdout
        assert archive_counts(home, env) == expected
