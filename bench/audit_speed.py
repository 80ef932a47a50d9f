#!/usr/bin/env python3
"""`morgue audit` speed: articles per second before and after, on one demo archive, in one run.

Usage: .venv/bin/python bench/audit_speed.py [--home DIR] [--articles 20000] [--before 070ba97] [--workers 2]

The archive home is built with `morgue demo --articles N` if it holds no
archive yet. Each row runs `morgue --home COPY audit --rescan` in a child
process on a fresh copy of the archive's database (so every row audits
every article from the same state) and times the whole command, start-up
and report included:

- ``before``: the code of commit --before (default 070ba97, the last one
  before the kept vocabulary and the pool), from a temporary git worktree;
- ``workers 1, relearned``: this code, one process, vocabulary learned afresh
  (what the old code did on every run);
- ``workers N, relearned``: the pool, vocabulary learned afresh;
- ``workers N, kept``: the pool with the vocabulary kept by an earlier run
  (that earlier run is not timed), as every run after the first is.

The defects each row stored are compared with the first row's: a row that
found other defects is marked. Shared machines are noisy: compare rows of
one run as ratios, not with other runs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MORGUE = "import sys; from morgue.cli import main; sys.argv[0] = 'morgue'; main()"


def morgue(args: list[str], src: Path, home: Path) -> tuple[float, str]:
    """Run `morgue --home HOME ARGS` with the code under ``src``; return the seconds it took and its output."""
    env = {**os.environ, "PYTHONPATH": str(src), "MORGUE_HOME": str(home)}
    env.pop("DATABASE_URL", None)  # SQLite in the home: the copy is what is audited
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", MORGUE, "--home", str(home), *args], env=env, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if done.returncode:
        sys.exit(f"morgue {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout + done.stderr


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def headroom(workers: int, n: int = 10_000_000) -> float:
    """Return how many times more pure-Python work ``workers`` processes do than one, on this machine now.

    On shared cores this, not the audit, bounds what a pool can gain.
    """
    import multiprocessing

    started = time.monotonic()
    for _ in range(workers):
        _burn(n)
    serial = time.monotonic() - started
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        pool.map(_burn, [n // 100] * workers)  # started before timing
        started = time.monotonic()
        pool.map(_burn, [n] * workers)
        parallel = time.monotonic() - started
    return serial / parallel


def copy_home(home: Path, into: Path) -> Path:
    """Return a new home holding a copy of the archive's database (originals are not read by the audit)."""
    into.mkdir(parents=True)
    source = sqlite3.connect(home / "morgue.sqlite3")
    target = sqlite3.connect(into / "morgue.sqlite3")
    source.backup(target)  # a consistent copy, WAL included
    source.close()
    target.close()
    (into / "secret_key").write_text((home / "secret_key").read_text())
    return into


def defects(home: Path) -> list[tuple]:
    db = sqlite3.connect(home / "morgue.sqlite3")
    rows = db.execute(
        'SELECT article_id, kind, field, paragraph, start, "end", suggestion, status FROM archive_defect ORDER BY 1, 2, 3, 4, 5, 6'
    ).fetchall()
    db.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path, default=Path(tempfile.gettempdir()) / "morgue-audit-speed")
    parser.add_argument("--articles", type=int, default=20000, help="demo articles, if the home is built")
    parser.add_argument("--before", default="070ba97", help="the commit to time as 'before'; '' skips that row")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    src = ROOT / "src"
    if not (args.home / "morgue.sqlite3").exists():
        print(f"building a demo archive of {args.articles:,} articles in {args.home} ...", file=sys.stderr)
        morgue(["demo", "--articles", str(args.articles)], src, args.home)

    spare_before = headroom(args.workers)
    scratch = Path(tempfile.mkdtemp(prefix="morgue-audit-speed-"))
    rows = []
    try:
        runs = []
        if args.before:
            tree = scratch / "before-tree"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), args.before], check=True, capture_output=True)
            runs.append((f"before ({args.before}, one process, learned every run)", tree / "src", ["--rescan"], False))
        runs += [
            ("workers 1, vocabulary relearned", src, ["--rescan", "--workers", "1", "--relearn"], False),
            (f"workers {args.workers}, vocabulary relearned", src, ["--rescan", "--workers", str(args.workers), "--relearn"], False),
            (f"workers {args.workers}, vocabulary kept", src, ["--rescan", "--workers", str(args.workers)], True),
        ]
        reference = None
        for i, (name, code, audit_args, keep_first) in enumerate(runs):
            home = copy_home(args.home, scratch / f"home-{i}")
            if keep_first:
                morgue(["audit", "--workers", str(args.workers)], code, home)  # keeps the vocabulary; not timed
            seconds, output = morgue(["audit", *audit_args], code, home)
            audited = int(re.search(r"Audited ([\d,]+) articles", output).group(1).replace(",", ""))
            found = defects(home)
            reference = found if reference is None else reference
            rows.append((name, audited, seconds, len(found), found == reference))
            shutil.rmtree(home)
    finally:
        if args.before:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(scratch / "before-tree")], capture_output=True)
        shutil.rmtree(scratch, ignore_errors=True)

    spare = headroom(args.workers)
    base = rows[0][1] / rows[0][2]
    print(f"\n`morgue audit --rescan` on {rows[0][1]:,} demo articles, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}\n")
    print("| run | articles | seconds | articles/s | vs first row | defects | same defects as first row |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, audited, seconds, count, same in rows:
        rate = audited / seconds
        print(f"| {name} | {audited:,} | {seconds:,.1f} | {rate:,.0f} | {rate / base:.2f}x | {count:,} | {'yes' if same else 'NO'} |")
    print(f"\nHeadroom: {args.workers} processes of pure Python did {spare_before:.2f}x the work of one just before "
          f"these runs and {spare:.2f}x just after (the most any pool could gain on this machine then).")


if __name__ == "__main__":
    main()
