#!/usr/bin/env python3
"""Same-story clustering: precision and recall of duplicate pairs, and the time and memory of a million.

Usage: .venv/bin/python bench/duplicates.py [--demo 20000] [--scale 1000000] [--add 10000] [--workers 2]

1. BBC News (shared corpora, read in place): the pairs of articles morgue
   puts in one cluster, against the corpus README's near-duplicate clusters
   (word 5-shingle Jaccard >= 0.8, exact duplicates included). Raw figures,
   then "reviewed": a pair the labels miss that was read and judged the same
   story (bench/duplicates_reviewed_pairs.tsv) is not counted against
   precision; unreviewed extra pairs still are. The peer, datasketch's
   MinHash + MinHashLSH at the same threshold, runs on the same texts in
   the same run: its pairs and its time beside ours, and how close each
   estimate of Jaccard is to the exact one.
2. Reuters-21578 (never looked at while writing the clustering): recall of
   its exact-duplicate pairs (the dev file's exact_dup_key), and how many
   further pairs morgue folds (unlabelled near-duplicates).
3. Demo reprints with known edits (a changed headline, a cut last
   paragraph, a changed byline, an update a day later): pairs against the
   generator's truth, recall by edit. Seed 1 was looked at; seed 2 was not.
4. Scale: --scale demo articles generated and signed in worker processes
   (the time of signing is measured in the workers, beside the wall time),
   clustered from scratch; then --add more articles signed and joined to
   the clustered archive incrementally. Peak resident memory of the parent
   and of the largest worker.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from morgue.demo.generate import DemoOptions, demo_versions  # noqa: E402
from morgue.enrich.duplicates import SAME_STORY_FROM, DuplicateIndex, components, sign_texts  # noqa: E402
from morgue.enrich.minhash import jaccard, shingle_set, signatures, words_of  # noqa: E402

CORPORA = Path("/work/shared/data/corpora")
REVIEWED = Path(__file__).with_name("duplicates_reviewed_pairs.tsv")


def pairs_of(labels) -> set[tuple]:
    """Return every pair of items that share a label."""
    groups = defaultdict(list)
    for item, label in labels:
        groups[label].append(item)
    return {pair for members in groups.values() for pair in itertools.combinations(sorted(members), 2)}


def score(found: set, truth: set, forgiven: set = frozenset()) -> tuple[float, float]:
    """Return precision and recall; a found pair in ``forgiven`` is neither right nor wrong."""
    judged = found - (forgiven - truth)
    precision = len(judged & truth) / len(judged) if judged else 1.0
    recall = len(found & truth) / len(truth) if truth else 1.0
    return precision, recall


def morgue_pairs(ids: list, texts: list[str]) -> set[tuple]:
    labels = components(len(texts), DuplicateIndex().add(np.arange(len(texts)), texts))
    return pairs_of(zip(ids, labels, strict=True))


def datasketch_pairs(ids: list, texts: list[str]) -> set[tuple]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=SAME_STORY_FROM, num_perm=128)
    hashes = {}
    for key, text in zip(ids, texts, strict=True):
        words = words_of(text)
        shingles = {" ".join(words[i:i + 5]).encode() for i in range(max(1, len(words) - 4))}
        m = MinHash(num_perm=128)
        m.update_batch(list(shingles))
        hashes[key] = m
        lsh.insert(key, m)
    found = set()
    for key, m in hashes.items():
        for other in lsh.query(m):
            if other != key and m.jaccard(hashes[other]) >= SAME_STORY_FROM:
                found.add(tuple(sorted((key, other))))
    # Clusters as morgue makes them: connected pieces of the pairs.
    index = {k: i for i, k in enumerate(ids)}
    labels = components(len(ids), np.array([(index[a], index[b]) for a, b in found], dtype=np.int64).reshape(-1, 2))
    return pairs_of(zip(ids, labels, strict=True)), hashes


def reviewed_pairs() -> set[tuple]:
    pairs = set()
    for line in REVIEWED.read_text().splitlines():
        if line and not line.startswith("#"):
            a, b, verdict, *_ = line.split("\t")
            if verdict == "same story":
                pairs.add(tuple(sorted((a, b))))
    return pairs


def bbc(table: list) -> None:
    rows = [json.loads(line) for line in open(CORPORA / "bbc" / "bbc_dev.jsonl", encoding="utf-8")]
    ids = [r["id"] for r in rows]
    texts = [r["title"] + "\n" + r["text"] for r in rows]
    truth = pairs_of((r["id"], r["near_dup_cluster"]) for r in rows)
    forgiven = reviewed_pairs()
    started = time.perf_counter()
    ours = morgue_pairs(ids, texts)
    our_seconds = time.perf_counter() - started
    started = time.perf_counter()
    theirs, their_hashes = datasketch_pairs(ids, texts)
    their_seconds = time.perf_counter() - started
    for name, found, seconds in (("morgue", ours, our_seconds), ("datasketch", theirs, their_seconds)):
        p, r = score(found, truth)
        rp, _ = score(found, truth, forgiven)
        table.append(("BBC dev (labels ≥0.8)", name, len(truth), len(found), p, rp, r, f"{seconds:.2f} s"))
    unreviewed = sorted((ours - truth) - forgiven)
    if unreviewed:
        by_id = dict(zip(ids, rows, strict=True))
        print(f"BBC pairs morgue folds that the labels miss and nobody has reviewed ({len(unreviewed)}):")
        for a, b in unreviewed:
            exact = jaccard(shingle_set(by_id[a]["title"] + "\n" + by_id[a]["text"]), shingle_set(by_id[b]["title"] + "\n" + by_id[b]["text"]))
            print(f"  {a}\t{b}\tJaccard {exact:.3f}\t{by_id[a]['title']} | {by_id[b]['title']}")
    # How close each estimate of Jaccard is to the exact one, on pairs near the threshold.
    ours_sig = dict(zip(ids, signatures(texts), strict=True))
    errors = {"morgue": [], "datasketch": []}
    for a, b in sorted(ours | theirs | truth):
        exact = jaccard(shingle_set(texts[ids.index(a)]), shingle_set(texts[ids.index(b)]))
        errors["morgue"].append(abs((ours_sig[a] == ours_sig[b]).mean() - exact))
        errors["datasketch"].append(abs(their_hashes[a].jaccard(their_hashes[b]) - exact))
    print("mean |estimated − exact Jaccard| over the candidate pairs: "
          + ", ".join(f"{name} {np.mean(e):.3f}" for name, e in errors.items()))


def reuters(table: list) -> None:
    rows = [json.loads(line) for line in open(CORPORA / "reuters21578" / "reuters21578_dev.jsonl", encoding="utf-8")]
    rows = [r for r in rows if r.get("exact_dup_key")]
    ids = [r["newid"] for r in rows]
    texts = [r["title"] + "\n" + r["body"] for r in rows]
    truth = pairs_of((r["newid"], r["exact_dup_key"]) for r in rows)
    started = time.perf_counter()
    ours = morgue_pairs(ids, texts)
    seconds = time.perf_counter() - started
    _, recall = score(ours, truth)
    table.append(("Reuters dev exact dups", "morgue", len(truth), len(ours), None, None, recall, f"{seconds:.2f} s"))
    print(f"Reuters: {len(ours - truth)} pairs folded beyond the exact duplicates (near-duplicates, unlabelled)")


def demo(table: list, articles: int, seed: int) -> None:
    options = DemoOptions(articles=articles, seed=seed, near_duplicate_rate=0.05)
    versions = list(demo_versions(options))
    root, edit_of = {}, {}
    for number, _, original, edit in versions:
        root[number] = root[original] if original else number
        edit_of[number] = edit
    ids = [number for number, *_ in versions]
    texts = ["\n".join([story.headline, *story.paragraphs]) for _, story, _, _ in versions]
    truth = pairs_of((n, root[n]) for n in ids)
    started = time.perf_counter()
    ours = morgue_pairs(ids, texts)
    seconds = time.perf_counter() - started
    p, r = score(ours, truth)
    table.append((f"demo seed {seed} ({'seen' if seed == 1 else 'unseen'})", "morgue", len(truth), len(ours), p, p, r, f"{seconds:.2f} s"))
    missed = Counter(edit_of[b] or edit_of[a] for a, b in truth - ours)
    made = Counter(edit_of[b] or edit_of[a] for a, b in truth)
    print(f"demo seed {seed}: recall by reprint edit: "
          + ", ".join(f"{edit} {1 - missed[edit] / n:.3f} of {n}" for edit, n in sorted(made.items())))


def _sign_range(args):
    """Worker: generate demo articles first..last and sign them; return keys, signatures, exact keys, seconds."""
    options, first, last = args
    texts = ["\n".join([story.headline, *story.paragraphs]) for _, story, _, _ in demo_versions(options, first, last)]
    started = time.perf_counter()
    sigs, exact = sign_texts(texts)
    return np.arange(first, last + 1), sigs, exact, time.perf_counter() - started, len(" ".join(texts).split())


def scale(table: list, articles: int, added: int, workers: int, chunk: int = 10_000) -> None:
    options = DemoOptions(articles=articles + added, seed=3, near_duplicate_rate=0.01)
    started = time.perf_counter()
    signing, words = 0.0, 0
    all_keys = np.zeros(articles, dtype=np.int64)
    all_sigs = np.zeros((articles, 128), dtype=np.uint32)
    all_exact = np.zeros(articles, dtype="S24")
    with ProcessPoolExecutor(workers) as pool:
        ranges = [(options, first, min(first + chunk - 1, articles)) for first in range(1, articles + 1, chunk)]
        for keys, sigs, exact, seconds, count in pool.map(_sign_range, ranges):
            all_keys[keys - 1], all_sigs[keys - 1], all_exact[keys - 1] = keys, sigs, exact
            signing += seconds
            words += count
    generated = time.perf_counter() - started
    clustering = time.perf_counter()
    index = DuplicateIndex()
    pairs = index.add_signed(all_keys, all_sigs, all_exact)
    del all_keys, all_sigs, all_exact
    labels = components(articles + 1, pairs)
    clustered = time.perf_counter() - clustering
    clusters = Counter(labels[1:])
    folded = sum(1 for n in clusters.values() if n > 1)
    # The incremental step: sign the new articles here, join them, re-label the clusters.
    adding = time.perf_counter()
    keys, sigs, exact, _, _ = _sign_range((options, articles + 1, articles + added))
    new_pairs = index.add_signed(keys, sigs, exact)
    components(articles + added + 1, np.concatenate([pairs, new_pairs]))
    add_seconds = time.perf_counter() - adding
    # What `morgue classify` also pays each run: the index read from the home and written back.
    stored = Path("/tmp/morgue-bench-duplicates.npz")
    saving = time.perf_counter()
    index.save(stored)
    DuplicateIndex.load(stored)
    store_seconds = time.perf_counter() - saving
    size = stored.stat().st_size / 2**20
    stored.unlink()
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20
    print(f"\nscale: {articles:,} demo articles ({words / articles:.0f} words each), {workers} workers")
    print("| step | seconds |\n|---|---:|")
    print(f"| generate + sign in workers (wall) | {generated:.1f} |")
    print(f"| of which signing (summed over workers; ÷{workers} for wall) | {signing:.1f} |")
    print(f"| cluster the signed articles (LSH + pairs + components) | {clustered:.1f} |")
    print(f"| sign + cluster, wall (signing ÷ workers + clustering) | {signing / workers + clustered:.1f} |")
    print(f"| add {added:,} articles to the clustered archive (sign + join + relabel) | {add_seconds:.1f} |")
    print(f"| write and read back the index ({size:,.0f} MiB), as each `morgue classify` run does | {store_seconds:.1f} |")
    print(f"clusters with more than one article: {folded:,}; pairs: {len(pairs):,}; "
          f"peak memory: parent {parent:.2f} GiB, largest worker {child:.2f} GiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--demo", type=int, default=20_000, help="demo articles per seed (0: skip)")
    parser.add_argument("--scale", type=int, default=0, help="demo articles to cluster for time and memory (0: skip)")
    parser.add_argument("--add", type=int, default=10_000, help="articles added incrementally after --scale")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-corpora", action="store_true")
    args = parser.parse_args()
    table: list = []
    if not args.skip_corpora:
        bbc(table)
        reuters(table)
    if args.demo:
        for seed in (1, 2):
            demo(table, args.demo, seed)
    if table:
        print(f"\nsame story from estimated Jaccard {SAME_STORY_FROM} (word 5-shingles, 128 permutations, 32 bands × 4)")
        print("| data | tool | true pairs | pairs found | precision | precision (reviewed) | recall | time |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        for data, tool, true, found, p, rp, r, seconds in table:
            cell = lambda x: "–" if x is None else f"{x:.3f}"  # noqa: E731
            print(f"| {data} | {tool} | {true} | {found} | {cell(p)} | {cell(rp)} | {cell(r)} | {seconds} |")
    if args.scale:
        scale(table, args.scale, args.add, args.workers)


if __name__ == "__main__":
    main()
