"""`morgue ingest` and `morgue extract`: read sources into the archive, or print what extraction makes of them."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click

from morgue.cli.app import main, setup_home
from morgue.cli.words import count
from morgue.bounds import DEFAULT_DOC_SECONDS, DEFAULT_WORKER_MIB, DocumentBounds, limit_memory
from morgue.errors import MorgueError


def date_options(command):
    """Add the options that say how dates are read: --captured-before and --date-order."""
    command = click.option(
        "--date-order", type=click.Choice(["unknown", "day-first", "month-first"]), default="unknown",
        show_default=True,
        help="How to read a numeric date such as 03/04/2008 when the document itself does not say: "
             "unknown leaves it undated rather than guess.")(command)
    return click.option(
        "--captured-before", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
        help="The day (YYYY-MM-DD) the pages were crawled by, when the archivist knows it: no publication "
             "date after it is believed (a WARC record's own date always counts).")(command)


@main.command(short_help="Read folders, files, WARCs, zips, exports into the archive")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Processes for extraction. Default: all cores.")
@click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True, help="Documents per transaction.")
@click.option("--max-size", type=click.IntRange(min=1), default=64, show_default=True, help="Largest document accepted, in MiB.")
@click.option("--quiet", "-q", is_flag=True, help="No progress line.")
@click.option("--no-site-chrome", is_flag=True, help="Do not learn each site's template in a first pass; per-page rules only.")
@click.option("--follow-symlinks", is_flag=True,
              help="Follow symbolic links found in folders when they lead to a place inside PATHS. "
                   "Default: links are listed as rejections and not followed.")
@click.option("--doc-timeout", type=click.FloatRange(min=0), default=DEFAULT_DOC_SECONDS, show_default=True,
              help="Seconds one document's extraction may take before it is rejected as too-slow (its original is "
                   "kept); 0: no limit.")
@click.option("--worker-memory", type=click.IntRange(min=0), default=DEFAULT_WORKER_MIB, show_default=True,
              help="MiB of memory each extraction worker may hold; a document that needs more is rejected as "
                   "too-large (its original is kept); 0: no limit. Applies with --workers 2 or more.")
@click.option("--no-classify", is_flag=True, help="Do not classify sections or fold same stories afterwards "
                                                  "(run `morgue classify` later).")
@click.option("--no-enrich", is_flag=True, help="Do not find people, places and quotes afterwards (run `morgue enrich` later).")
@date_options
@click.pass_context
def ingest(ctx, paths, workers, batch_size, max_size, quiet, no_site_chrome, follow_symlinks, doc_timeout, worker_memory,
           captured_before, date_order, no_classify, no_enrich):
    """Read PATHS (folders, files, .warc/.arc, .zip/.tar, .jsonl, NITF) into the archive.

    A first pass reads the sources to learn each site's template (lines and
    blocks that repeat on many of its pages); the second extracts every
    article without it. Every original is kept byte for byte. Re-running on
    the same input adds nothing; a run that was killed finishes the job when
    run again.
    """
    home = setup_home(ctx)
    summary = run_ingest(home, paths, workers=workers, batch_size=batch_size, max_size_mib=max_size, quiet=quiet,
                         site_chrome=not no_site_chrome, follow_symlinks=follow_symlinks,
                         bounds=DocumentBounds(seconds=doc_timeout, worker_mib=worker_memory),
                         extract=extract_options(captured_before, date_order))
    print_ingest_summary(summary)
    if not no_classify:
        # As `morgue classify`: new articles get their sections checked and join their stories' clusters.
        from morgue.cli.classify import run_classify

        run_classify(home, quiet=quiet)
    if not no_enrich:
        # As `morgue enrich`: the new articles' people, organisations, places and quotations.
        from morgue.cli.enrich import run_enrich

        run_enrich(quiet=quiet)
    catch_up_index(quiet)


def extract_options(captured_before=None, date_order: str = "unknown"):
    """Return the extraction options the date flags of ingest and extract ask for."""
    from morgue.extract.options import ExtractOptions

    day_first = {"unknown": None, "day-first": True, "month-first": False}[date_order]
    return ExtractOptions(captured_before=captured_before.date() if captured_before else None, day_first=day_first)


def read_options(max_size_mib: int, follow_symlinks: bool = False):
    from morgue.read.options import ReadOptions

    return ReadOptions(max_document_bytes=max_size_mib << 20, max_container_member_bytes=max_size_mib << 20,
                       follow_symlinks=follow_symlinks)


def run_ingest(home: Path, paths, *, workers=None, batch_size=64, max_size_mib=64, quiet=False, site_chrome=True,
               follow_symlinks=False, bounds: DocumentBounds | None = None, extract=None):
    """Run an ingest with a progress line on stderr; return its summary."""
    from morgue.archive.ingest import IngestOptions, ingest as ingest_paths
    from morgue.extract.sitechrome import SiteChromeOptions

    options = IngestOptions(home=home, workers=workers or os.cpu_count() or 1, batch_size=batch_size,
                            read=read_options(max_size_mib, follow_symlinks), site_chrome=SiteChromeOptions() if site_chrome else None,
                            bounds=bounds or DocumentBounds(), **({"extract": extract} if extract is not None else {}))
    progress = None if quiet else _ProgressLine()
    try:
        summary = ingest_paths(paths, options, progress=progress)
    except MorgueError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if progress:
            progress.close()
    return summary


class _ProgressLine:
    """A one-line progress display on stderr: documents, documents/s, rejected."""

    def __init__(self):
        self.tty = sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, s) -> None:
        now = time.monotonic()
        if now - self.last < (0.2 if self.tty else 5.0):
            return
        self.last = now
        if s.phase == "learning":
            line = f"learning site chrome: {count(s.learned_documents, 'document')} read"
            click.echo(("\r" + line + "\033[K") if self.tty else line, err=True, nl=not self.tty)
            return
        line = f"{count(s.documents, 'document')}  {s.rate:,.0f}/s  {s.new_articles:,} new articles  {s.skipped:,} already in  {s.rejected_total:,} rejected"
        click.echo(("\r" + line + "\033[K") if self.tty else line, err=True, nl=not self.tty)

    def close(self) -> None:
        if self.tty and self.last:
            click.echo("", err=True)


def print_ingest_summary(s) -> None:
    click.echo(f"Ingest run {s.run_id} finished in {s.seconds:,.1f} s ({s.rate:,.1f} documents/s)")
    # Every document read is stored, rejected or already known; the three lines add up.
    click.echo(f"  documents read       {s.documents:>10,}  = stored + rejected + already in archive")
    click.echo(f"  stored               {s.stored:>10,}")
    click.echo(f"  rejected             {s.rejected_total:>10,}")
    click.echo(f"  already in archive   {s.skipped:>10,}")
    if s.unaccounted:
        click.echo(f"  UNACCOUNTED          {s.unaccounted:>10,}  (a bug in morgue: please report it)")
    click.echo(f"  new originals        {s.new_originals:>10,}")
    click.echo(f"  same bytes elsewhere {s.same_bytes:>10,}")
    click.echo(f"  new articles         {s.new_articles:>10,}")
    if s.learned_documents:
        click.echo(f"  site chrome learned  {s.sites_learned:>10,} sites ({s.learning_seconds:,.1f} s to read {count(s.learned_documents, 'document')} first)")
    if s.slowest_location:
        # Against --doc-timeout: how close the run's hardest document came to its budget.
        click.echo(f"  slowest document     {s.slowest_seconds:>10,.1f} s  {s.slowest_location}")
    for reason, n in s.rejected.most_common():
        click.echo(f"    {reason:<20} {n:>8,}")
    if s.rejected_total:
        click.echo("  (see `morgue stats` for where and why)")


@main.command(short_help="Print what extraction makes of files, storing nothing")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print one JSON record per document (JSON lines).")
@click.option("--max-size", type=click.IntRange(min=1), default=64, show_default=True, help="Largest document accepted, in MiB.")
@click.option("--no-site-chrome", is_flag=True, help="Do not learn each site's template first; per-page rules only.")
@click.option("--follow-symlinks", is_flag=True, help="Follow symbolic links in folders that lead inside PATHS.")
@click.option("--enrich/--no-enrich", default=None,
              help="Find people, organisations, places and quotes (on by default with --json, where they are "
                   "the records' mentions and quotes).")
@date_options
def extract(paths, as_json, max_size, no_site_chrome, follow_symlinks, enrich, captured_before, date_order):
    """Print the article record of every document in PATHS, storing nothing (no database needed).

    Site chrome is learned from all PATHS first, as `morgue ingest` does.
    A document that cannot be read or holds no article prints its rejection
    and the run goes on; so does one whose extraction takes more than 60 s
    (too-slow) or more memory than this process's 1024 MiB (too-large).
    """
    from morgue.pipeline import document_records

    read = read_options(max_size, follow_symlinks)
    limit_memory(DEFAULT_WORKER_MIB)  # one process: a document that needs more is rejected as too-large
    counts = {"article": 0, "rejected": 0}
    records, chrome = document_records(paths, read, site_chrome=not no_site_chrome,
                                       options=extract_options(captured_before, date_order), enrich=as_json if enrich is None else enrich)
    for record in records:
        counts[record["status"]] += 1
        click.echo(json.dumps(record, ensure_ascii=False) if as_json else _record_block(record))
    sites = f"; site chrome learned for {count(chrome.sites, 'site')}" if chrome is not None else ""
    click.echo(f"{count(counts['article'] + counts['rejected'], 'document')}: {count(counts['article'], 'article')}, "
               f"{counts['rejected']:,} rejected{sites}", err=True)


def _record_block(record: dict) -> str:
    """Return one document's record as a short human-readable block."""
    if record["status"] == "rejected":
        return f"{record['source']}\n  REJECTED ({record['stage']}) {record['reason']}: {record['detail']}\n"
    lines = [record["source"], f"  headline  {record['headline'] or '(none)'}"]
    facts = [f"by {record['byline']}" if record["byline"] else "",
             f"published {record['published']}" if record["published"] else "date unknown",
             f"section {record['section']}" if record["section"] else "",
             f"dateline {record['dateline']}" if record["dateline"] else ""]
    lines.append("  " + " | ".join(f for f in facts if f))
    body = record["body"]
    lines.append(f"  body      {len(body)} paragraphs, {sum(len(p) for p in body):,} characters"
                 + (f": {body[0][:90]}{'…' if len(body[0]) > 90 else ''}" if body else ""))
    reasons: dict[str, int] = {}
    for block in record["removed"]:
        reasons[block["reason"]] = reasons.get(block["reason"], 0) + 1
    if reasons:
        lines.append("  removed   " + ", ".join(f"{reason} {n}" for reason, n in sorted(reasons.items(), key=lambda r: -r[1])))
    for notice in record["notices"]:
        lines.append(f"  notice    {notice}")
    return "\n".join(lines) + "\n"


def catch_up_index(quiet: bool = False) -> None:
    """Bring the search index up to date with the archive (a no-op when it is)."""
    from morgue.archive.searching import catch_up

    applied = catch_up()
    if applied and not quiet:
        click.echo(f"Search index: {count(applied, 'change')} applied")
