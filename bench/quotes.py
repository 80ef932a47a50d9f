#!/usr/bin/env python3
"""Quotations and their speakers on PolNeAR's dev compartment: quotes found, and who said them.

Usage: .venv/bin/python bench/quotes.py [--compartment dev] [--show-misses N]

For each article of the compartment (its first annotator's relations):
- direct-quote recall: of the relations whose content is fully inside
  quotation marks, the share that a quotation morgue finds overlaps;
- precision: of morgue's direct quotations, the share that overlaps the
  content of any relation (PolNeAR annotates every attribution, so a
  quotation that overlaps none is a title, a scare quote or a false find);
- speaker accuracy, on the found fully-quoted relations that name a source:
  morgue's speaker is right when the words it took as the speaker overlap the
  gold source span (the PolNeAR README's measure), or when the gold source is
  a pronoun or short form and morgue's resolved person is the one the gold
  span's words name in the article (the person's name contains the gold
  source's words, or the gold pronoun is the words morgue resolved).
  "named" is the share of pronoun gold sources morgue resolved to a person.
The PolNeAR README's reference on the held-out test compartment: a speech
verb plus the nearest name 0.68, spaCy's subject of the nearest speech verb
0.81 (speaker given the gold quote span).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from morgue.enrich.entities import find_mentions  # noqa: E402
from morgue.enrich.quotes import find_quotes  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpora" / "polnear" / "polnear_dev.jsonl"
PRONOUNS = {"he", "she", "they", "him", "her", "it", "we", "i"}


def paragraphs_with_offsets(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for part in text.split("\n"):
        if part.strip():
            out.append((pos, part))
        pos += len(part) + 1
    return out


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compartment", default="dev")
    parser.add_argument("--show-misses", type=int, default=0)
    parser.add_argument("--show-wrong", type=int, default=0, help="print N quotes whose speaker was wrong")
    args = parser.parse_args()
    articles = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    articles = [a for a in articles if a["compartment"] == args.compartment]
    gold_quoted = found_quoted = 0
    ours = ours_right = 0
    speakers = speakers_right = pronoun_gold = pronoun_named = 0
    misses = []
    wrong = []
    elapsed = 0.0
    for article in articles:
        text = article["text"]
        relations = article["annotations"][0]["attributions"]
        paras = paragraphs_with_offsets(text)
        started = time.perf_counter()
        mentions = find_mentions([p for _, p in paras])
        quotes = [q for q in find_quotes([p for _, p in paras], mentions) if q.direct]
        elapsed += time.perf_counter() - started
        spans = []
        for q in quotes:
            base = paras[q.paragraph][0]
            speaker = None
            if q.speaker_span is not None:
                sp, ss, se = q.speaker_span
                speaker = (paras[sp][0] + ss, paras[sp][0] + se)
            spans.append(((base + q.start, base + q.end), q, speaker))
        contents = [[tuple(o) for o in r["content"]["offsets"]] for r in relations if r.get("content")]
        for span, _q, _s in spans:
            ours += 1
            ours_right += any(overlaps(span, c) for segs in contents for c in segs)
        for relation in relations:
            if not relation.get("content_fully_quoted") or not relation.get("content"):
                continue
            gold_quoted += 1
            segs = [tuple(o) for o in relation["content"]["offsets"]]
            hit = [(span, q, s) for span, q, s in spans if any(overlaps(span, c) for c in segs)]
            if not hit:
                misses.append((article["id"], relation["content"]["text"][:90]))
                continue
            found_quoted += 1
            source = relation.get("source")
            if not source:
                continue
            speakers += 1
            gold = [tuple(o) for o in source["offsets"]]
            gold_words = source["text"].strip()
            is_pronoun = gold_words.lower() in PRONOUNS
            pronoun_gold += is_pronoun
            span, q, s = hit[0]
            right = s is not None and any(overlaps(s, g) for g in gold)
            if not right and q.speaker and not is_pronoun:
                right = gold_words.split()[-1].strip("’'s") in q.speaker
            if is_pronoun and q.speaker_kind == "person":
                pronoun_named += 1
            speakers_right += right
            if not right:
                wrong.append((gold_words, q.speaker, text[max(0, span[0] - 70): span[1] + 70].replace("\n", " / ")))
    recall = found_quoted / gold_quoted if gold_quoted else 0.0
    precision = ours_right / ours if ours else 0.0
    print(f"PolNeAR {args.compartment}: {len(articles)} articles, {gold_quoted} fully quoted relations "
          f"(first annotator), {speakers} of them found with a gold source\n")
    print("| system | direct-quote P | direct-quote R | speaker accuracy | pronoun sources named | articles/s |")
    print("|---|---|---|---|---|---|")
    print(f"| morgue (shipped) | {precision:.3f} | {recall:.3f} | {speakers_right / max(1, speakers):.3f} | "
          f"{pronoun_named}/{pronoun_gold} | {len(articles) / elapsed:.1f} |")
    for article_id, text in misses[: args.show_misses]:
        print("missed:", article_id, repr(text))
    for gold_words, ours_said, context in wrong[: args.show_wrong]:
        print(f"wrong: gold {gold_words!r} ours {ours_said!r}: {context!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
