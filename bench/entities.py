#!/usr/bin/env python3
"""Names found in newswire: entity-level F1 per type on CoNLL-2003 eng.testa, and tokens per second.

Usage: .venv/bin/python bench/entities.py [--file eng.testa] [--no-research] [--limit N] [--demo-seeds 1 2]

Rows, all on the same sentences in one run:
- morgue: ``morgue.enrich.entities.find_mentions`` as shipped (spaCy's small
  English model + morgue's rules; nothing trained on CoNLL-2003);
- spaCy small alone: the same packaged model, PERSON→PER, GPE/LOC/FAC→LOC, ORG;
- research ceiling (never shipped): a CRF (sklearn-crfsuite) on word, shape
  and context features trained on eng.train, when sklearn-crfsuite is installed.

Entity-level exact match (CoNLL's conlleval), MISC ignored on both sides.

Then people's titles on the demo archive (its truth records each person's
name and the title the text gives them, "" for none): 100 articles drawn
at random among those that name people, per --demo-seeds; a person is
found when a person mention's full form is their name, and their title is
right when the truth's title is among morgue's titles for them (a text may
give a person two) and morgue gives none when the truth has none.
The sentences are the file's tokens joined by spaces; a predicted span counts
only when it starts and ends on token boundaries.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from morgue.enrich import entities  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpora" / "conll2003"
TYPES = ("PER", "ORG", "LOC")
_KIND_TYPE = {entities.PERSON: "PER", entities.ORGANISATION: "ORG", entities.PLACE: "LOC"}


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        word, _pos, _chunk, tag = line.split(" ")
        current.append((word, tag))
    if current:
        sentences.append(current)
    return sentences


def gold_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    spans, start, kind = set(), None, None
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O" or tag.startswith("B-") or tag[2:] != kind:
            if start is not None and kind != "MISC":
                spans.add((start, i, kind))
            start, kind = (i, tag[2:]) if tag != "O" else (None, None)
    return spans


def token_bounds(words: list[str]) -> tuple[dict[int, int], dict[int, int]]:
    starts, ends, pos = {}, {}, 0
    for i, word in enumerate(words):
        starts[pos] = i
        ends[pos + len(word)] = i + 1
        pos += len(word) + 1
    return starts, ends


def char_spans_to_tokens(words, char_spans) -> set[tuple[int, int, str]]:
    starts, ends = token_bounds(words)
    out = set()
    for start, end, kind in char_spans:
        a, b = starts.get(start), ends.get(end)
        if a is not None and b is not None and kind in TYPES:
            out.add((a, b, kind))
    return out


def morgue_tagger(sentences):
    texts = [" ".join(w for w, _ in s) for s in sentences]
    predicted = [set() for _ in texts]
    chunk = 400
    for base in range(0, len(texts), chunk):
        for m in entities.find_mentions(texts[base: base + chunk]):
            predicted[base + m.paragraph].add((m.start, m.end, _KIND_TYPE[m.kind]))
    return [char_spans_to_tokens([w for w, _ in s], p) for s, p in zip(sentences, predicted)]


def spacy_tagger(sentences):
    nlp = entities.tagger()
    mapping = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
    texts = [" ".join(w for w, _ in s) for s in sentences]
    out = []
    for s, doc in zip(sentences, nlp.pipe(texts, batch_size=256)):
        spans = {(e.start_char, e.end_char, mapping[e.label_]) for e in doc.ents if e.label_ in mapping}
        out.append(char_spans_to_tokens([w for w, _ in s], spans))
    return out


def _crf_features(words, i):
    w = words[i]
    shape = "".join("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in w)[:6]
    f = {"w": w.lower(), "shape": shape, "suf3": w[-3:].lower(), "pre3": w[:3].lower(),
         "title": w.istitle(), "upper": w.isupper(), "digit": w.isdigit()}
    for off in (-2, -1, 1, 2):
        j = i + off
        f[f"w{off}"] = words[j].lower() if 0 <= j < len(words) else "<pad>"
        f[f"t{off}"] = words[j].istitle() if 0 <= j < len(words) else False
    return f


def crf_research_tagger(train_sentences):
    import sklearn_crfsuite

    def to_bio(tags):
        return [t if not t.endswith("MISC") else "O" for t in tags]

    crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=0.1, c2=0.1, max_iterations=100)
    crf.fit([[_crf_features([w for w, _ in s], i) for i in range(len(s))] for s in train_sentences],
            [to_bio([t for _, t in s]) for s in train_sentences])

    def tag(sentences):
        predictions = crf.predict([[_crf_features([w for w, _ in s], i) for i in range(len(s))] for s in sentences])
        return [gold_spans(list(p)) for p in predictions]

    return tag


def score(gold, predicted) -> dict[str, tuple[float, float, float]]:
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, predicted):
        for kind in TYPES:
            gk = {x for x in g if x[2] == kind}
            pk = {x for x in p if x[2] == kind}
            tp[kind] += len(gk & pk)
            fp[kind] += len(pk - gk)
            fn[kind] += len(gk - pk)
    out = {}
    for kind in (*TYPES, "all"):
        t = sum(tp.values()) if kind == "all" else tp[kind]
        f_p = sum(fp.values()) if kind == "all" else fp[kind]
        f_n = sum(fn.values()) if kind == "all" else fn[kind]
        precision = t / (t + f_p) if t + f_p else 0.0
        recall = t / (t + f_n) if t + f_n else 0.0
        out[kind] = (precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return out


def demo_titles(seed: int, sample: int = 100) -> tuple[int, int, int, int]:
    """Return (people, found, titles right among all, titled people) on ``sample`` demo articles of ``seed``."""
    import json
    import random
    import tempfile

    from morgue.demo.generate import DemoOptions, generate_demo

    with tempfile.TemporaryDirectory() as tmp:
        generate_demo(Path(tmp), DemoOptions(articles=600, seed=seed))
        truth = [json.loads(line) for line in (Path(tmp) / "truth.jsonl").open(encoding="utf-8")]
    with_people = [t for t in truth if t.get("people")]
    chosen = random.Random(seed).sample(with_people, min(sample, len(with_people)))
    people = found = right = titled = 0
    for article in chosen:
        titles: dict[str, set[str]] = {}
        for m in entities.find_mentions(article["body"]):
            if m.kind == entities.PERSON:
                titles.setdefault(m.name, set())
                if m.title:
                    titles[m.name].add(m.title.lower())
        for person in article["people"]:
            people += 1
            titled += bool(person["title"])
            if person["name"] in titles:
                found += 1
                given = titles[person["name"]]
                # Right: the truth's title among those morgue gives them (a text may give two), or none for none.
                right += person["title"].lower() in given if person["title"] else not given
    return people, found, right, titled


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default="eng.testa")
    parser.add_argument("--no-research", action="store_true", help="skip the CRF trained on eng.train")
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    parser.add_argument("--demo-seeds", type=int, nargs="*", default=[1, 2], help="demo archives for the titles table")
    args = parser.parse_args()
    sentences = read_conll(DATA / args.file)
    if args.limit:
        sentences = sentences[: args.limit]
    gold = [gold_spans([t for _, t in s]) for s in sentences]
    tokens = sum(len(s) for s in sentences)
    rows = [("morgue (shipped)", morgue_tagger), ("spaCy small alone", spacy_tagger)]
    if not args.no_research:
        try:
            rows.append(("research: CRF on eng.train (never shipped)", crf_research_tagger(read_conll(DATA / "eng.train"))))
        except ImportError:
            print("(sklearn-crfsuite not installed: the research row is skipped)")
    entities.tagger()  # loaded once, outside the timings
    print(f"CoNLL-2003 {args.file}: {len(sentences)} sentences, {tokens} tokens; entity-level exact match, MISC ignored\n")
    print("| system | PER F1 | ORG F1 | LOC F1 | micro F1 | PER P/R | ORG P/R | LOC P/R | tokens/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, tagger in rows:
        started = time.perf_counter()
        predicted = tagger(sentences)
        elapsed = time.perf_counter() - started
        s = score(gold, predicted)
        pr = " | ".join(f"{s[k][0]:.3f}/{s[k][1]:.3f}" for k in TYPES)
        print(f"| {name} | {s['PER'][2]:.3f} | {s['ORG'][2]:.3f} | {s['LOC'][2]:.3f} | {s['all'][2]:.3f} | {pr} | {tokens / elapsed:,.0f} |")
    if args.demo_seeds:
        print("\nPeople's titles, 100 demo articles that name people, per seed (the demo's truth)\n")
        print("| demo seed | people | found | title right (of all) | of them titled |")
        print("|---|---|---|---|---|")
        for seed in args.demo_seeds:
            people, found, right, titled = demo_titles(seed)
            print(f"| {seed} | {people} | {found / people:.3f} | {right / people:.3f} | {titled} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
