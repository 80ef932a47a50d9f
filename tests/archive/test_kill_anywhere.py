"""SIGKILL at random moments (seed printed) of ingest, audit --fix safe, reindex and backup: 0 lost, 0 doubled.

After the kills the same command runs to the end, and the archive must equal
one built without interruption; `verify` is clean and no temporary file is
left. MORGUE_KILL_MOMENTS sets how many kills per command (default 3, the
quick mode of every run; .ci/run asks for 20). MORGUE_KILL_SEED replays a run.
Runs on SQLite and again on PostgreSQL.
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

MOMENTS = int(os.environ.get("MORGUE_KILL_MOMENTS", "3"))


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    out = tmp_path_factory.mktemp("kill-demo")
    morgue(out / "gen", "demo", "--articles", "250", "--seed", "5", "--out", str(out / "d"), "--no-ingest", env=child_env())
    return out / "d" / "sources"


@pytest.fixture
def rng():
    seed = int(os.environ.get("MORGUE_KILL_SEED") or random.randrange(1 << 30))
    print(f"kill moments: MORGUE_KILL_SEED={seed}")
    return random.Random(seed)


def state(home, env) -> dict:
    """What must survive any kill: the counts, the defects by kind and status, the revisions, the search hits."""
    data = json.loads(morgue(home, "stats", "--json", env=env).stdout)
    audit = json.loads(morgue(home, "audit", "--json", "--top", "0", env=env).stdout) if (home / "audited").exists() else {}
    found = json.loads(morgue(home, "search", "council", "--json", "--limit", "1000", env=env).stdout)
    return {
        "counts": {k: data[k] for k in ("articles", "originals", "locations", "rejections", "original_bytes", "by_section",
                                        "rejected_by_reason")},
        "defects": sorted((d["headline"], d["kind"], d["start"], d["end"]) for d in audit.get("defects", [])),
        "fixed": audit.get("fixed"),
        # By what was found, not by id: PostgreSQL's sequences skip the ids a killed transaction took.
        "search": sorted((h["headline"], str(h["published"]), h["url"]) for h in found["hits"]),
    }


def kill_at_random_moments(rng, args, env, duration: float, moments: int) -> int:
    """Start `morgue ARGS` ``moments`` times, each killed (the whole process group) at a random moment; return kills."""
    kills = 0
    for _ in range(moments):
        proc = subprocess.Popen([*MORGUE, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        time.sleep(rng.uniform(0.05, max(0.1, duration)))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
    return kills


def timed(home, *args, env) -> float:
    started = time.monotonic()
    morgue(home, *args, env=env)
    return time.monotonic() - started


def assert_clean(home, env):
    verify = morgue(home, "verify", env=env, check=False)
    assert verify.returncode == 0 and "verify: OK" in verify.stdout, verify.stdout + verify.stderr
    assert "temporary files" not in verify.stdout
    assert not list((home / "originals").glob("??/??/.tmp-*"))


@pytest.mark.parametrize("command", ["ingest", "audit", "reindex", "backup"])
def test_killed_at_random_moments_then_run_again_equals_never_killed(tmp_path, sources, rng, command):
    with scratch_database_url() as reference_db, scratch_database_url() as killed_db:
        ref_env, env = child_env(reference_db), child_env(killed_db)
        reference, home = tmp_path / "reference", tmp_path / "killed"
        ingest = ["ingest", str(sources), "--workers", "2", "--batch-size", "8", "-q"]
        audit = ["audit", "--fix", "safe", "--workers", "2"]
        duration = timed(reference, *ingest, env=ref_env)
        if command == "ingest":
            morgue(home, "init", env=env)
            kills = kill_at_random_moments(rng, ["--home", str(home), *ingest], env, duration, MOMENTS)
            morgue(home, *ingest, env=env)
        else:
            morgue(home, *ingest, env=env)
        if command == "audit":
            for h, e in ((reference, ref_env), (home, env)):
                (h / "audited").touch()
            duration = timed(reference, *audit, env=ref_env)
            kills = kill_at_random_moments(rng, ["--home", str(home), *audit], env, duration, MOMENTS)
            morgue(home, *audit, env=env)
        if command == "reindex":
            duration = timed(reference, "reindex", env=ref_env)
            kills = kill_at_random_moments(rng, ["--home", str(home), "reindex"], env, duration + 1.5, MOMENTS)
            morgue(home, "reindex", env=env)
        if command == "backup":
            dest = tmp_path / "backup"
            duration = timed(reference, "backup", str(tmp_path / "reference-backup"), env=ref_env)
            kills = kill_at_random_moments(rng, ["--home", str(home), "backup", str(dest)], env, duration + 1.5, MOMENTS)
            morgue(home, "backup", str(dest), env=env)
            assert not list(dest.rglob(".tmp-*"))
            with scratch_database_url() as restored_db:
                restored_env = child_env(restored_db)
                restored = tmp_path / "restored"
                assert "verify: OK" in morgue(restored, "restore", str(dest), env=restored_env).stdout
                assert state(restored, restored_env) == state(reference, ref_env)
        print(f"{command}: {kills} of {MOMENTS} runs killed before they finished")
        assert state(home, env) == state(reference, ref_env)
        assert_clean(home, env)
