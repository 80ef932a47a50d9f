"""Article-body extraction: morgue against trafilatura, readability, newspaper4k and resiliparse.

Runs every extractor on the same HTML pages and prints one table per data set
(markdown, ready for docs/benchmarks.md):

1. dev: the 181 pages of scrapinghub's article-extraction-benchmark
   (/work/shared/data/extraction-dev), scored with its 4-gram shingle metric
   (bench/extract_metric.py), for all pages and for the "tune" and
   "holdout" halves (split by a hash of the site: ``split_of``). The same
   run scores morgue's and trafilatura's predictions again with
   /work/shared/tools/extract_score.py and stops if the two disagree.
2. demo: the HTML pages of a generated demo archive (the Courier's files and
   zip members, the Post's WARC responses), scored with the same metric
   against the body each page shows (``damage.page_body``: damage included).

Timing: each extractor runs in this process, one page after another, over
pages already decompressed in memory, after one untimed warm-up page.
pages/s is pages / CPU seconds of this process (``time.process_time``), so
another job on the machine slows the wall clock but not the figure; the
ratios to trafilatura come from the same run. A peer that raises on a page
gets an empty prediction there, counted under "failed".

Usage:  .venv/bin/python bench/extraction.py [--only dev|demo] [--limit N]
        [--peers trafilatura,morgue,...] [--articles 900] [--seed 5] [--json OUT]
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # so "bench." imports work as a script

from bench.extract_metric import CorpusScore, PageScore, score_corpus, score_page, split_of  # noqa: E402
from bench.extract_peers import (  # noqa: E402
    PEERS, Page, morgue_batch, morgue_batch_function, morgue_checkout, quiet_imports, versions,
)

DEV = Path("/work/shared/data/extraction-dev")
SCORER = Path("/work/shared/tools/extract_score.py")


@dataclass
class Run:
    """What one extractor produced on a data set: a text per page, failures, and the time it took."""

    name: str
    label: str
    texts: list[str]
    failed: set[int]  # indices of the pages it raised on
    cpu: float
    wall: float
    scores: list[PageScore]


def load_dev(limit: int | None) -> list[Page]:
    """Return the dev set's pages, decompressed, with their truth and tune/holdout half."""
    pages = []
    with open(DEV / "ground_truth.jsonl", encoding="utf-8") as f:
        records = sorted((json.loads(line) for line in f if line.strip()), key=lambda r: r["id"])
    for record in records[:limit]:
        data = gzip.decompress((DEV / f"{record['id']}.html.gz").read_bytes())
        # Upstream reads the pages as UTF-8 text; so do we for the peers.
        pages.append(Page(id=record["id"], url=record["url"], data=data, html=data.decode("utf-8", "replace"),
                          truth=record["articleBody"] or "", group=split_of(record["url"])))
    return pages


def load_demo(dest: Path, articles: int, seed: int, limit: int | None) -> list[Page]:
    """Return the HTML pages of a freshly generated demo archive, with the body each page shows."""
    from morgue.demo.damage import page_body
    from morgue.demo.generate import DemoOptions, generate_demo
    from morgue.read.sources import read_sources

    # 1. Generate the archive and index its truth by source location (as bench/demo_fidelity.py does).
    summary = generate_demo(dest, DemoOptions(articles=articles, seed=seed))
    truth = {}
    with open(summary.truth, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            source = record["source"]
            key = str(summary.sources / source["path"])
            key += ("!" + source["member"]) if source.get("member") else ""
            key += ("@" + str(source["offset"])) if source.get("offset") is not None else ""
            truth[key] = record
    # 2. Keep the HTML documents the reader yields (files, zip members, WARC responses).
    pages = []
    for doc in read_sources([summary.sources]):
        if getattr(doc, "kind", None) != "html" or doc.location.key() not in truth:
            continue
        record = truth[doc.location.key()]
        body = "\n".join(page_body(record["body"], record["damage"]))
        pages.append(Page(id=doc.location.key(), url=record["url"], data=doc.data,
                          html=doc.data.decode("utf-8", "replace"), truth=body,
                          group=f"{record['site']}/{record['format']}", doc=doc))
    return pages[:limit]


def run_per_page(name: str, label: str, extract, pages: list[Page]) -> Run:
    """Time one per-page extractor over all pages (after an untimed warm-up page) and score it."""
    # 1. Warm up: the first call pays for lazy imports and caches.
    try:
        extract(pages[0])
    except Exception:  # noqa: BLE001 - a peer's failure on the warm-up page is counted below
        pass
    # 2. Extract every page; a raised exception is an empty prediction and a failure.
    texts, failed = [], set()
    cpu, wall = time.process_time(), time.perf_counter()
    for i, page in enumerate(pages):
        try:
            texts.append(extract(page) or "")
        except Exception as e:  # noqa: BLE001 - one bad page never stops the bench
            logging.getLogger("bench").debug("%s failed on %s: %r", name, page.id, e)
            texts.append("")
            failed.add(i)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return Run(name, label, texts, failed, cpu, wall, [score_page(p.truth, t) for p, t in zip(pages, texts)])


def run_batch(pages: list[Page]) -> Run:
    """Time morgue's whole-archive extraction (learns each site's chrome from all its pages first)."""
    morgue_batch(pages[:1])  # warm-up
    cpu, wall = time.process_time(), time.perf_counter()
    texts = morgue_batch(pages)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return Run("morgue-batch", "morgue (site batch)", texts, set(), cpu, wall,
               [score_page(p.truth, t) for p, t in zip(pages, texts)])


def table(runs: list[Run], pages: list[Page], group: str | None) -> tuple[str, list[dict]]:
    """Return the markdown table of the runs on the pages of one group (None: all), and its rows."""
    keep = [i for i, p in enumerate(pages) if group is None or p.group == group]
    rows = []
    for run in runs:
        score: CorpusScore = score_corpus([run.scores[i] for i in keep])
        rows.append({"extractor": run.label, "f1": score.f1, "precision": score.precision,
                     "recall": score.recall, "pages": len(keep), "empty": score.empty,
                     "failed": len(run.failed.intersection(keep)),
                     "pages_per_s": len(pages) / run.cpu if run.cpu else float("inf"),
                     "cpu_s": run.cpu, "wall_s": run.wall})
    base = next((r for r in rows if r["extractor"] == "trafilatura"), None)
    lines = ["| extractor | body F1 | precision | recall | pages/s (1 core) | F1 vs trafilatura "
             "| speed vs trafilatura | empty | failed |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        vs_f1 = f"{r['f1'] - base['f1']:+.3f}" if base else "–"
        vs_speed = f"{r['pages_per_s'] / base['pages_per_s']:.2f}×" if base else "–"
        name = f"**{r['extractor']}**" if r["extractor"].startswith("morgue") else r["extractor"]
        lines.append(f"| {name} | {r['f1']:.3f} | {r['precision']:.3f} | {r['recall']:.3f} "
                     f"| {r['pages_per_s']:.1f} | {vs_f1} | {vs_speed} | {r['empty']} | {r['failed']} |")
    return "\n".join(lines), rows


def cross_check(pages: list[Page], runs: list[Run]) -> list[str]:
    """Score morgue's and trafilatura's predictions with extract_score.py too; fail if it disagrees."""
    lines = []
    with tempfile.TemporaryDirectory(prefix="morgue-xcheck-") as tmp:
        truth = Path(tmp, "truth.jsonl")
        truth.write_text("".join(json.dumps({"id": p.id, "url": p.url, "articleBody": p.truth}) + "\n"
                                 for p in pages), encoding="utf-8")
        for run in runs:
            if run.name not in ("morgue", "trafilatura"):
                continue
            predictions = Path(tmp, f"{run.name}.jsonl")
            predictions.write_text("".join(json.dumps({"id": p.id, "text": t}) + "\n"
                                           for p, t in zip(pages, run.texts)), encoding="utf-8")
            out = subprocess.run([sys.executable, str(SCORER), str(predictions), str(truth),
                                  "--json", "--bootstrap", "0"], check=True, capture_output=True, text=True)
            theirs, ours = json.loads(out.stdout), score_corpus(run.scores)
            for key in ("f1", "precision", "recall"):
                diff = abs(theirs[key] - getattr(ours, key))
                lines.append(f"- {run.label} {key}: bench/extract_metric.py {getattr(ours, key):.6f}, "
                             f"extract_score.py {theirs[key]:.6f} (|Δ| {diff:.1e})")
                if diff > 1e-6:
                    raise SystemExit(f"metric mismatch for {run.label} {key}: ours {getattr(ours, key)!r}, "
                                     f"extract_score.py {theirs[key]!r}")
    return lines


def notable_pages(pages: list[Page], runs: list[Run], show: int = 5) -> list[str]:
    """Return lines naming pages every extractor misses, and where morgue trails the best peer most."""
    lines = []
    mine = next((r for r in runs if r.name == "morgue-batch"), None) or next((r for r in runs if r.name == "morgue"), None)
    peers = [r for r in runs if not r.name.startswith("morgue")]
    hopeless = [i for i in range(len(pages)) if all(r.scores[i].f1 < 0.5 for r in runs)]
    lines.append(f"- pages where every extractor has page F1 < 0.5: {len(hopeless)}")
    lines += [f"  - {pages[i].url} ({pages[i].group})" for i in hopeless[:show]]
    if mine and peers:
        gaps = sorted(((max(r.scores[i].f1 for r in peers) - mine.scores[i].f1, i) for i in range(len(pages))),
                      reverse=True)
        lines.append(f"- where {mine.label} trails the best peer most (page F1):")
        for gap, i in gaps[:show]:
            if gap <= 0:
                break
            best = max(peers, key=lambda r: r.scores[i].f1)
            lines.append(f"  - {pages[i].url} ({pages[i].group}): {mine.scores[i].f1:.3f} vs "
                         f"{best.label} {best.scores[i].f1:.3f}")
    return lines


def bench(name: str, pages: list[Page], chosen: list[str], groups: list[str | None]) -> dict:
    """Run the chosen extractors on one data set, print its tables, return them as plain data."""
    runs = []
    for key in chosen:
        label, extract = PEERS[key]
        if key == "morgue" and name == "demo":
            label = "morgue, page by page"
        print(f"  running {label} on {len(pages)} pages…", file=sys.stderr, flush=True)
        runs.append(run_per_page(key, label, extract, pages))
    if "morgue" in chosen and name == "demo":
        if morgue_batch_function() is None:
            print("morgue.extract.batch.extract_documents does not exist in this checkout yet: "
                  "only the page-by-page morgue row.\n")
        else:
            print("  running morgue (site batch)…", file=sys.stderr, flush=True)
            runs.append(run_batch(pages))
    result = {"pages": len(pages), "tables": {}}
    for group in groups:
        text, rows = table(runs, pages, group)
        title = "all pages" if group is None else f"{group} half"
        print(f"### {name}: {title} ({sum(1 for p in pages if group in (None, p.group))} pages)\n\n{text}\n")
        result["tables"][group or "all"] = rows
    if name == "demo":
        by_group = sorted({p.group for p in pages})
        print("F1 by site/format:\n\n| extractor | " + " | ".join(by_group) + " |\n|---|"
              + "---:|" * len(by_group))
        for run in runs:
            cells = [score_corpus([s for s, p in zip(run.scores, pages) if p.group == g]).f1 for g in by_group]
            print(f"| {run.label} | " + " | ".join(f"{c:.3f}" for c in cells) + " |")
        print()
    if name == "dev":
        checks = cross_check(pages, runs)
        if checks:
            print("Cross-check with /work/shared/tools/extract_score.py (all pages):\n\n" + "\n".join(checks) + "\n")
    notes = notable_pages(pages, runs)
    print("\n".join(notes) + "\n")
    result["notes"] = notes
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=("dev", "demo"))
    parser.add_argument("--limit", type=int, help="score only the first N pages of each data set")
    parser.add_argument("--peers", default=",".join(PEERS), help=f"comma-separated, of: {','.join(PEERS)}")
    parser.add_argument("--articles", type=int, default=900, help="articles in the demo archive")
    parser.add_argument("--seed", type=int, default=5, help="seed of the demo archive")
    parser.add_argument("--json", type=Path, help="write the results as JSON here")
    args = parser.parse_args()
    chosen = [p.strip() for p in args.peers.split(",") if p.strip()]
    unknown = set(chosen) - set(PEERS)
    if unknown:
        parser.error(f"unknown extractor(s) {sorted(unknown)}; choose from {','.join(PEERS)}")
    logging.disable(logging.WARNING)  # trafilatura and readability log every odd page
    quiet_imports()

    # 1. Say what ran, where, with what.
    meta = {"date": datetime.date.today().isoformat(), "command": " ".join([".venv/bin/python"] + sys.argv),
            "cores": os.cpu_count(), "python": sys.version.split()[0], "versions": versions(),
            "morgue": morgue_checkout()}
    print(f"date {meta['date']}; command `{meta['command']}`; {meta['cores']} cores; Python {meta['python']}")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in meta["versions"].items()))
    print(f"morgue measured: {meta['morgue']}\n")
    results = {"meta": meta, "datasets": {}}
    # 2. The dev set: all pages, then each half.
    if args.only in (None, "dev"):
        results["datasets"]["dev"] = bench("dev", load_dev(args.limit), chosen, [None, "tune", "holdout"])
    # 3. The demo archive, generated into a temporary folder.
    if args.only in (None, "demo"):
        with tempfile.TemporaryDirectory(prefix="morgue-extraction-") as tmp:
            pages = load_demo(Path(tmp), args.articles, args.seed, args.limit)
            print(f"demo archive: {args.articles} articles, seed {args.seed}; {len(pages)} HTML pages\n")
            results["datasets"]["demo"] = bench("demo", pages, chosen, [None])
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
