#!/usr/bin/env python3
"""Sections and topics learned from the archive: accuracy, calibration, mis-filings found, topic F1.

Usage: .venv/bin/python bench/sections.py [--splits 3] [--flip-seeds 1 2 3] [--no-topics]

1. BBC News (shared corpora, read in place): a stratified held-out fifth,
   grouped by morgue's own same-story clusters so no reprint straddles the
   split, drawn --splits times. Accuracy and macro-F1 of morgue's section
   model beside the corpus README's reference (TF-IDF word 1–2-grams,
   sublinear, min_df 2, LogisticRegression C=20) on the same fifths, and
   the expected calibration error of morgue's confidences.
2. Mis-filings: on the other four fifths, 5% of the labels are flipped at
   random to another section (each --flip-seed); morgue's out-of-fold check
   (`find_misfilings`) flags articles; precision and recall against the
   flipped ones. The peer, cleanlab's `find_label_issues` on the reference
   model's out-of-fold probabilities, runs beside it when installed.
   The flag threshold was chosen on split 0; splits 1 and 2 were not looked at.
3. Reuters-21578 topics: the dev file's ModApte training documents with at
   least one topic, split by date (the earliest three quarters train, the
   latest quarter tests, as ModApte splits by time); micro- and macro-F1 of
   morgue's topic model beside a one-vs-rest LinearSVC on TF-IDF 1–2-grams.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from morgue.enrich.duplicates import cluster_texts  # noqa: E402
from morgue.enrich.sections import MISFILED_BELOW, find_misfilings, train_sections  # noqa: E402
from morgue.enrich.topics import train_topics  # noqa: E402

CORPORA = Path("/work/shared/data/corpora")


def reference_model():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
                         LogisticRegression(C=20, max_iter=3000))


def calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    """Return the expected calibration error: |accuracy − confidence| averaged over confidence bins."""
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        inside = (confidence > low) & (confidence <= high)
        if inside.any():
            total += inside.mean() * abs(correct[inside].mean() - confidence[inside].mean())
    return total


def bbc(splits: int, flip_seeds: list[int]) -> None:
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedGroupKFold, cross_val_predict

    rows = [json.loads(line) for line in open(CORPORA / "bbc" / "bbc_dev.jsonl", encoding="utf-8")]
    texts = np.array([r["title"] + "\n" + r["text"] for r in rows], dtype=object)
    labels = np.array([r["category"] for r in rows])
    groups = cluster_texts(list(texts))  # morgue's own clusters, as `morgue classify` uses them
    print(f"BBC dev: {len(rows)} articles, {len(set(groups))} same-story clusters")
    print("\n| split | model | accuracy | macro-F1 | errors | calibration error | train s |")
    print("|---|---|---:|---:|---:|---:|---:|")
    results = {"morgue": [], "reference": []}
    splitter = StratifiedGroupKFold(5, shuffle=True, random_state=0)
    folds = list(splitter.split(texts, labels, groups))
    for split in range(splits):
        train, test = folds[split]
        started = time.perf_counter()
        model = train_sections(list(texts[train]), list(labels[train]))
        seconds = time.perf_counter() - started
        probabilities = model.probabilities(list(texts[test]))
        predicted = np.array(model.sections)[probabilities.argmax(axis=1)]
        correct = predicted == labels[test]
        ece = calibration_error(probabilities.max(axis=1), correct)
        results["morgue"].append(correct.mean())
        print(f"| {split} | morgue | {correct.mean():.3f} | {f1_score(labels[test], predicted, average='macro'):.3f} | "
              f"{(~correct).sum()} | {ece:.3f} | {seconds:.1f} |")
        started = time.perf_counter()
        reference = reference_model().fit(texts[train], labels[train])
        seconds = time.perf_counter() - started
        predicted = reference.predict(texts[test])
        correct = predicted == labels[test]
        results["reference"].append(correct.mean())
        print(f"| {split} | reference LR | {correct.mean():.3f} | {f1_score(labels[test], predicted, average='macro'):.3f} | "
              f"{(~correct).sum()} | – | {seconds:.1f} |")
    print("mean accuracy: " + ", ".join(f"{name} {np.mean(v):.4f}" for name, v in results.items()))

    try:
        from cleanlab.filter import find_label_issues
    except ImportError:
        find_label_issues = None
    print(f"\nmis-filings: 5% of the training labels flipped; flagged when P(given section) < {MISFILED_BELOW} out of fold")
    print("| split | flip seed | flipped | morgue flags | P | R | cleanlab flags | P | R |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    sections = sorted(set(labels))
    for split in range(splits):
        train, _ = folds[split]
        for seed in flip_seeds:
            rng = np.random.default_rng(seed)
            given = labels[train].copy()
            flipped = rng.choice(len(train), int(round(0.05 * len(train))), replace=False)
            for i in flipped:
                given[i] = rng.choice([s for s in sections if s != given[i]])
            truth = set(flipped.tolist())
            flags = {m.index for m in find_misfilings(list(texts[train]), list(given), list(groups[train]), seed=seed)}
            hit = len(flags & truth)
            cells = [f"{len(flags)}", f"{hit / max(len(flags), 1):.3f}", f"{hit / len(truth):.3f}"]
            if find_label_issues is not None:
                probabilities = cross_val_predict(reference_model(), texts[train], given, cv=5, method="predict_proba")
                index = {s: i for i, s in enumerate(sections)}
                issues = set(np.flatnonzero(find_label_issues(np.array([index[g] for g in given]), probabilities)).tolist())
                hit = len(issues & truth)
                cells += [f"{len(issues)}", f"{hit / max(len(issues), 1):.3f}", f"{hit / len(truth):.3f}"]
            else:
                cells += ["not installed", "–", "–"]
            print(f"| {split}{' (tuned)' if split == 0 else ''} | {seed} | {len(truth)} | " + " | ".join(cells) + " |")


def reuters() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import f1_score
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer
    from sklearn.svm import LinearSVC

    rows = [json.loads(line) for line in open(CORPORA / "reuters21578" / "reuters21578_dev.jsonl", encoding="utf-8")]
    rows = [r for r in rows if r["modapte"] == "train" and r["topics"]]
    rows.sort(key=lambda r: (datetime.strptime(r["date"].split(".")[0].strip(), "%d-%b-%Y %H:%M:%S"), int(r["newid"])))
    cut = len(rows) * 3 // 4
    train, test = rows[:cut], rows[cut:]
    text = lambda r: r["title"] + "\n" + r["body"]  # noqa: E731
    train_topics_seen = {t for r in train for t in r["topics"]}
    binariser = MultiLabelBinarizer(classes=sorted(train_topics_seen))
    truth = binariser.fit_transform([[t for t in r["topics"] if t in train_topics_seen] for r in test])
    print(f"\nReuters topics: {len(train)} train / {len(test)} test documents (split by date), {len(train_topics_seen)} topics")
    print("| model | micro-F1 | macro-F1 | train s |\n|---|---:|---:|---:|")
    started = time.perf_counter()
    model = train_topics([text(r) for r in train], [r["topics"] for r in train])
    seconds = time.perf_counter() - started
    found = binariser.transform([[t for t in topics if t in train_topics_seen] for topics in model.predict([text(r) for r in test])])
    print(f"| morgue topics | {f1_score(truth, found, average='micro'):.3f} | {f1_score(truth, found, average='macro', zero_division=0):.3f} | {seconds:.1f} |")
    started = time.perf_counter()
    vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    features = vectoriser.fit_transform([text(r) for r in train])
    y = binariser.transform([r["topics"] for r in train])
    baseline = OneVsRestClassifier(LinearSVC()).fit(features, y)
    seconds = time.perf_counter() - started
    found = baseline.predict(vectoriser.transform([text(r) for r in test]))
    print(f"| one-vs-rest LinearSVC, TF-IDF 1–2-grams | {f1_score(truth, found, average='micro'):.3f} | {f1_score(truth, found, average='macro', zero_division=0):.3f} | {seconds:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--splits", type=int, default=3)
    parser.add_argument("--flip-seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--no-topics", action="store_true")
    args = parser.parse_args()
    bbc(args.splits, args.flip_seeds)
    if not args.no_topics:
        reuters()


if __name__ == "__main__":
    main()
