#!/usr/bin/env python3
"""Audit precision and recall: real clean articles, damage injected at known spans.

Usage: .venv/bin/python bench/audit.py [--corpus bbc|reuters|both] [--limit 400] [--seed 7] [--show-clean N]

Articles come from the shared evaluation corpora (read in place, never
copied): BBC News (headline = title, body = the blank-line paragraphs,
section = category) and Reuters-21578 (headline = TITLE, body = the
indented paragraphs with wrapped lines joined, the trailing "REUTER"
sign-off dropped as the wire's own end mark, dateline and date kept).

For each sampled article and each kind, one copy gets one injected defect
from a seeded generator (mojibake, replacement character, control
character, entity/tag/shortcode/template variable, duplicated paragraph or
sentence, truncation or "continued on" line, chrome paragraph or glued
chrome sentence, misspelling), and the audit runs on it with a vocabulary
learned from the whole corpus (the misspelled copies in it, as an archive
holding them would be).

How defects the corpora already have are treated: the untouched article is
audited first. Its defects are the corpus's own (Reuters has genuine
'MORE' takes, cut-off bodies and typos; BBC has credits and score lines
without a full stop). In a damaged copy, a defect that was already found on
the untouched article (same kind, same text) is *pre-existing*: it is
neither a hit nor a false alarm in "precision", and counts as wrong in
"strict precision". The false alarms per 100 untouched articles are
reported raw (every defect of the mechanical kinds and misspelling on the
untouched articles), then split with the reviewed list in
bench/audit_reviewed_flags.tsv: each flag there was read in context and
judged the corpus's own defect ("genuine": a real typo, a numeric entity, a
wire "MORE" take) or a false alarm ("false"). False alarms per 100 untouched
articles are the flags *not* judged genuine, the unreviewed ones included,
so a new rule's new flags count against it until someone reads them;
--show-clean lists the unreviewed ones to read.

Tuning and holding out: each corpus is split in two halves by a seeded hash
of the article id; rules were written looking at BBC "tune" errors only.
BBC "holdout" and all of Reuters were not looked at while writing the rules.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from morgue.audit import AuditContext, Vocabulary, find_defects  # noqa: E402
from morgue.audit.dictionary import english_lexicon  # noqa: E402
from morgue.extract.article import Article  # noqa: E402

CORPORA = Path("/work/shared/data/corpora")
KINDS = ("mojibake", "replacement-character", "control-character", "leftover-markup",
         "duplicated-content", "truncation", "chrome-in-body", "misspelling")
CLEAN_KINDS = set(KINDS)
REVIEWED = Path(__file__).with_name("audit_reviewed_flags.tsv")
WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


# -- corpora ---------------------------------------------------------------------------

def load_bbc() -> list[tuple[str, Article]]:
    rows = []
    with open(CORPORA / "bbc" / "bbc_dev.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            body = tuple(p.strip() for p in d["text"].split("\n\n") if p.strip())
            rows.append((d["id"], Article(headline=d["title"].strip(), body=body, section=d["category"],
                                          language="en", extractor="jsonl")))
    return rows


def load_reuters() -> list[tuple[str, Article]]:
    rows = []
    with open(CORPORA / "reuters21578" / "reuters21578_dev.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            text = re.sub(r"\s*\bReuter\s*$", "", d["body"].rstrip(), flags=re.I)
            if len(text.split()) < 30:
                continue  # BRIEF (title only) and one-line items: nothing to damage
            paragraphs = [" ".join(p.split()) for p in re.split(r"\n(?=\s{2,}\S)", text)]
            published = datetime.strptime(d["date"].strip().split()[0], "%d-%b-%Y").date()
            rows.append((str(d["newid"]), Article(
                headline=d["title"].strip(), body=tuple(p for p in paragraphs if p), dateline=d["dateline"].strip(),
                published=published, section=(d["topics"] or [""])[0], language="en", extractor="jsonl")))
    return rows


def load_reviewed() -> dict[tuple[str, str, str, str], str]:
    """Return the reviewed flags on untouched articles: (corpus, article, kind, span) → "genuine" or "false"."""
    reviewed = {}
    with open(REVIEWED, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("corpus\t") or not line.strip():
                continue
            corpus, article_id, kind, verdict, span, _why = line.rstrip("\n").split("\t")
            reviewed[(corpus, article_id, kind, span)] = verdict
    return reviewed


def half(article_id: str, seed: int) -> str:
    digest = hashlib.sha256(f"{seed}:{article_id}".encode()).digest()
    return "tune" if digest[0] % 2 == 0 else "holdout"


# -- damage ------------------------------------------------------------------------------

def mis_decode(text: str) -> str:
    """Return UTF-8 bytes read as Windows-1252 (Latin-1 for its five undefined bytes)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def words_in(text: str, min_len: int = 4):
    return [m for m in WORD.finditer(text) if len(m.group()) >= min_len]


def pick_paragraph(rng, body, min_words=8):
    # Prose paragraphs only: a table row of figures has no word to damage.
    choices = [i for i, p in enumerate(body) if len(p.split()) >= min_words and len(words_in(p, 5)) >= 3]
    return rng.choice(choices) if choices else None


def splice(article, index, start, end, new):
    """Return the article with ``new`` in place of characters start:end of body paragraph ``index``, and where it sits."""
    body = list(article.body)
    body[index] = body[index][:start] + new + body[index][end:]
    return replace(article, body=tuple(body)), ("body", index, start, start + len(new))


def inject_mojibake(rng, article):
    i = pick_paragraph(rng, article.body)
    if i is None:
        return None
    p = article.body[i]
    m = rng.choice(words_in(p))
    word = m.group()
    variant = rng.randrange(4)
    if "'" in word:
        new = word.replace("'", "\u2019")
    elif variant == 0:
        new = "\u201c" + word + "\u201d"
    elif variant == 1:
        new = word + "\u2014"
    elif variant == 2:
        vowels = [k for k, c in enumerate(word) if c in "aeiou"]
        k = rng.choice(vowels) if vowels else 0
        new = word[:k] + {"a": "\u00e0", "e": "\u00e9", "i": "\u00ef", "o": "\u00f6", "u": "\u00fc"}.get(word[k], "\u00e9") + word[k + 1:]
    else:
        new = "\u00a3" + word
    return splice(article, i, m.start(), m.end(), mis_decode(new))


def inject_replacement(rng, article):
    i = pick_paragraph(rng, article.body)
    if i is None:
        return None
    p = article.body[i]
    m = rng.choice(words_in(p, 4))
    word = m.group()
    mark = rng.choice(["\ufffd", "?"])
    if "'" in word:
        new = word.replace("'", mark)
    else:
        k = rng.randrange(1, len(word) - 1)
        new = word[:k] + mark + word[k + 1:]
    return splice(article, i, m.start(), m.end(), new)


def inject_control(rng, article):
    i = pick_paragraph(rng, article.body)
    if i is None:
        return None
    p = article.body[i]
    spaces = [k for k, c in enumerate(p) if c == " "]
    k = rng.choice(spaces)
    control = rng.choice(["\x00", "\x0b", "\x1b", "\x7f", "\x85", "\x92", "\x08"])
    return splice(article, i, k, k, control)


MARKUP = [
    lambda w, r: ("&amp;", None) if w == "and" else ("&nbsp;" + w, None),
    lambda w, r: (w + "&#8217;s", None),
    lambda w, r: ("&quot;" + w + "&quot;", None),
    lambda w, r: ("<b>" + w + "</b>", None),
    lambda w, r: ('<a href="/news/' + str(r.randrange(10**6)) + '">' + w + "</a>", None),
    lambda w, r: (w + "<br/>", None),
    lambda w, r: (w + " <br>", None),
    lambda w, r: ("<p>" + w, "start"),
    lambda w, r: (w + "</p>", "end"),
    lambda w, r: ('[caption id="attachment_' + str(r.randrange(10**5)) + '" align="alignright" width="300"]' + w, "start"),
    lambda w, r: ("[embed]https://example.org/v/" + str(r.randrange(10**6)) + "[/embed] " + w, None),
    lambda w, r: ("{{ author_name }} " + w, None),
    lambda w, r: ("%%TITLE%% " + w, None),
    lambda w, r: ("${reporter} " + w, None),
    lambda w, r: (w + " &mdash;", None),
    lambda w, r: ("<em>" + w + "</em>", None),
]


def inject_markup(rng, article):
    i = pick_paragraph(rng, article.body)
    if i is None:
        return None
    p = article.body[i]
    m = rng.choice(words_in(p, 3))
    new, where = rng.choice(MARKUP)(m.group(), rng)
    if where == "start":
        return splice(article, i, 0, 0, new[: -len(m.group())])
    if where == "end":
        return splice(article, i, len(p), len(p), new[len(m.group()):])
    return splice(article, i, m.start(), m.end(), new)


# Whole sentences: a full stop between digits ("12.50") does not end one.
SENTENCE = re.compile(r"(?:[^.!?]|\.(?=\d))+[.!?]+[\"']?")


def inject_duplicate(rng, article):
    body = list(article.body)
    if rng.random() < 0.6:
        choices = [k for k, p in enumerate(body) if len(p.split()) >= 6]
        if not choices:
            return None
        k = rng.choice(choices)
        at = rng.choice([k + 1, rng.randrange(k + 1, len(body) + 1)])
        body.insert(at, body[k])
        return replace(article, body=tuple(body)), ("body", at, 0, len(body[at]))
    sentences = [(k, s) for k, p in enumerate(body) for s in SENTENCE.findall(p) if len(s.split()) >= 10]
    if not sentences:
        return None
    k, s = rng.choice(sentences)
    target = rng.randrange(k, len(body))
    start = len(body[target]) + 1
    body[target] = body[target] + " " + s.strip()
    return replace(article, body=tuple(body)), ("body", target, start, len(body[target]))


CONTINUED = ["Continued on Page {n}", "Continued on page A{n}", "(Continued)", "Please turn to page {n}",
             "continued on next page", "MORE"]


def inject_truncation(rng, article):
    body = list(article.body)
    last = len(body) - 1
    p = body[last]
    variant = rng.random()
    if variant < 0.2:
        note = rng.choice(CONTINUED).format(n=rng.randrange(2, 40))
        if note == "MORE" or rng.random() < 0.5:
            body.append(note)
            return replace(article, body=tuple(body)), ("body", last + 1, 0, len(note))
        body[last] = p + " " + note
        return replace(article, body=tuple(body)), ("body", last, len(p) + 1, len(body[last]))
    ws = words_in(p, 3)
    if len(ws) < 4 or not any(len(m.group()) >= 3 for m in ws[2:]):
        return None
    m = rng.choice(ws[2:])
    if variant < 0.6:  # mid-word
        cut = m.start() + rng.randrange(2, len(m.group()))
    else:  # after a whole word
        cut = m.end()
        if cut < len(p) and p[cut] in ".!?\"'":
            return None
    body[last] = p[:cut]
    return replace(article, body=tuple(body)), ("body", last, cut - 1, cut)


CHROME = [
    "Sign in to continue reading this article.",
    "Subscribe now for unlimited access to {site}.",
    "Sign up for our {name} newsletter",
    "We use cookies to improve your experience on our website. By continuing to use this site you agree to our use of cookies.",
    "Share this article: Facebook | Twitter | Email",
    "Share on Facebook",
    "Related stories",
    "Read more: {head}",
    "Copyright {year} {site}. All rights reserved.",
    "\u00a9 {year} {site}",
    "Advertisement",
    "Already a subscriber? Log in",
    "Follow us on Twitter for the latest news.",
    "Click here to subscribe to {site}.",
    "Most read",
    "Get the {name} newsletter delivered to your inbox every morning.",
]
GLUED = [
    "Click here to subscribe.",
    "Sign up for our {name} newsletter.",
    "Follow us on Twitter.",
    "Share this article on Facebook.",
    "Copyright {year} {site}. All rights reserved.",
    "Related stories: {head}",
]
SITES = ["The Daily Courier", "Evening Herald", "the Gazette", "Northern Echo Online", "The Chronicle"]
NEWSLETTERS = ["daily", "morning briefing", "business", "politics weekly", "sport"]


def inject_chrome(rng, article):
    body = list(article.body)
    fill = dict(site=rng.choice(SITES), name=rng.choice(NEWSLETTERS), year=rng.randrange(1998, 2024),
                head=article.headline)
    if rng.random() < 0.7:
        text = rng.choice(CHROME).format(**fill)
        at = rng.randrange(0, len(body) + 1)
        body.insert(at, text)
        return replace(article, body=tuple(body)), ("body", at, 0, len(text))
    k = pick_paragraph(rng, body)
    if k is None or not body[k].rstrip().endswith((".", '"', "!", "?")):
        return None
    text = rng.choice(GLUED).format(**fill)
    start = len(body[k]) + 1
    body[k] = body[k] + " " + text
    return replace(article, body=tuple(body)), ("body", k, start, len(body[k]))


KEYBOARD = dict(zip("qwertyuiopasdfghjklzxcvbnm", ["wa", "qes", "wrd", "etf", "ryg", "tuh", "yij", "uok", "ipl", "ol",
                                                     "qsz", "awdx", "sefc", "drgv", "fthb", "gyjn", "hukm", "jil", "kop",
                                                     "asx", "zsdc", "xdfv", "cfgb", "vghn", "bhjm", "njk"]))


def misspell(rng, word):
    k = rng.randrange(1, len(word) - 1)
    edit = rng.randrange(5)
    if edit == 0:
        return word[:k] + word[k + 1] + word[k] + word[k + 2:]
    if edit == 1:
        return word[:k] + word[k + 1:]
    if edit == 2:
        return word[:k] + word[k] + word[k:]
    if edit == 3:
        c = word[k].lower()
        return word[:k] + rng.choice(KEYBOARD.get(c, "e")) + word[k + 1:]
    return word.replace("m", "rn", 1) if "m" in word[1:] else word[:k] + word[k + 1] + word[k] + word[k + 2:]


def inject_misspelling(rng, article, lexicon):
    i = pick_paragraph(rng, article.body)
    if i is None:
        return None
    p = article.body[i]
    candidates = [m for m in words_in(p, 5) if not m.group().isupper() and "'" not in m.group()
                  and not any(c.isupper() for c in m.group()[1:])]
    rng.shuffle(candidates)
    for m in candidates[:10]:
        new = misspell(rng, m.group())
        if new != m.group() and not lexicon.knows(new.lower()):
            return splice(article, i, m.start(), m.end(), new)
    return None


INJECTORS = {
    "mojibake": inject_mojibake,
    "replacement-character": inject_replacement,
    "control-character": inject_control,
    "leftover-markup": inject_markup,
    "duplicated-content": inject_duplicate,
    "truncation": inject_truncation,
    "chrome-in-body": inject_chrome,
}


# -- scoring -----------------------------------------------------------------------------

def span_text(article, d):
    if d.field == "body" and d.paragraph is not None and d.paragraph < len(article.body):
        return article.body[d.paragraph][d.start:d.end]
    return str(getattr(article, d.field, ""))[d.start:d.end]


def overlaps(d, span):
    field, paragraph, start, end = span
    return d.field == field and d.paragraph == paragraph and d.start < max(end, start + 1) and d.end > start


def run(name, rows, args):
    rng = random.Random(args.seed)
    lexicon = english_lexicon()
    rng.shuffle(rows)
    sample = rows[: args.limit] if args.limit else rows
    # The archive holds the misspelled copies: learn the vocabulary from them.
    misspelled = {}
    for article_id, article in sample:
        done = inject_misspelling(random.Random(f"{args.seed}:{article_id}:misspelling"), article, lexicon)
        if done:
            misspelled[article_id] = done
    chosen = {aid for aid, _ in sample}
    vocabulary = Vocabulary.from_articles(
        [misspelled[aid][0] if aid in misspelled else a for aid, a in sample]
        + [a for aid, a in rows if aid not in chosen])
    context = AuditContext(vocabulary=vocabulary)

    stats = defaultdict(Counter)  # (half, kind) -> counters
    clean_flags = defaultdict(list)
    reviewed = load_reviewed()
    seconds, audits = 0.0, 0
    for article_id, article in sample:
        part = half(article_id, args.seed)
        started = time.perf_counter()
        clean = find_defects(article, context)
        seconds += time.perf_counter() - started
        audits += 1
        stats[(part, "_")]["articles"] += 1
        flagged = [d for d in clean if d.kind in CLEAN_KINDS]
        stats[(part, "_")]["clean_flags"] += len(flagged)
        for d in flagged:
            verdict = reviewed.get((name, article_id, d.kind, span_text(article, d)), "unreviewed")
            stats[(part, "_")][verdict] += 1
            clean_flags[part].append((article_id, d.kind, span_text(article, d), verdict))
        before = Counter((d.kind, span_text(article, d)) for d in clean)
        for kind in KINDS:
            r = random.Random(f"{args.seed}:{article_id}:{kind}")
            if kind == "misspelling":
                done = misspelled.get(article_id)
            else:
                done = INJECTORS[kind](r, article)
            if not done:
                continue
            damaged, span = done
            started = time.perf_counter()
            found = [d for d in find_defects(damaged, context) if d.kind == kind]
            seconds += time.perf_counter() - started
            audits += 1
            s = stats[(part, kind)]
            s["injected"] += 1
            s["detected"] += any(overlaps(d, span) for d in found)
            old = Counter({k: v for k, v in before.items() if k[0] == kind})
            for d in found:
                if overlaps(d, span):
                    s["hit"] += 1
                elif old[(kind, span_text(damaged, d))] > 0:
                    old[(kind, span_text(damaged, d))] -= 1
                    s["pre-existing"] += 1
                else:
                    s["false"] += 1
                    if args.show_misses:
                        print(f"  FALSE {kind} {article_id}: {span_text(damaged, d)!r}", file=sys.stderr)
            if args.show_misses and not any(overlaps(d, span) for d in found) and part == "tune":
                _, par, start, end = span
                print(f"  MISSED {kind} {article_id}: {damaged.body[par][max(0, start - 40):end + 20]!r}", file=sys.stderr)
    return stats, clean_flags, seconds / max(1, audits)


def table(name, stats, per_audit):
    print(f"\n### {name}\n")
    print("| half | kind | injected | recall | precision | strict precision |")
    print("|---|---|---:|---:|---:|---:|")
    for part in ("tune", "holdout"):
        for kind in KINDS:
            s = stats.get((part, kind))
            if not s or not s["injected"]:
                continue
            found = s["hit"] + s["false"]
            precision = s["hit"] / found if found else 1.0
            strict = s["hit"] / (found + s["pre-existing"]) if found + s["pre-existing"] else 1.0
            print(f"| {part} | {kind} | {s['injected']} | {s['detected'] / s['injected']:.3f} | "
                  f"{precision:.3f} | {strict:.3f} |")
    print("\nFlags on untouched articles, per 100 articles (false alarms: every flag not reviewed as the "
          "corpus's own defect, unreviewed ones included):\n")
    print("| half | articles | all flags | the corpus's own defects (reviewed) | false alarms | of which unreviewed |")
    print("|---|---:|---:|---:|---:|---:|")
    total = Counter()
    for part in ("tune", "holdout"):
        s = stats.get((part, "_"), Counter())
        total.update(s)
        if s["articles"]:
            print(clean_row(part, s))
    if total["articles"]:
        print(clean_row("both", total))
    print(f"\nMean audit time per article: {per_audit * 1000:.1f} ms")


def clean_row(part, s):
    per100 = 100 / s["articles"]
    false = s["clean_flags"] - s["genuine"]
    return (f"| {part} | {s['articles']} | {s['clean_flags'] * per100:.2f} | {s['genuine'] * per100:.2f} | "
            f"**{false * per100:.2f}** ({false}) | {s['unreviewed'] * per100:.2f} ({s['unreviewed']}) |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=("bbc", "reuters", "both"), default="both")
    parser.add_argument("--limit", type=int, default=400, help="articles sampled per corpus (0: all)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show-clean", type=int, default=0, help="list up to N flags on untouched articles")
    parser.add_argument("--show-misses", action="store_true", help="print misses (tune half) and false alarms")
    args = parser.parse_args()
    corpora = {"bbc": load_bbc, "reuters": load_reuters}
    untouched = Counter()
    names = ("bbc", "reuters") if args.corpus == "both" else (args.corpus,)
    for name in names:
        rows = corpora[name]()
        stats, clean_flags, per_audit = run(name, rows, args)
        for part in ("tune", "holdout"):
            untouched.update(stats.get((part, "_"), Counter()))
        table(f"{name} ({len(rows)} articles in the corpus, {args.limit or len(rows)} sampled, seed {args.seed})",
              stats, per_audit)
        if args.show_clean:
            print(f"\nFlags on untouched {name} articles (unreviewed ones first):")
            for part in ("tune", "holdout"):
                kinds = Counter(kind for _, kind, _, _ in clean_flags[part])
                print(f"  {part}: {dict(kinds)}")
                flags = sorted(clean_flags[part], key=lambda flag: flag[3] != "unreviewed")
                for article_id, kind, text, verdict in flags[: args.show_clean]:
                    print(f"    {part} {verdict} {name}\t{article_id}\t{kind}\t{text[:80]!r}")
    if len(names) > 1:
        print("\n### All corpora: flags on untouched articles, per 100\n")
        print("| corpora | articles | all flags | the corpus's own defects (reviewed) | false alarms | of which unreviewed |")
        print("|---|---:|---:|---:|---:|---:|")
        print(clean_row(" + ".join(names), untouched))


if __name__ == "__main__":
    main()
