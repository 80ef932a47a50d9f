"""Headline, byline and date on extraction-meta-dev: morgue (given no URL) beside its peers (given the URL).

    .venv/bin/python bench/metadata.py [--work DIR] [--reuse-peers] [--limit N] [--misses FILE]

Runs in one process, one tool after the other over the same 693 pages:

- morgue: ``extract_article`` on the page's bytes with **no URL** (an archive's
  old pages often come without one); headline, ``authors`` (the people of the
  byline) with its ``credit`` (an agency or desk: the set's labels list those
  too) and ``published``. A page morgue rejects predicts nothing.
- trafilatura 2.3.1: ``bare_extraction(bytes, url=URL, with_metadata=True)``:
  ``.title``, ``.author``, ``.date``.
- htmldate: ``find_date(bytes, url=URL, original_date=True)``.
- readability-lxml: ``Document(str).short_title()``.
- newspaper4k: ``Article(URL).download(input_html=str).parse()``: title, authors, day of ``publish_date``.

The peers are called as the set's README calls them. Each tool's predictions
are scored by ``shared/tools/meta_score.py`` (imported, not copied), over all
pages, over each half of the split by site that ``bench/extract_metric.py``
makes (``tune``: the half the rules were written against; ``holdout``: the
half nobody looked at while writing them), and per source repository.
``--reuse-peers`` reads the peers' predictions from a previous run's
``--work`` folder (for iterating on morgue alone; the recorded figures come
from a full run). ``--misses FILE`` writes morgue's wrong answers on the
**tune** half only, for reading.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import logging
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_metric import split_of  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "data" / "extraction-meta-dev"
SCORER = SHARED / "tools" / "meta_score.py"
SOURCES = {
    "flairNLP/fundus": "fundus", "postlight/parser": "postlight", "AndyTheFactory/article-extraction-dataset": "NAEB",
    "adbar/trafilatura": "trafilatura eval", "adbar/htmldate": "htmldate MC",
}


def load_scorer():
    spec = importlib.util.spec_from_file_location("meta_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_pages(limit: int | None) -> list[dict]:
    with open(DEV / "ground_truth.jsonl", encoding="utf-8") as f:
        records = sorted((json.loads(line) for line in f if line.strip()), key=lambda r: r["id"])
    for record in records[:limit]:
        record["data"] = gzip.decompress((DEV / f"{record['id']}.html.gz").read_bytes())
        # The split is by site; six postlight pages have no URL and are split by their site field.
        record["split"] = split_of(record.get("url") or f"https://{record['site']}/")
    return records[:limit]


def as_text(data: bytes) -> str:
    from morgue.extract.decode import decode_document

    return decode_document(data, None, "html").text


# -- the tools --------------------------------------------------------------------------------------

def run_morgue(page: dict) -> dict:
    from morgue.extract import extract_article
    from morgue.read.document import RawDocument, SourceLocation

    doc = RawDocument(data=page["data"], location=SourceLocation(path=page["id"]), kind="html", url=None)
    article = extract_article(doc)
    credited = [*article.authors, *([article.credit] if article.credit else [])]
    return {"headline": article.headline, "byline": credited or None,
            "date": article.published.isoformat() if article.published else None}


def run_trafilatura(page: dict) -> dict:
    from trafilatura import bare_extraction

    result = bare_extraction(page["data"], url=page.get("url"), with_metadata=True)
    if result is None:
        return {}
    return {"headline": result.title, "byline": result.author, "date": result.date}


def run_htmldate(page: dict) -> dict:
    from htmldate import find_date

    return {"date": find_date(page["data"], url=page.get("url"), original_date=True)}


def run_readability(page: dict) -> dict:
    from readability import Document

    return {"headline": Document(as_text(page["data"])).short_title()}


def run_newspaper(page: dict) -> dict:
    from newspaper import Article

    article = Article(page.get("url") or "https://example.invalid/", fetch_images=False)
    article.download(input_html=as_text(page["data"]))
    article.parse()
    day = article.publish_date.date().isoformat() if article.publish_date else None
    return {"headline": article.title, "byline": article.authors or None, "date": day}


TOOLS = {
    "morgue": ("morgue (no URL)", run_morgue),
    "trafilatura": ("trafilatura 2.3.1 (URL)", run_trafilatura),
    "htmldate": ("htmldate (URL)", run_htmldate),
    "readability": ("readability short_title (URL)", run_readability),
    "newspaper4k": ("newspaper4k (URL)", run_newspaper),
}


def run_tool(name: str, pages: list[dict]) -> tuple[list[dict], float, int]:
    """Return the tool's predictions, its CPU seconds and how many pages raised."""
    _, func = TOOLS[name]
    try:
        func(pages[0])  # warm-up: lazy imports
    except Exception:  # noqa: BLE001 - counted below
        pass
    preds, failed = [], 0
    start = time.process_time()
    for page in pages:
        try:
            pred = func(page)
        except Exception as e:  # noqa: BLE001 - a page a tool cannot do is a page it predicts nothing on
            logging.getLogger("bench").debug("%s failed on %s: %r", name, page["id"], e)
            pred, failed = {}, failed + 1
        preds.append({"id": page["id"], **pred})
    return preds, time.process_time() - start, failed


# -- the tables -------------------------------------------------------------------------------------

def fmt(value) -> str:
    return "  –  " if value is None else f"{value:.3f}"


def overall_table(scorer, results: dict, pages: list[dict], split: str | None) -> str:
    truth = [p for p in pages if split is None or p["split"] == split]
    head = ("| tool | pages/s | headline exact | headline fuzzy | byline exact | byline name-F1 | byline cov |"
            " date exact | date cov | date prec |\n|---|---|---|---|---|---|---|---|---|---|")
    rows = [head]
    for name, (preds, cpu, failed) in results.items():
        r = scorer.score(preds, truth)["ALL"]
        h, b, d = r["headline"], r["byline"], r["date"]
        has = {k for p in preds for k in p if k != "id"}
        speed = f"{len(pages) / cpu:.0f}" if cpu else "–"
        rows.append(
            f"| {TOOLS[name][0]} | {speed} | {fmt(h['accuracy']) if 'headline' in has else '–'} |"
            f" {fmt(h['fuzzy_accuracy']) if 'headline' in has else '–'} |"
            f" {fmt(b['accuracy']) if 'byline' in has else '–'} | {fmt(b['name_f1']) if 'byline' in has else '–'} |"
            f" {fmt(b['coverage']) if 'byline' in has else '–'} |"
            f" {fmt(d['accuracy']) if 'date' in has else '–'} | {fmt(d['coverage']) if 'date' in has else '–'} |"
            f" {fmt(d['precision']) if 'date' in has else '–'} |")
    n = scorer.score([], truth)["ALL"]
    rows.append(f"\nscored pages: headline {n['headline']['scored']}, byline {n['byline']['scored']},"
                f" date {n['date']['scored']}")
    return "\n".join(rows)


def after_crawl_table(results: dict, pages: list[dict]) -> str:
    """Count each tool's dates later than the day the page was crawled (fundus records its crawl time).

    morgue is given neither the URL nor the crawl date here: a date after the crawl is one it invented.
    Three pages (mk.co.kr, chunichi.co.jp, taipeitimes.com) carry a local date one day after the UTC
    crawl day, rightly: the bound is the crawl time plus 14 hours, as ``dates.latest_plausible`` has it.
    """
    # The crawl time is UTC and a page writes its local day, up to 14 hours ahead (UTC+14): that is the bound.
    from datetime import datetime, timedelta

    crawled = {p["id"]: (datetime.fromisoformat(p["crawl_date"]) + timedelta(hours=14)).date().isoformat()
               for p in pages if p.get("crawl_date")}
    rows = ["| tool | pages with a crawl date | dates predicted | dates after the crawl |", "|---|---|---|---|"]
    for name, (preds, _, _) in results.items():
        if not any("date" in p for p in preds):
            continue
        dated = [(p["id"], str(p["date"])[:10]) for p in preds if p["id"] in crawled and p.get("date")]
        late = [pid for pid, day in dated if day > crawled[pid]]
        rows.append(f"| {TOOLS[name][0]} | {len(crawled)} | {len(dated)} | {len(late)} |")
    return "\n".join(rows)


def source_table(scorer, results: dict, pages: list[dict], field: str, metric: str) -> str:
    sources = [s for s in SOURCES]
    empty = scorer.score([], pages, by="source_repo")
    head = "| tool | " + " | ".join(f"{SOURCES[s]} ({empty[s][field]['scored']})" for s in sources) + " |"
    rows = [head, "|---" * (len(sources) + 1) + "|"]
    for name, (preds, _, _) in results.items():
        if not any(field in p for p in preds):
            continue
        report = scorer.score(preds, pages, by="source_repo")
        cells = [fmt(report[s][field][metric]) if report[s][field]["scored"] else "–" for s in sources]
        rows.append(f"| {TOOLS[name][0]} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def write_misses(path: Path, scorer, preds: list[dict], pages: list[dict]) -> None:
    """Write morgue's wrong headline, byline and date on the tune half, one JSON line each."""
    by_id = {p["id"]: p for p in preds}
    with open(path, "w", encoding="utf-8") as out:
        for page in pages:
            if page["split"] != "tune":
                continue
            pred = by_id.get(page["id"], {})
            report = scorer.score([pred], [page])["ALL"]
            for field in ("headline", "byline", "date"):
                if report[field]["scored"] and not report[field]["accuracy"]:
                    out.write(json.dumps({"id": page["id"], "site": page["site"], "source": page["source_repo"],
                                          "field": field, "want": page.get(field), "got": pred.get(field),
                                          "alt": page.get("date_alt") if field == "date" else None},
                                         ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/morgue-bench-metadata"))
    parser.add_argument("--reuse-peers", action="store_true", help="read the peers' predictions from --work")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated, of: " + ", ".join(TOOLS))
    parser.add_argument("--misses", type=Path, help="write morgue's wrong answers on the tune half here")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    logging.basicConfig(level=logging.WARNING)
    for name in ("trafilatura", "htmldate", "newspaper", "readability"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    scorer = load_scorer()
    pages = load_pages(args.limit)
    args.work.mkdir(parents=True, exist_ok=True)
    results = {}
    for name in args.tools.split(","):
        saved = args.work / f"{name}.json"
        if name != "morgue" and args.reuse_peers and saved.exists():
            results[name] = tuple(json.loads(saved.read_text()))
            continue
        results[name] = run_tool(name, pages)
        saved.write_text(json.dumps(results[name]))
        print(f"{name}: {results[name][1]:.1f} s CPU, {results[name][2]} pages raised", file=sys.stderr)
    for split, title in ((None, "all pages"), ("tune", "tune half (split by site)"),
                         ("holdout", "holdout half (split by site)")):
        print(f"\n### {title}\n")
        print(overall_table(scorer, results, pages, split))
    print("\n### Dates after the crawl\n")
    print(after_crawl_table(results, pages))
    for field, metric, title in (("headline", "accuracy", "Headline exact"), ("byline", "accuracy", "Byline exact"),
                                 ("date", "accuracy", "Date exact")):
        print(f"\n### {title}, by source\n")
        print(source_table(scorer, results, pages, field, metric))
    if args.misses and "morgue" in results:
        write_misses(args.misses, scorer, results["morgue"][0], pages)


if __name__ == "__main__":
    main()
