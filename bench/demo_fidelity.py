"""How faithfully the read and extract stages recover the demo archive's truth.

Generates a demo archive into a temporary folder (``generate_demo``), reads
every document (``read_sources``), extracts it (``extract_article``) and
matches it to its truth record by source location: the file path relative to
sources/, plus the zip member, or the WARC response record's byte offset, or
the JSONL line number. Only the pure stages run; no Django, no database.

Prints one row per site/format and one overall, with these measures:

- headline: extracted headline == truth headline (whitespace collapsed). The
  headline mojibake damage changes is what the page shows, so the page's
  (damaged) headline is the truth for that article.
- byline: the truth ``author`` name is contained in the extracted byline.
  Where the truth has no author (no byline; "The Editorial Board" or "X
  staff", which are not people and so not names the byline field keeps; and
  near-duplicates, whose truth keeps the original byline but no author) the
  extracted byline must be empty or a part of the truth byline.
- date: extracted ``published`` == truth ``published``; where the truth is
  null (the page lost its date) the extracted date must be None too.
  "invented" counts dates extracted for pages that show none.
- section: case-insensitive equality with the truth ``page_section_name`` (the
  section as the page itself names it, in the words of its decade; extraction
  keeps the source's wording).
- dateline: extracted dateline == truth dateline (whitespace collapsed).
- body P/R/F1: paragraph level, on the multiset of paragraphs normalised
  (Unicode NFC, whitespace collapsed). Articles with body damage (truncation,
  duplicated paragraph, mojibake, leftover entities) are left out of these
  columns, since their clean truth is not what the page shows; the column
  "dmgF1" scores those articles against the page's damaged body rebuilt with
  ``damage.page_body`` (a repairing extractor may legitimately score lower).
- rej: documents rejected by read or extract; "unmatched" documents whose
  location is not in truth (and truth records never seen) are printed below.

Each rate is over the matched, non-rejected articles of the row (a rejected
article counts as a miss for every measure).

Usage:  .venv/bin/python bench/demo_fidelity.py [--articles 2000] [--seed 11] [--show FIELD]
``--show headline`` (or byline, date, section, dateline, body) prints a few misses.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from morgue.demo.damage import page_body
from morgue.demo.generate import DemoOptions, generate_demo
from morgue.errors import ExtractionError
from morgue.extract import ExtractOptions, extract_article
from morgue.read.sources import read_sources
from morgue.read.document import Rejection

_BODY_DAMAGE = {"truncation", "duplicated_paragraph", "mojibake", "leftover_entities"}
_FIELDS = ("headline", "byline", "date", "section", "dateline")


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def _truth_key(sources: Path, record: dict) -> str:
    source = record["source"]
    key = str(sources / source["path"])
    if source.get("member"):
        key += "!" + source["member"]
    if source.get("offset") is not None:
        key += "@" + str(source["offset"])
    return key


def _prf(extracted: list[str], truth: list[str]) -> tuple[float, float]:
    """Return (matched / extracted, matched / truth) on multisets of normalised paragraphs."""
    got = Counter(_norm(p) for p in extracted if _norm(p))
    want = Counter(_norm(p) for p in truth if _norm(p))
    matched = sum((got & want).values())
    precision = matched / sum(got.values()) if got else 0.0
    recall = matched / sum(want.values()) if want else 0.0
    return precision, recall


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _score(article, record: dict) -> dict:
    """Return the hits of one extracted article against its truth record."""
    headline = record["headline"]
    for d in record["damage"]:
        if d["field"] == "headline":
            headline = headline[: d["start"]] + d["text"] + headline[d["start"] + len(d["original"]):]
    byline = _norm(article.byline)
    published = article.published.isoformat() if article.published else None
    hits = {
        "headline": _norm(article.headline) == _norm(headline),
        "byline": (_norm(record["author"]).lower() in byline.lower()) if record["author"]
        else byline.lower() in _norm(record["byline"]).lower(),
        "date": published == record["published"],
        "invented": record["published"] is None and published is not None,
        "section": _norm(article.section).lower() == _norm(record.get("page_section_name", record["page_section"])).lower(),
        "dateline": _norm(article.dateline) == _norm(record["dateline"]),
    }
    kinds = {d["kind"] for d in record["damage"]}
    if kinds & _BODY_DAMAGE:
        hits["dmg"] = _prf(list(article.body), page_body(record["body"], record["damage"]))
    else:
        hits["body"] = _prf(list(article.body), record["body"])
    return hits


def _row(name: str, rows: list[dict], rejected: int) -> str:
    n = len(rows) + rejected
    rate = {f: sum(r[f] for r in rows) / n if n else 0.0 for f in _FIELDS}
    body = [r["body"] for r in rows if "body" in r]
    p = sum(b[0] for b in body) / len(body) if body else 0.0
    r_ = sum(b[1] for b in body) / len(body) if body else 0.0
    dmg = [_f1(*r["dmg"]) for r in rows if "dmg" in r]
    invented = sum(r["invented"] for r in rows)
    cells = [f"{rate[f]:7.3f}" for f in _FIELDS]
    return (f"{name:<28}{n:>5} " + " ".join(cells) + f" {p:6.3f} {r_:6.3f} {_f1(p, r_):6.3f}"
            f" {(sum(dmg) / len(dmg) if dmg else 0):6.3f} {invented:>4} {rejected:>4}")


def run(articles: int, seed: int, show: str | None) -> None:
    """Generate, read, extract and print the fidelity table."""
    with tempfile.TemporaryDirectory(prefix="morgue-fidelity-") as tmp:
        summary = generate_demo(Path(tmp), DemoOptions(articles=articles, seed=seed))
        sources = summary.sources
        truth = {}
        with open(summary.truth, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                truth[_truth_key(sources, record)] = record
        rows: dict[str, list[dict]] = defaultdict(list)
        rejected: Counter = Counter()
        reasons: Counter = Counter()
        unmatched, seen, misses = [], set(), defaultdict(list)
        options = ExtractOptions()
        for doc in read_sources([sources]):
            key = doc.location.key()
            record = truth.get(key)
            if record is None:
                unmatched.append(key)
                continue
            seen.add(key)
            group = f"{record['site']}/{record['format']}"
            if isinstance(doc, Rejection):
                rejected[group] += 1
                reasons[f"read:{doc.reason}"] += 1
                continue
            try:
                article = extract_article(doc, options)
            except ExtractionError as e:
                rejected[group] += 1
                reasons[f"extract:{e.reason}"] += 1
                continue
            hits = _score(article, record)
            rows[group].append(hits)
            if show and not hits.get(show, True if show != "body" else True):
                misses[group].append((key, article, record))
            if show == "body" and "body" in hits and _f1(*hits["body"]) < 1:
                misses[group].append((key, article, record))

    header = (f"{'site/format':<28}{'n':>5} " + " ".join(f"{f:>7}" for f in _FIELDS)
              + f" {'bodyP':>6} {'bodyR':>6} {'bodyF1':>6} {'dmgF1':>6} {'inv':>4} {'rej':>4}")
    print(f"demo fidelity: {articles} articles, seed {seed}")
    print(header)
    print("-" * len(header))
    for group in sorted(set(rows) | set(rejected)):
        print(_row(group, rows[group], rejected[group]))
    print("-" * len(header))
    print(_row("overall", [h for g in rows.values() for h in g], sum(rejected.values())))
    if reasons:
        print("rejections:", dict(reasons))
    never = set(truth) - seen
    if unmatched or never:
        print(f"unmatched documents: {len(unmatched)}; truth records never read: {len(never)}")
        for key in (unmatched[:3] + sorted(never)[:3]):
            print("  ", key)
    for group, items in misses.items():
        for key, article, record in items[:4]:
            print(f"\n== {show} miss in {group}: {key}")
            if show == "body":
                print("  extracted:", json.dumps(list(article.body), ensure_ascii=False)[:600])
                print("  truth:    ", json.dumps(record["body"], ensure_ascii=False)[:600])
            else:
                field = {"date": "published"}.get(show, show)
                value = getattr(article, field)
                print(f"  extracted: {value!r}\n  truth:     {record[field]!r}"
                      + (f"  (page shows {record['page_section']!r})" if show == "section" else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--show", choices=("headline", "byline", "date", "section", "dateline", "body"))
    args = parser.parse_args()
    run(args.articles, args.seed, args.show)


if __name__ == "__main__":
    main()
