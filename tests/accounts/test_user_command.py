"""`morgue user create` and `morgue user list`, in a child process with its own archive home."""

import os
import subprocess
import sys

MORGUE = [sys.executable, "-m", "morgue.cli"]


def morgue(*args, stdin=None):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MORGUE_HOME")}
    return subprocess.run([*MORGUE, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120)


def test_create_and_list_users(tmp_path):
    home = str(tmp_path / "home")
    nowhere = morgue("--home", home, "user", "create", "ed", "--password-stdin", stdin="a-long-desk-password\n")
    assert nowhere.returncode != 0 and "there is no archive at" in nowhere.stderr and not (tmp_path / "home").exists()
    assert morgue("--home", home, "init").returncode == 0
    created = morgue("--home", home, "user", "create", "ed", "--editor", "--email", "ed@paper.example", "--password-stdin",
                     stdin="a-long-desk-password\n")
    assert created.returncode == 0 and "Created ed (editor)" in created.stdout, created.stderr
    assert "Created ada (admin)" in morgue("--home", home, "user", "create", "ada", "--admin", "--password-stdin",
                                           stdin="another-long-password\n").stdout
    assert "Created rita (reader)" in morgue("--home", home, "user", "create", "rita", "--password-stdin",
                                             stdin="reader-long-password\n").stdout
    taken = morgue("--home", home, "user", "create", "ED", "--password-stdin", stdin="a-long-desk-password\n")
    assert taken.returncode != 0 and "taken" in taken.stderr
    weak = morgue("--home", home, "user", "create", "bob", "--password-stdin", stdin="bob\n")
    assert weak.returncode != 0 and "too short" in weak.stderr
    listing = morgue("--home", home, "user", "list").stdout
    lines = {line.split()[0]: line.split()[1] for line in listing.splitlines()[1:-1]}
    assert lines == {"ada": "admin", "ed": "editor", "rita": "reader"}
    assert "ed@paper.example" in listing and "3 accounts" in listing
