"""Every `morgue` command, under every way a user's set-up can be wrong, answers with one line and never a traceback.

Each command runs in a child process (its own Django, its own environment)
against a home broken in one way: a DATABASE_URL that is no URL morgue can
use, a PostgreSQL server that is not there, a home that does not exist, a
database made by a newer morgue, a damaged database file, a database another
program holds locked, a port already in use. The commands are read from the
command group itself, so a command added later is tried too.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import click
import pytest

from morgue.cli import main

MORGUE = [sys.executable, "-m", "morgue.cli"]
# Commands that make an archive where there is none; every other one must refuse a home that is not there.
CREATING = {"init", "ingest", "demo", "restore"}
# Commands that never open the archive.
STANDALONE = {"extract"}


def command_names(group: click.Group = main, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Return every runnable command as its words (``("user", "create")``), read from the command group."""
    names = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            names += command_names(command, (*prefix, name))
        else:
            names.append((*prefix, name))
    return names


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A folder with one small good archive (``good``), its backup and a page to read."""
    root = tmp_path_factory.mktemp("errors")
    page = root / "page.html"
    page.write_text("<html><head><title>Mill to close</title>"
                    "<meta property='article:section' content='Business'></head><body><h1>Mill to close</h1>"
                    "<p>The town's last mill will close in the spring, its owners said on Monday.</p></body></html>")
    run(["--home", str(root / "good"), "ingest", str(page)], {}).check_returncode()
    run(["--home", str(root / "good"), "backup", str(root / "backup")], {}).check_returncode()
    return root


def arguments(words: tuple[str, ...], root: Path, port: int) -> list[str]:
    """Return the command line that runs ``words`` with the least it needs."""
    extra = {
        "backup": [str(root / "new-backup")],
        "demo": ["--articles", "3", "--workers", "1"],
        "extract": [str(root / "page.html")],
        "ingest": [str(root / "page.html"), "--workers", "1", "--quiet"],
        "restore": [str(root / "backup"), "--no-verify"],
        "search": ["mill"],
        "serve": ["--port", str(port)],
        "user create": ["ed", "--password-stdin"],
    }
    return [*words, *extra.get(" ".join(words), [])]


def run(args: list[str], env_changes: dict, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MORGUE_HOME")}
    env.update(env_changes)
    try:
        return subprocess.run([*MORGUE, *args], env=env, input="a-long-enough-password\n", capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:  # `serve` that started: it serves until stopped
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        err = exc.stderr.decode() if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        return subprocess.CompletedProcess(args, None, out, err)


def copy_home(root: Path, name: str) -> Path:
    """Return a fresh copy of the good archive's home (database only: enough for every command to open it)."""
    home = root / name
    home.mkdir()
    source = sqlite3.connect(root / "good" / "morgue.sqlite3")
    target = sqlite3.connect(home / "morgue.sqlite3")
    source.backup(target)
    source.close()
    target.close()
    return home


def condition(name: str, root: Path):
    """Return (home, environment, the words the error must contain, a lock to release) for one broken set-up."""
    if name == "bad-database-url":
        return root / "good", {"DATABASE_URL": "bogus://user:secret@x/y"}, "DATABASE_URL", None
    if name == "unreachable-database":
        return root / "good", {"DATABASE_URL": "postgres://morgue:secret@127.0.0.1:1/morgue"}, "DATABASE_URL", None
    if name == "missing-home":
        return None, {}, "there is no archive", None
    if name == "newer-database":
        home = copy_home(root, name)
        with sqlite3.connect(home / "morgue.sqlite3") as db:
            db.execute("INSERT INTO django_migrations (app, name, applied) VALUES ('archive', '9999_from_the_future', '2030-01-01')")
        return home, {}, "newer morgue", None
    if name == "damaged-database":
        home = root / name
        home.mkdir()
        (home / "morgue.sqlite3").write_bytes(b"this is not a database, it only sits where one should be\n" * 200)
        return home, {}, "damaged", None
    if name == "locked-database":
        home = copy_home(root, name)
        lock = sqlite3.connect(home / "morgue.sqlite3", isolation_level=None)
        lock.execute("PRAGMA journal_mode=WAL")
        lock.execute("BEGIN EXCLUSIVE")
        return home, {"MORGUE_DATABASE_TIMEOUT": "0.5"}, "locked", lock
    raise ValueError(name)


CONDITIONS = ["bad-database-url", "unreachable-database", "missing-home", "newer-database", "damaged-database", "locked-database"]


def applies(name: str, words: tuple[str, ...]) -> bool:
    """Whether the condition must stop the command (else it may succeed, but still never with a traceback)."""
    command = " ".join(words)
    if command in STANDALONE:
        return False
    if name == "missing-home":
        return words[0] not in CREATING
    if name == "locked-database":
        return False  # readers go on beside a writer (WAL); a writer waits, then says it is locked
    if command == "restore":
        return name in ("bad-database-url", "unreachable-database")  # restore makes its own new home
    return True


@pytest.mark.parametrize("name", CONDITIONS)
def test_every_command_answers_a_broken_setup_in_one_line(workspace, name):
    home, env, words_of_error, lock = condition(name, workspace)
    commands = command_names()
    assert len(commands) >= 14  # the group was read, not an empty list
    try:
        def attempt(words):
            target = home
            if name == "missing-home":  # each its own, so one that makes a home does not make it for the next
                target = workspace / "no" / "-".join(words) / "place"
            elif words == ("restore",):
                target = workspace / f"restored-{name}"
            args = arguments(words, workspace, free_port())
            if words == ("backup",):
                args[-1] += f"-{name}"
            return words, run(["--home", str(target), *args], env, timeout=20)

        with ThreadPoolExecutor(max_workers=3) as pool:
            results = list(pool.map(attempt, commands))
    finally:
        if lock is not None:
            lock.rollback()
            lock.close()
    for words, proc in results:
        said = proc.stdout + proc.stderr
        command = " ".join(words)
        assert "Traceback" not in said, f"{command} under {name}:\n{said}"
        if proc.returncode not in (0, None):
            errors = [line for line in proc.stderr.splitlines() if line.startswith("Error:")]
            assert len(errors) == 1, f"{command} under {name} did not end in one error line:\n{proc.stderr}"
        if applies(name, words):
            assert proc.returncode not in (0, None), f"{command} under {name} went on:\n{said}"
            assert words_of_error in proc.stderr, f"{command} under {name}:\n{proc.stderr}"
            assert "secret" not in said  # a password in DATABASE_URL is never repeated
    if name == "missing-home":  # only the commands that make an archive made a home
        assert {p.name for p in (workspace / "no").iterdir()} <= CREATING


def test_a_writer_beside_a_lock_says_the_database_is_locked(workspace):
    home = copy_home(workspace, "locked-writer")
    lock = sqlite3.connect(home / "morgue.sqlite3", isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    try:
        proc = run(["--home", str(home), "ingest", str(workspace / "page.html"), "--workers", "1", "--quiet"],
                   {"MORGUE_DATABASE_TIMEOUT": "0.5"})
    finally:
        lock.rollback()
        lock.close()
    assert proc.returncode != 0 and "locked" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr


def test_a_port_in_use_is_named_with_another_to_try(workspace):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = run(["--home", str(workspace / "good"), "serve", "--port", str(port)], {}, timeout=30)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"port {port} on 127.0.0.1 is already in use" in proc.stderr and f"--port {port + 1}" in proc.stderr
    assert "Serving" not in proc.stdout  # it never claimed to serve


def test_unknown_kind_and_section_name_the_known_ones(workspace):
    kind = run(["--home", str(workspace / "good"), "audit", "--kind", "mojibak"], {})
    assert kind.returncode != 0 and "did you mean 'mojibake'?" in kind.stderr and "misspelling" in kind.stderr
    section = run(["--home", str(workspace / "good"), "audit", "--section", "Nowhere"], {})
    assert section.returncode != 0 and "'Nowhere' is not a section this archive has" in section.stderr
    assert "the sections are Business" in section.stderr
    near = run(["--home", str(workspace / "good"), "audit", "--section", "business"], {})
    assert near.returncode != 0 and "did you mean 'Business'?" in near.stderr


def test_debug_shows_the_traceback(workspace):
    proc = run(["--home", str(workspace / "good"), "--debug", "stats"], {"DATABASE_URL": "bogus://x"})
    assert proc.returncode != 0 and "Traceback" in proc.stderr and "DATABASE_URL cannot be used" in proc.stderr
