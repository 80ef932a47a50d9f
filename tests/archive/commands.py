"""Running `morgue` in a child process, as a user would, for the tests that kill, fill or back up an archive."""

from __future__ import annotations

import os
import subprocess
import sys

MORGUE = [sys.executable, "-m", "morgue.cli"]


def child_env(database_url: str | None = None) -> dict:
    """Return the environment for a child `morgue`: this one's, with the database named (None: SQLite in its home)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MORGUE_HOME")}
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def morgue(home, *args, env, check=True, timeout=600):
    """Run `morgue --home HOME ARGS...`; raise with its output if it fails and ``check``."""
    proc = subprocess.run([*MORGUE, "--home", str(home), *args], env=env, capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"morgue {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc
