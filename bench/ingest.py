#!/usr/bin/env python3
"""Ingest throughput: `morgue demo --articles N` ingested end to end, with the stages apart.

Usage: .venv/bin/python bench/ingest.py [--articles 20000] [--workers CORES] [--keep DIR]

Prints one table: reading alone, the pure stages (pack + extract) on one core,
enrichment (names, titles, quotations) on the same articles on one core,
and the whole ingest (read, extract in a pool, store originals, commit rows)
into a fresh SQLite archive, in documents/s, with the machine's core count.
Set DATABASE_URL to measure on PostgreSQL instead.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sample", type=int, default=1000, help="documents timed for the one-core stage figure")
    parser.add_argument("--keep", type=Path, help="keep the sources and archive in this folder")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="morgue-bench-ingest-"))
    work.mkdir(parents=True, exist_ok=True)
    from morgue.demo.generate import DemoOptions, generate_demo

    t0 = time.perf_counter()
    generate_demo(work / "demo", DemoOptions(articles=args.articles, seed=1))
    generate_s = time.perf_counter() - t0
    sources = work / "demo" / "sources"

    # 1. Reading alone: every source turned into raw documents.
    from morgue.read.sources import read_sources
    from morgue.read.document import RawDocument

    t0 = time.perf_counter()
    docs = sum(1 for item in read_sources([sources]))
    read_s = time.perf_counter() - t0

    # 2. The pure stages on one core, on the first --sample documents.
    from morgue.pipeline import process_document

    sample = [item for _, item in zip(range(args.sample), read_sources([sources])) if isinstance(item, RawDocument)]
    t0 = time.perf_counter()
    processed = [process_document(doc) for doc in sample]
    stage_s = time.perf_counter() - t0

    # 2b. Enrichment (names, titles, quotations) on the same articles, one core, the model loaded first.
    from morgue.enrich.article import enrich_body
    from morgue.enrich.entities import tagger

    tagger()
    bodies = [p.article.body for p in processed if p.article is not None]
    t0 = time.perf_counter()
    for body in bodies:
        enrich_body(body)
    enrich_s = time.perf_counter() - t0

    # 3. The whole ingest, as a user runs it, in a child process.
    home = work / "home"
    shutil.rmtree(home, ignore_errors=True)
    env = dict(os.environ, MORGUE_HOME=str(home))
    subprocess.run([sys.executable, "-m", "morgue.cli", "init", "--no-ask"], env=env, check=True, capture_output=True)  # create tables
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "morgue.cli", "ingest", str(sources), "--workers", str(args.workers), "-q"],
                          env=env, check=True, capture_output=True, text=True)
    ingest_s = time.perf_counter() - t0
    # ru_maxrss of the children is the largest of them (KiB on Linux): the ingest's main process.
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    summary = proc.stdout

    db = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"\nmorgue ingest benchmark — {args.articles:,} demo articles ({docs:,} documents), "
          f"{os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, {db}\n")
    print("| stage | documents | seconds | documents/s |")
    print("|---|---:|---:|---:|")
    print(f"| generate the demo sources | {args.articles:,} | {generate_s:,.1f} | {args.articles / generate_s:,.0f} |")
    print(f"| read alone | {docs:,} | {read_s:,.1f} | {docs / read_s:,.0f} |")
    print(f"| pack + extract, 1 core | {len(sample):,} | {stage_s:,.1f} | {len(sample) / stage_s:,.1f} |")
    print(f"| enrich (names, titles, quotes), 1 core | {len(bodies):,} | {enrich_s:,.1f} | {len(bodies) / enrich_s:,.1f} |")
    print(f"| **ingest end to end, {args.workers} workers** | {docs:,} | {ingest_s:,.1f} | **{docs / ingest_s:,.1f}** |")
    print(f"\npeak memory of the largest ingest process: {peak_mib:,.0f} MiB")
    print(f"end-to-end / one-core stages: {(docs / ingest_s) / (len(sample) / stage_s):.2f}x")
    print(f"enrich time per article / extraction's: {(enrich_s / max(1, len(bodies))) / (stage_s / len(sample)):.2f} "
          "(the target: 0.5 or less)\n")
    print(summary)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
