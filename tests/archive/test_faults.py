"""Faults of the machine: a full or read-only disk, a missing home, a locked or absent database.

Each gives one line naming the path or service and what to do, a non-zero
exit, nothing half-written, and the next run after the fault finishes the
job. The disk tests mount a small tmpfs (root only; CI runs as root) and are
skipped with the reason where mounting is not allowed.
"""

import contextlib
import errno
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from morgue.faults import explain

MORGUE = [sys.executable, "-m", "morgue.cli"]


def run(home, *args, check=False, timeout=300, env=None):
    env = {k: v for k, v in (env or os.environ).items() if k not in ("MORGUE_HOME", "DATABASE_URL")}
    return subprocess.run([*MORGUE, "--home", str(home), *args], capture_output=True, text=True, timeout=timeout, env=env)


def one_line_error(proc) -> str:
    """Assert the command failed with one clear line and no traceback; return the line."""
    assert proc.returncode != 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert "delete" not in lines[0].lower() and "rm -" not in lines[0]
    return lines[0]


@contextlib.contextmanager
def small_disk(path: Path, size: str, *, read_only=False):
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root (CI runs as root)")
    options = f"size={size}" + (",ro" if read_only else "")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(disk: Path, leave_bytes: int = 0) -> Path:
    """Fill the disk to ``leave_bytes`` free; return the filler file."""
    filler = disk / "filler"
    with filler.open("wb") as out:
        while True:
            free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
            if free <= leave_bytes:
                break
            try:
                out.write(b"\0" * min(1 << 20, max(4096, free - leave_bytes)))
                out.flush()
            except OSError:
                break
    return filler


@pytest.fixture(scope="module")
def demo_sources(tmp_path_factory):
    out = tmp_path_factory.mktemp("faults-demo")
    subprocess.run([*MORGUE, "--home", str(out / "gen"), "demo", "--articles", "150", "--seed", "3", "--out", str(out / "d"),
                    "--no-ingest"], check=True, capture_output=True, timeout=300)
    return out / "d" / "sources"


def test_a_full_disk_stops_ingest_with_one_line_and_the_rerun_after_space_is_freed_finishes(tmp_path, demo_sources):
    with small_disk(tmp_path / "disk", "24m") as disk:
        home = disk / "home"
        assert run(home, "init").returncode == 0
        filler = fill(disk, leave_bytes=600_000)  # room for part of the originals, not all
        failed = run(home, "ingest", str(demo_sources), "--workers", "1", "--batch-size", "8", "-q")
        line = one_line_error(failed)
        assert "disk is full" in line and "run the same command again" in line, line
        filler.unlink()
        rerun = run(home, "ingest", str(demo_sources), "--workers", "1", "-q")
        assert rerun.returncode == 0, rerun.stderr
        stats = json.loads(run(home, "stats", "--json").stdout)
        assert stats["accounting"]["unaccounted"] == 0
        assert stats["articles"] + stats["rejections"] >= 150
        verify = run(home, "verify")
        assert verify.returncode == 0 and "verify: OK" in verify.stdout, verify.stdout + verify.stderr
        assert "temporary" not in verify.stdout  # none left behind by the failed run
        assert not list((home / "originals").glob("??/??/.tmp-*"))


def test_serve_starts_and_reads_on_a_full_disk(tmp_path, demo_sources):
    with small_disk(tmp_path / "disk", "24m") as disk:
        home = disk / "home"
        assert run(home, "ingest", str(demo_sources), "--workers", "1", "-q").returncode == 0
        fill(disk)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if k not in ("MORGUE_HOME", "DATABASE_URL")}
        server = subprocess.Popen([*MORGUE, "--home", str(home), "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            statuses = {}
            deadline = time.monotonic() + 60
            for path in ("/", "/article/1/", "/sections/", "/search/?q=council"):
                while True:
                    try:
                        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as answer:
                            statuses[path] = answer.status
                    except urllib.error.HTTPError as exc:
                        statuses[path] = exc.code
                    except OSError:
                        assert server.poll() is None and time.monotonic() < deadline, server.stderr.read() if server.poll() is not None else "no answer"
                        time.sleep(0.3)
                        continue
                    break
        finally:
            server.send_signal(signal.SIGINT)
            try:
                _, err = server.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                _, err = server.communicate()
        assert statuses["/"] == statuses["/article/1/"] == statuses["/sections/"] == 200, (statuses, err)
        assert statuses["/search/?q=council"] in (200, 503), (statuses, err)
        assert "disk" in err and "full" in err
        assert "Traceback" not in err, err
        assert "delete" not in err.lower()


def test_a_read_only_disk_is_one_line(tmp_path, demo_sources):
    with small_disk(tmp_path / "disk", "24m") as disk:
        home = disk / "home"
        assert run(home, "init").returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        line = one_line_error(run(home, "ingest", str(demo_sources), "-q"))
        assert "read-only" in line or "cannot be written" in line or "cannot be opened" in line, line


def test_a_missing_home_is_named_and_not_created(tmp_path):
    home = tmp_path / "no" / "such" / "place"
    for command in (["stats"], ["verify"], ["search", "x"], ["audit"], ["serve", "--port", "1"], ["reindex"]):
        line = one_line_error(run(home, *command))
        assert str(home) in line and "--home" in line, line
    assert not home.exists() and not home.parent.exists()


def test_an_empty_folder_is_not_taken_for_an_archive(tmp_path):
    line = one_line_error(run(tmp_path, "stats"))
    assert "no archive" in line, line
    assert not (tmp_path / "morgue.sqlite3").exists()


def test_a_port_in_use_is_one_line(tmp_path):
    assert run(tmp_path / "home", "init").returncode == 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        line = one_line_error(run(tmp_path / "home", "serve", "--port", str(taken.getsockname()[1])))
    assert "in use" in line and "--port" in line, line


# explain() on the real errors the machine raises, one by one.

def test_explain_a_locked_sqlite_database(tmp_path):
    database = tmp_path / "db.sqlite3"
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(sqlite3.OperationalError) as caught:
            sqlite3.connect(database, timeout=0).execute("INSERT INTO t VALUES (1)")
    finally:
        holder.execute("ROLLBACK")
    message = explain(caught.value)
    assert message and "locked" in message and "wait" in message


def test_explain_a_postgres_server_that_is_not_there():
    psycopg = pytest.importorskip("psycopg")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nobody listens here once the socket closes
    with pytest.raises(psycopg.OperationalError) as caught:
        psycopg.connect(f"postgresql://nobody@127.0.0.1:{port}/x", connect_timeout=3)
    message = explain(caught.value)
    assert message and "DATABASE_URL" in message and "cannot be reached" in message


def test_explain_a_full_disk_and_permissions_and_a_bug():
    assert "disk is full" in explain(OSError(errno.ENOSPC, "No space left on device", "/x/y"))
    assert "/x/y" in explain(OSError(errno.ENOSPC, "No space left on device", "/x/y"))
    assert "read-only" in explain(OSError(errno.EROFS, "Read-only file system", "/x"))
    assert "permission" in explain(PermissionError(errno.EACCES, "Permission denied", "/x"))
    wrapped = RuntimeError("while writing")
    wrapped.__cause__ = OSError(errno.ENOSPC, "No space left on device")
    assert "disk is full" in explain(wrapped)
    assert explain(ValueError("An IO error occurred: 'No space left on device (os error 28)'"))
    assert explain(KeyError("a bug")) is None  # a bug keeps its traceback
    assert explain(OSError(errno.ENOENT, "No such file")) is None


def children_of(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_ingest(home, sources, *extra):
    env = {k: v for k, v in os.environ.items() if k not in ("MORGUE_HOME", "DATABASE_URL")}
    proc = subprocess.Popen([*MORGUE, "--home", str(home), "ingest", str(sources), "--batch-size", "4", "-q", *extra],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while proc.poll() is None and not list((home / "originals").glob("??/??/*.zst")):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    # Held where it is (its first batch written, most to come), so no race decides what the test sees.
    assert proc.poll() is None, "the ingest finished before its first original was seen"
    proc.send_signal(signal.SIGSTOP)
    return proc


def test_workers_end_when_their_parent_is_killed_and_the_run_shows_interrupted(tmp_path, demo_sources):
    home = tmp_path / "home"
    assert run(home, "init").returncode == 0
    proc = start_ingest(home, demo_sources, "--workers", "2", "--no-site-chrome")
    workers = children_of(proc.pid)
    assert workers, "an ingest with --workers 2 has worker processes"
    proc.kill()  # SIGKILL to the parent only: nothing tells the workers
    proc.wait()
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if alive(pid)], "workers outlived their parent"
    stats = json.loads(run(home, "stats", "--json").stdout)
    statuses = {row["name"]: row["count"] for row in stats["runs_by_status"]}
    assert statuses.get("interrupted") == 1 and "running" not in statuses, statuses


def test_ctrl_c_stops_ingest_as_interrupted_without_a_traceback(tmp_path, demo_sources):
    home = tmp_path / "home"
    assert run(home, "init").returncode == 0
    proc = start_ingest(home, demo_sources, "--workers", "1", "--no-site-chrome")
    proc.send_signal(signal.SIGINT)
    proc.send_signal(signal.SIGCONT)  # Ctrl-C arrives as it runs on
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert "Traceback" not in err, err
    stats = json.loads(run(home, "stats", "--json").stdout)
    assert {row["name"]: row["count"] for row in stats["runs_by_status"]} == {"interrupted": 1}
    assert run(home, "ingest", str(demo_sources), "-q").returncode == 0
    assert run(home, "verify").returncode == 0


def test_an_unreadable_search_index_says_reindex_and_reindex_rebuilds_it_keeping_the_old_aside(tmp_path, demo_sources):
    home = tmp_path / "home"
    assert run(home, "ingest", str(demo_sources), "--workers", "1", "-q").returncode == 0
    meta = home / "search" / "tantivy" / "meta.json"
    if not meta.is_file():
        pytest.skip("the search backend here is not tantivy")
    meta.write_text("{ not the index this morgue wrote")
    line = one_line_error(run(home, "search", "council"))
    assert "morgue reindex" in line, line
    rebuilt = run(home, "reindex")
    assert rebuilt.returncode == 0, rebuilt.stderr
    found = run(home, "search", "council", "--json")
    assert found.returncode == 0 and json.loads(found.stdout)["total"] > 0
    assert list((home / "search").glob("tantivy.unreadable-*"))  # set aside, never deleted
