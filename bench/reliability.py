#!/usr/bin/env python3
"""Every kind of hostile input, ingested: what became of each document, how long it took, how much memory.

Usage: .venv/bin/python bench/reliability.py [--work DIR] [--kinds a,b] [--workers 2] [--command ingest|extract]

1. Writes the hostile corpus (bench/hostile.py: one folder per kind) in --work.
2. For each kind, runs `morgue ingest KIND --workers W -q` into a fresh
   archive (or `morgue extract KIND --json`), watching the whole process
   tree's memory from /proc (the high-water mark, VmHWM, of every process).
3. Prints one row per kind — the outcome (articles; rejections and their
   reasons), documents accounted for (read = stored + rejected + known),
   wall time, the slowest document's time (ingest's summary says it), and the
   peak RSS of the largest process — then a summary: kinds tried, clear
   outcomes, unaccounted documents, longest run, peak RSS.

A clear outcome: the command exited 0 with no traceback, and every document
read is stored, rejected with a reason, or already known. Targets (issue 11):
100% clear, 0 unaccounted, peak RSS <= 1 GiB, no document past its budget + 5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile  # noqa: E402

MORGUE = [sys.executable, "-m", "morgue.cli"]


def tree(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found, frontier = {pid}, [pid]
    while frontier:
        p = frontier.pop()
        for child, parent in parents.items():
            if parent == p and child not in found:
                found.add(child)
                frontier.append(child)
    return found


def high_water_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_watched(args: list[str], env: dict, timeout: float) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run a command; return it, its wall time, and the peak RSS (KiB) of its largest process."""
    started = time.monotonic()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]
    done = threading.Event()

    def watch():
        while not done.is_set():
            for pid in tree(proc.pid):
                peak[0] = max(peak[0], high_water_kib(pid))
            done.wait(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        err += f"\n(killed after {timeout:.0f} s)"
    done.set()
    watcher.join()
    return subprocess.CompletedProcess(args, proc.returncode, out, err), time.monotonic() - started, peak[0]


def ingest_kind(folder: Path, work: Path, workers: int, timeout: float, doc_timeout: float = 60.0) -> dict:
    home = Path(tempfile.mkdtemp(prefix=f"home-{folder.name}-", dir=work))
    env = {k: v for k, v in os.environ.items() if k not in ("MORGUE_HOME", "DATABASE_URL")}
    proc, seconds, peak = run_watched([*MORGUE, "--home", str(home), "ingest", str(folder), "--workers", str(workers),
                                       "--doc-timeout", f"{doc_timeout:g}"],
                                      env, timeout)
    slowest = re.search(r"^  slowest document +([\d,.]+) s", proc.stdout, re.M)
    row = {"kind": folder.name, "seconds": seconds, "peak_mib": peak / 1024, "exit": proc.returncode,
           "doc_seconds": float(slowest.group(1).replace(",", "")) if slowest else 0.0,
           "traceback": "Traceback" in proc.stderr, "error": proc.stderr.strip().splitlines()[-1] if proc.returncode else ""}
    stats = subprocess.run([*MORGUE, "--home", str(home), "stats", "--json"], env=env, capture_output=True, text=True)
    if stats.returncode == 0:
        data = json.loads(stats.stdout)
        acc = data["accounting"]
        row.update(read=acc["read"], stored=acc["stored"], rejected=acc["rejected"], known=acc["known"],
                   unaccounted=acc["unaccounted"], articles=data["articles"],
                   reasons=Counter({r["name"]: r["count"] for r in data["rejected_by_reason"]}))
    else:
        row.update(read=0, stored=0, rejected=0, known=0, unaccounted=0, articles=0, reasons=Counter())
    row["clear"] = proc.returncode == 0 and not row["traceback"] and row["unaccounted"] == 0 and row["read"] > 0
    return row


def extract_kind(folder: Path, work: Path, workers: int, timeout: float, doc_timeout: float = 60.0) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("MORGUE_HOME",)}
    proc, seconds, peak = run_watched([*MORGUE, "extract", str(folder), "--json"], env, timeout)
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    reasons = Counter(r["reason"] for r in records if r["status"] == "rejected")
    articles = sum(1 for r in records if r["status"] == "article")
    row = {"kind": folder.name, "seconds": seconds, "peak_mib": peak / 1024, "exit": proc.returncode,
           "traceback": "Traceback" in proc.stderr, "read": len(records), "stored": articles, "rejected": sum(reasons.values()),
           "known": 0, "unaccounted": 0, "articles": articles, "reasons": reasons,
           "error": proc.stderr.strip().splitlines()[-1] if proc.returncode and proc.stderr.strip() else ""}
    row["clear"] = proc.returncode == 0 and not row["traceback"] and len(records) > 0
    return row


def outcome(row: dict) -> str:
    parts = [f"{row['articles']} article{'s' if row['articles'] != 1 else ''}"] if row["articles"] else []
    parts += [f"{reason} {n}" for reason, n in sorted(row["reasons"].items())]
    text = ", ".join(parts) or "nothing"
    if row["exit"]:
        text += f"; EXIT {row['exit']}: {row['error'][:60]}"
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--kinds", default="")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--command", choices=["ingest", "extract"], default="ingest")
    parser.add_argument("--doc-timeout", type=float, default=60.0, help="morgue ingest --doc-timeout (the budget the slowest document is held to)")
    parser.add_argument("--timeout", type=float, default=900.0, help="Seconds before a kind's run is killed (a failure).")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="morgue-reliability-"))
    work.mkdir(parents=True, exist_ok=True)
    kinds = [k for k in args.kinds.split(",") if k] or list(hostile.KINDS)
    corpus = hostile.write_corpus(work / "corpus", kinds)
    run_kind = ingest_kind if args.command == "ingest" else extract_kind
    rows = []
    print("| kind | outcome | read | unaccounted | seconds | slowest document s | peak RSS MiB | clear |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for name in kinds:
        row = run_kind(corpus[name], work, args.workers, args.timeout, args.doc_timeout)
        rows.append(row)
        print(f"| {name} | {outcome(row)} | {row['read']} | {row['unaccounted']} | {row['seconds']:.1f} | "
              + (f"{row['doc_seconds']:.1f}" if "doc_seconds" in row else "–") + f" | {row['peak_mib']:.0f} | {'yes' if row['clear'] else 'NO'} |", flush=True)
    slowest = max(rows, key=lambda r: r["seconds"])
    slowest_doc = max(rows, key=lambda r: r.get("doc_seconds", 0))
    print()
    print(f"kinds tried {len(rows)}; clear outcomes {sum(r['clear'] for r in rows)} of {len(rows)}; "
          f"unaccounted documents {sum(r['unaccounted'] for r in rows)}; "
          f"longest run {slowest['seconds']:.1f} s ({slowest['kind']}); "
          + (f"slowest document {slowest_doc['doc_seconds']:.1f} s ({slowest_doc['kind']}; budget {args.doc_timeout:g} s + 5); "
             if args.command == "ingest" else "") +
          f"peak RSS {max(r['peak_mib'] for r in rows):.0f} MiB ({max(rows, key=lambda r: r['peak_mib'])['kind']})")
    return 0 if all(r["clear"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
