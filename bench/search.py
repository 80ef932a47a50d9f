#!/usr/bin/env python3
"""Search at scale: an archive of N demo articles, a fixed mix of 1,000 queries, three engines.

Usage: .venv/bin/python bench/search.py [--articles 1000000] [--queries 1000] [--work DIR] [--skip-fts]
       [--postgres-url postgres://user:pass@host/db]

1. Builds an archive of N articles with the demo generator (`demo_stories`),
   loaded straight into a fresh SQLite archive: extraction is measured by
   bench/ingest.py, and running it on a million pages would take hours here.
   Each article has its Original row and revision 0 like an ingested one
   (originals' bytes are not written: nothing here reads them).
2. Builds the search index with `morgue reindex` (tantivy), timed.
3. Times a fixed mix of queries (rare word, common word, two words, phrase,
   OR, field filter, date range, faceted) through morgue's own search
   interface — query parsing, facets over all matches and highlighted
   snippets included — with 1 and 2 clients.
4. In the same run, the same mix on bare tantivy (its own query parser, top
   20 and count only: no facets, no snippets) and on SQLite FTS5 (morgue's
   fallback backend: bm25, snippet(), GROUP BY facets), as ratios.
5. With --postgres-url, the same mix on PostgreSQL full-text search through
   morgue's postgres backend (a weighted tsvector with a GIN index,
   ts_rank_cd, ts_headline, GROUP BY facets), its table filled from the same
   archive as `morgue reindex` would, then VACUUM ANALYZE (as autovacuum
   would do on its own), in the same run.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

TYPES = ("rare word", "common word", "two words", "phrase", "OR", "field filter", "date range", "faceted")
STOP = set("the a an of to in and or for on at by with from as is was were be been has have had that this it its "
           "said says after before over into than but not are will would who which their there they he she his her "
           "we our you i about more most new one two three".split())
WORD = re.compile(r"[a-z]{4,}")


def build_archive(home: Path, articles: int, seed: int) -> tuple[float, list]:
    """Load N demo stories into a fresh archive; return seconds and a sample of stories for the query mix."""
    os.environ["MORGUE_HOME"] = str(home)
    from morgue.django_setup import setup

    setup(home)
    from django.db import transaction
    from django.utils import timezone

    from morgue.archive.models import Article, Original, Revision
    from morgue.archive.revisions import first_revision
    from morgue.demo.generate import DemoOptions, demo_stories

    started = time.perf_counter()
    sample, batch = [], []
    now = timezone.now()

    def flush():
        with transaction.atomic():
            originals = Original.objects.bulk_create([o for o, _ in batch])
            rows = [Article(original=o, **fields) for o, (_, fields) in zip(originals, batch)]
            Article.objects.bulk_create(rows)
            revisions = []
            for article, (_, fields) in zip(rows, batch):
                revision = first_revision(article, fields)
                revision.created_at = now
                revision.content_hash = revision.compute_hash()
                revisions.append(revision)
            Revision.objects.bulk_create(revisions)
        batch.clear()

    for number, story, paper in demo_stories(DemoOptions(articles=articles, seed=seed)):
        text = "\n\n".join([story.headline, *story.paragraphs])
        original = Original(sha256=hashlib.sha256(f"{number}:{text}".encode()).hexdigest(), size=len(text), kind="html")
        fields = {"headline": story.headline, "byline": story.author, "dateline": story.dateline,
                  "published": story.published.date(), "modified": None, "section": story.section.title(),
                  "body": list(story.paragraphs), "notices": [], "language": "en",
                  "url": f"https://demo.example/{number}", "withdrawn": False}
        batch.append((original, fields))
        if number % max(1, articles // 20000) == 0:
            sample.append(story)
        if len(batch) >= 5000:
            flush()
            print(f"\r  loaded {number:,} articles", end="", file=sys.stderr)
    if batch:
        flush()
    print(file=sys.stderr)
    return time.perf_counter() - started, sample


def query_mix(sample, n: int, seed: int) -> list[tuple[str, str, str]]:
    """Return n (type, morgue query, bare tantivy query) triples, the same for every engine."""
    rng = random.Random(seed)
    df = Counter()
    bigrams = Counter()
    surnames = Counter()
    for story in sample:
        words = WORD.findall(" ".join([story.headline, *story.paragraphs]).lower())
        df.update(set(words) - STOP)
        bigrams.update({(a, b) for a, b in zip(words, words[1:]) if a not in STOP and b not in STOP})
        if story.author:
            surnames[story.author.split()[-1].lower()] += 1
    ranked = [w for w, _ in df.most_common()]
    common = ranked[:40]
    medium = [w for w, c in df.items() if len(sample) * 0.01 <= c <= len(sample) * 0.05]
    # Rare: the least used twentieth of the vocabulary (names, places, odd words).
    rare = ranked[-max(20, len(ranked) // 20):]
    phrases = [b for b, c in bigrams.items() if len(sample) * 0.005 <= c <= len(sample) * 0.05]
    sections = ["News", "Politics", "Business", "Sport", "Culture", "Science", "Opinion", "Obituaries"]
    per = n // len(TYPES)
    mix = []
    for kind in TYPES:
        for _ in range(per):
            if kind == "rare word":
                w = rng.choice(rare)
                mix.append((kind, w, w))
            elif kind == "common word":
                w = rng.choice(common)
                mix.append((kind, w, w))
            elif kind == "two words":
                a, b = rng.sample(medium, 2)
                mix.append((kind, f"{a} {b}", f"+{a} +{b}"))
            elif kind == "phrase":
                a, b = rng.choice(phrases)
                mix.append((kind, f'"{a} {b}"', f'"{a} {b}"'))
            elif kind == "OR":
                a, b = rng.sample(medium, 2)
                mix.append((kind, f"{a} OR {b}", f"{a} OR {b}"))
            elif kind == "field filter":
                if rng.random() < 0.5:
                    w = rng.choice(medium)
                    mix.append((kind, f"headline:{w}", f"headline:{w}"))
                else:
                    s, w = rng.choice(sections), rng.choice(medium)
                    mix.append((kind, f"section:{s} {w}", f"+section:{s} +{w}"))
            elif kind == "date range":
                w, start = rng.choice(common + medium), rng.randrange(1950, 2016)
                end = start + rng.randrange(1, 10)
                mix.append((kind, f"{w} date:{start}..{end}", f"+{w} +day:[{start}0101 TO {end}1231]"))
            else:  # faceted: a broad filter whose facet counts cover a large share of the archive
                start = rng.randrange(1950, 2020, 10)
                s = rng.choice(sections)
                mix.append((kind, f"section:{s} date:{start}..{start + 9}", f"+section:{s} +day:[{start}0101 TO {start + 9}1231]"))
    rng.shuffle(mix)
    return mix


def run_morgue(home: str, queries: list[str], backend: str) -> list[float]:
    """Return the latency (ms) of each query through morgue's search interface."""
    os.environ["MORGUE_HOME"] = home
    os.environ["MORGUE_SEARCH_BACKEND"] = backend
    from morgue.django_setup import setup

    setup(home, migrate=False)
    from morgue.archive.searching import search_archive

    search_archive(queries[0], limit=20)  # open the index
    out = []
    for q in queries:
        t = time.perf_counter()
        search_archive(q, limit=20, facets=True)
        out.append((time.perf_counter() - t) * 1000)
    return out


def run_bare(path: str, queries: list[str]) -> list[float]:
    """Return the latency (ms) of each query on bare tantivy: its parser, top 20 docs and the count."""
    import tantivy

    from morgue.search.backends.tantivy_query import build_schema, register_analyzers

    index = tantivy.Index(build_schema(), path, reuse=True)
    register_analyzers(index)
    searcher = index.searcher()
    out = []
    for q in queries:
        t = time.perf_counter()
        parsed = index.parse_query(q, ["headline", "body"])
        result = searcher.search(parsed, 20, count=True)
        for _, address in result.hits:
            searcher.doc(address)
        out.append((time.perf_counter() - t) * 1000)
    return out


PG_TABLE = "morgue_bench_search"


def build_postgres(url: str, table: str) -> int:
    """Fill the PostgreSQL index ``table`` from the archive, as `morgue reindex` does; return how many."""
    from morgue.archive.models import Article
    from morgue.archive.searching import INDEXED_COLUMNS, _indexed_row
    from morgue.search import open_index
    from morgue.search.backends.postgres import PostgresLocation

    count, last_pk = 0, 0
    with open_index(PostgresLocation(url, table), backend="postgres", writer=True) as index:
        index.clear()
        while True:
            rows = list(Article.objects.filter(withdrawn=False, pk__gt=last_pk).order_by("pk")
                        .values_list(*INDEXED_COLUMNS)[:5000])
            if not rows:
                break
            index.upsert(_indexed_row(row) for row in rows)
            last_pk, count = rows[-1][0], count + len(rows)
            print(f"\r  PostgreSQL: indexed {count:,} articles", end="", file=sys.stderr)
        index.commit(0)
    print(file=sys.stderr)
    return count


def postgres_size(url: str, table: str) -> tuple[int, int]:
    """The rows and the bytes (table, TOAST and indexes) of the PostgreSQL index ``table``."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        if not db.execute("SELECT to_regclass(%s)", (table,)).fetchone()[0]:
            return 0, 0
        n = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        return n, db.execute("SELECT pg_total_relation_size(%s)", (table,)).fetchone()[0]


def run_postgres(url: str, table: str, queries: list[str]) -> list[float]:
    """Return the latency (ms) of each query through morgue's postgres backend (search() as search_archive calls it)."""
    from morgue.search import open_index
    from morgue.search.backends.postgres import PostgresLocation

    with open_index(PostgresLocation(url, table), backend="postgres") as index:
        index.search(queries[0], limit=20)  # connect
        out = []
        for q in queries:
            t = time.perf_counter()
            index.search(q, limit=20, facets=True)
            out.append((time.perf_counter() - t) * 1000)
    return out


def _client(args):
    fn, *rest = args
    return fn(*rest)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def du(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, help="keep the archive here (reused if it exists)")
    parser.add_argument("--skip-fts", action="store_true", help="leave out SQLite FTS5 (its build takes minutes at 1M)")
    parser.add_argument("--reuse", action="store_true", help="with --work: reuse the archive and indexes built by an earlier run "
                        "(only the queries are timed again; build figures are those printed by the run that built them)")
    parser.add_argument("--postgres-url", help="also time PostgreSQL full-text search (morgue's postgres backend) "
                        "in this database, in a table of its own (morgue_bench_search, dropped unless --work)")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="morgue-bench-search-"))
    home = work / "home"
    print(f"morgue search benchmark: {args.articles:,} articles, {args.queries:,} queries, {os.cpu_count()} cores, work in {work}",
          file=sys.stderr)
    reuse = args.reuse and (home / "morgue.sqlite3").exists()
    if reuse:
        from morgue.demo.generate import DemoOptions, demo_stories
        from morgue.django_setup import setup

        setup(home)
        step = max(1, args.articles // 20000)
        sample = [story for number, story, _ in demo_stories(DemoOptions(articles=args.articles, seed=args.seed)) if number % step == 0]
        load_s = float("nan")
    else:
        load_s, sample = build_archive(home, args.articles, args.seed)
    print(f"  archive loaded in {load_s:,.0f} s", file=sys.stderr)

    from morgue.archive.models import Article
    from morgue.archive.searching import index_path, reindex

    t = time.perf_counter()
    indexed = Article.objects.count() if reuse else reindex(home)
    build_s = float("nan") if reuse else time.perf_counter() - t
    tantivy_path = index_path(home)
    mix = query_mix(sample, args.queries, args.seed)
    texts = [q for _, q, _ in mix]
    bare_texts = [b for _, _, b in mix]

    results: dict[str, list[float]] = {}
    wall: dict[str, float] = {}
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        run_morgue(str(home), texts[:50], "tantivy")  # warm the page cache
        t = time.perf_counter()
        results["morgue (tantivy)"] = pool.apply(run_morgue, (str(home), texts, "tantivy"))
        wall["morgue (tantivy)"] = time.perf_counter() - t
        t = time.perf_counter()
        pool.map(_client, [(run_morgue, str(home), texts, "tantivy")] * 2)
        wall["morgue (tantivy), 2 clients"] = time.perf_counter() - t
        results["bare tantivy"] = pool.apply(run_bare, (str(tantivy_path), bare_texts))

    fts = {}
    if not args.skip_fts:
        os.environ["MORGUE_SEARCH_BACKEND"] = "sqlite"
        t = time.perf_counter()
        if not (reuse and index_path(home).exists()):
            reindex(home)
            fts["build_s"] = time.perf_counter() - t
        fts["size"] = du(index_path(home))
        os.environ["MORGUE_SEARCH_BACKEND"] = "tantivy"
        with ctx.Pool(1) as pool:
            results["SQLite FTS5 (morgue's fallback)"] = pool.apply(run_morgue, (str(home), texts, "sqlite"))

    pg = {}
    if args.postgres_url:
        import psycopg

        rows, _ = postgres_size(args.postgres_url, PG_TABLE)
        if not (reuse and rows == indexed):
            t = time.perf_counter()
            build_postgres(args.postgres_url, PG_TABLE)
            pg["build_s"] = time.perf_counter() - t
        t = time.perf_counter()
        with psycopg.connect(args.postgres_url, autocommit=True) as db:
            db.execute(f'VACUUM ANALYZE "{PG_TABLE}"')
        pg["vacuum_s"] = time.perf_counter() - t
        pg["size"] = postgres_size(args.postgres_url, PG_TABLE)[1]
        with ctx.Pool(1) as pool:
            pool.apply(run_postgres, (args.postgres_url, PG_TABLE, texts[:50]))  # warm its cache
            results["PostgreSQL FTS (morgue's postgres backend)"] = pool.apply(
                run_postgres, (args.postgres_url, PG_TABLE, texts))

    by_type: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for engine, times in results.items():
        for (kind, _, _), ms in zip(mix, times):
            by_type[engine][kind].append(ms)

    print(f"\n## morgue search benchmark — {indexed:,} articles, {len(mix):,} queries, {os.cpu_count()} cores, "
          f"{time.strftime('%Y-%m-%d')}\n")
    pg_flag = " --postgres-url postgres://USER:PASSWORD@HOST/DB" if args.postgres_url else ""
    print(f"Command: `.venv/bin/python bench/search.py --articles {args.articles}{pg_flag}`\n")
    print("| engine | p50 ms | p95 ms | p99 ms | queries/s (1 client) | p99 vs morgue |")
    print("|---|---:|---:|---:|---:|---:|")
    base_p99 = pct(results["morgue (tantivy)"], 99)
    for engine, times in results.items():
        qps = len(times) / (sum(times) / 1000)
        print(f"| {engine} | {pct(times, 50):.1f} | {pct(times, 95):.1f} | {pct(times, 99):.1f} | {qps:,.0f} | {pct(times, 99) / base_p99:.2f}x |")
    print(f"\nqueries/s through morgue: 1 client {len(texts) / wall['morgue (tantivy)']:,.0f} (wall clock, process start excluded: "
          f"{len(texts) / (sum(results['morgue (tantivy)']) / 1000):,.0f}); 2 clients {2 * len(texts) / wall['morgue (tantivy), 2 clients']:,.0f} "
          f"(wall clock including process start)")
    print(f"\nindex build (`morgue reindex`, tantivy): {indexed:,} articles in {build_s:,.0f} s = **{indexed / build_s:,.0f} articles/s**, "
          f"size {du(tantivy_path) / 2**30:.2f} GiB; archive database {du(home / 'morgue.sqlite3') / 2**30:.2f} GiB (loaded in {load_s:,.0f} s)")
    if "build_s" in fts:
        print(f"SQLite FTS5 build: {indexed / fts['build_s']:,.0f} articles/s, size {fts['size'] / 2**30:.2f} GiB")
    if "build_s" in pg:
        print(f"PostgreSQL FTS build: {indexed / pg['build_s']:,.0f} articles/s, then VACUUM ANALYZE "
              f"{pg['vacuum_s']:,.0f} s; size {pg['size'] / 2**30:.2f} GiB (table, TOAST and indexes)")
    elif pg:
        print(f"PostgreSQL FTS: size {pg['size'] / 2**30:.2f} GiB (table, TOAST and indexes; built by an earlier run)")
    print("\n| query type | " + " | ".join(f"{e} p50 / p99 ms" for e in results) + " |")
    print("|---|" + "---:|" * len(results))
    for kind in TYPES:
        cells = [f"{pct(by_type[e][kind], 50):.1f} / {pct(by_type[e][kind], 99):.1f}" for e in results]
        print(f"| {kind} | " + " | ".join(cells) + " |")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
        if args.postgres_url:
            import psycopg

            with psycopg.connect(args.postgres_url, autocommit=True) as db:
                db.execute(f'DROP TABLE IF EXISTS "{PG_TABLE}", "{PG_TABLE}_state"')


if __name__ == "__main__":
    main()
