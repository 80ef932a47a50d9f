"""The `morgue` command: a thin layer over the library's functions."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click

from morgue import __version__
from morgue.errors import MorgueError

HOME_HELP = "Archive home folder (database, originals). Default: $MORGUE_HOME or ./morgue-archive."


def _setup(ctx: click.Context, migrate: bool = True) -> Path:
    from morgue.django_setup import setup

    try:
        return setup(ctx.obj.get("home"), migrate=migrate)
    except MorgueError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", type=click.Path(file_okay=False), envvar="MORGUE_HOME", help=HOME_HELP)
@click.version_option(__version__, prog_name="morgue")
@click.pass_context
def main(ctx: click.Context, home: str | None) -> None:
    """morgue: keep a newspaper's legacy archive byte for byte, extract its articles, publish them.

    \b
    morgue ingest PATH...   read folders, files, WARCs, zips, exports into the archive
    morgue extract PATH...  print what extraction makes of them, storing nothing
    morgue serve            serve the archive website
    morgue verify           prove every original is intact
    morgue stats            counts by source, year, section; rejected documents
    morgue demo             build a demo archive of invented newspapers
    morgue user create NAME add a reader, editor (--editor) or admin (--admin)
    """
    ctx.ensure_object(dict)
    ctx.obj["home"] = home


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Processes for extraction. Default: all cores.")
@click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True, help="Documents per transaction.")
@click.option("--max-size", type=click.IntRange(min=1), default=64, show_default=True, help="Largest document accepted, in MiB.")
@click.option("--quiet", "-q", is_flag=True, help="No progress line.")
@click.option("--no-site-chrome", is_flag=True, help="Do not learn each site's template in a first pass; per-page rules only.")
@click.option("--follow-symlinks", is_flag=True,
              help="Follow symbolic links found in folders when they lead to a place inside PATHS. "
                   "Default: links are listed as rejections and not followed.")
@click.pass_context
def ingest(ctx, paths, workers, batch_size, max_size, quiet, no_site_chrome, follow_symlinks):
    """Read PATHS (folders, files, .warc/.arc, .zip/.tar, .jsonl, NITF) into the archive.

    A first pass reads the sources to learn each site's template (lines and
    blocks that repeat on many of its pages); the second extracts every
    article without it. Every original is kept byte for byte. Re-running on
    the same input adds nothing; a run that was killed finishes the job when
    run again.
    """
    home = _setup(ctx)
    summary = run_ingest(home, paths, workers=workers, batch_size=batch_size, max_size_mib=max_size, quiet=quiet,
                         site_chrome=not no_site_chrome, follow_symlinks=follow_symlinks)
    _print_ingest_summary(summary)
    _catch_up_index(quiet)


def _read_options(max_size_mib: int, follow_symlinks: bool = False):
    from morgue.read.options import ReadOptions

    return ReadOptions(max_document_bytes=max_size_mib << 20, max_container_member_bytes=max_size_mib << 20,
                       follow_symlinks=follow_symlinks)


def run_ingest(home: Path, paths, *, workers=None, batch_size=64, max_size_mib=64, quiet=False, site_chrome=True,
               follow_symlinks=False):
    """Run an ingest with a progress line on stderr; return its summary."""
    from morgue.archive.ingest import IngestOptions, ingest as ingest_paths
    from morgue.extract.sitechrome import SiteChromeOptions

    options = IngestOptions(home=home, workers=workers or os.cpu_count() or 1, batch_size=batch_size,
                            read=_read_options(max_size_mib, follow_symlinks), site_chrome=SiteChromeOptions() if site_chrome else None)
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
            line = f"learning site chrome: {s.learned_documents:,} documents read"
            click.echo(("\r" + line + "\033[K") if self.tty else line, err=True, nl=not self.tty)
            return
        line = f"{s.documents:,} documents  {s.rate:,.0f}/s  {s.new_articles:,} new articles  {s.skipped:,} already in  {s.rejected_total:,} rejected"
        click.echo(("\r" + line + "\033[K") if self.tty else line, err=True, nl=not self.tty)

    def close(self) -> None:
        if self.tty and self.last:
            click.echo("", err=True)


def _print_ingest_summary(s) -> None:
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
        click.echo(f"  site chrome learned  {s.sites_learned:>10,} sites ({s.learning_seconds:,.1f} s to read {s.learned_documents:,} documents first)")
    for reason, count in s.rejected.most_common():
        click.echo(f"    {reason:<20} {count:>8,}")
    if s.rejected_total:
        click.echo("  (see `morgue stats` for where and why)")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print one JSON record per document (JSON lines).")
@click.option("--max-size", type=click.IntRange(min=1), default=64, show_default=True, help="Largest document accepted, in MiB.")
@click.option("--no-site-chrome", is_flag=True, help="Do not learn each site's template first; per-page rules only.")
@click.option("--follow-symlinks", is_flag=True, help="Follow symbolic links in folders that lead inside PATHS.")
def extract(paths, as_json, max_size, no_site_chrome, follow_symlinks):
    """Print the article record of every document in PATHS, storing nothing (no database needed).

    Site chrome is learned from all PATHS first, as `morgue ingest` does.
    A document that cannot be read or holds no article prints its rejection
    and the run goes on.
    """
    from morgue.extract.batch import extract_records

    read = _read_options(max_size, follow_symlinks)
    counts = {"article": 0, "rejected": 0}
    records, chrome = extract_records(paths, read, site_chrome=not no_site_chrome)
    for record in records:
        counts[record["status"]] += 1
        click.echo(json.dumps(record, ensure_ascii=False) if as_json else _record_block(record))
    sites = f"; site chrome learned for {chrome.sites:,} sites" if chrome is not None else ""
    click.echo(f"{counts['article'] + counts['rejected']:,} documents: {counts['article']:,} articles, "
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


@main.command()
@click.option("--fix", type=click.Choice(["safe"]), default=None, help="Apply the safe, mechanical fixes as new revisions.")
@click.option("--json", "as_json", is_flag=True, help="Print every open defect as JSON.")
@click.option("--kind", "kinds", multiple=True, help="Only this kind of defect (repeatable), e.g. mojibake.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m", "%Y"]), default=None, help="Only articles published on or after this date.")
@click.option("--section", default=None, help="Only articles in this section.")
@click.option("--rescan", is_flag=True, help="Audit every article again, not only new and changed ones.")
@click.option("--relearn", is_flag=True, help="Learn the archive's vocabulary afresh instead of updating the one kept in the home.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Processes for the checks. Default: all cores; 1 checks in this process.")
@click.option("--top", default=10, show_default=True, help="How many of the worst articles to list.")
@click.pass_context
def audit(ctx, fix, as_json, kinds, since, section, rescan, relearn, workers, top):
    """Find what the transfer broke: defects by kind and severity, and the worst articles.

    New and changed articles are audited first (misspellings are judged
    against the archive's own vocabulary, kept in the home and updated with
    what changed since the last run), then the report is printed.
    `--fix safe` repairs mojibake, leftover markup, control characters and
    repeated paragraphs as new revisions with a public note; everything else
    waits for an editor.
    """
    home = _setup(ctx)
    from morgue.archive.audit import AuditOptions, audit_archive, audit_report, open_defects

    options = AuditOptions(home=home, workers=workers or os.cpu_count() or 1, rescan=rescan, fix_safe=fix == "safe", relearn=relearn)
    tty, shown = sys.stderr.isatty(), [0.0]

    def progress(s) -> None:
        # A line on stderr now and then (a run over millions of articles takes hours); stdout keeps the report.
        if time.monotonic() - shown[0] < (0.2 if tty else 10.0):
            return
        shown[0] = time.monotonic()
        line = f"{s.audited + s.failed:,} of {s.to_audit:,} articles audited  {(s.audited + s.failed) / max(s.seconds, 1e-9):,.0f}/s"
        click.echo(("\r" + line + "\033[K") if tty else line, err=True, nl=not tty)

    summary = audit_archive(options, progress=progress)
    if tty and shown[0]:
        click.echo("", err=True)
    # Told on stderr, so `--json` output stays one JSON document.
    if summary.vocabulary == "learned":
        click.echo(f"Learned the archive's vocabulary afresh: {summary.vocabulary_reason}", err=True)
    elif summary.vocabulary == "updated":
        click.echo(f"Updated the kept vocabulary with {summary.vocabulary_changed:,} changed articles", err=True)
    if summary.failed:
        click.echo(f"{summary.failed:,} articles could not be checked (left for the next run):", err=True)
        for article_id, error in summary.failures[:top]:
            click.echo(f"  article {article_id}: {error}", err=True)
    since_date = since.date() if since else None
    if as_json:
        rows = [
            {"article": d.article_id, "headline": d.article.headline, "kind": d.kind, "severity": d.severity, "field": d.field,
             "paragraph": d.paragraph, "start": d.start, "end": d.end, "excerpt": d.excerpt, "explanation": d.explanation,
             "suggestion": d.suggestion}
            for d in open_defects(kinds, since_date, section).iterator(chunk_size=2000)
        ]
        click.echo(json.dumps({"defects": rows, **audit_report(kinds=kinds, since=since_date, section=section, worst=top)}, indent=2, default=str))
        return
    report = audit_report(kinds=kinds, since=since_date, section=section, worst=top)
    rate = f" in {summary.seconds:,.1f} s ({summary.audited / summary.seconds:,.0f}/s, {options.workers} workers)" if summary.seconds and summary.audited else ""
    click.echo(f"Audited {summary.audited:,} articles this run{rate}"
               + (f"; fixed {summary.fixed_defects:,} defects in {summary.fixed_articles:,} articles as new revisions" if fix else ""))
    click.echo(f"{report['open_defects']:,} open defects in {report['articles_affected']:,} of {report['articles']:,} articles "
               f"({report['fixed']:,} fixed, {report['dismissed']:,} dismissed so far)\n")
    click.echo(f"  {'kind':<28} {'severity':<8} {'defects':>8} {'articles':>9}")
    for row in report["by_kind"]:
        click.echo(f"  {row['kind']:<28} {row['severity']:<8} {row['defects']:>8,} {row['articles']:>9,}")
    if report["worst_articles"]:
        click.echo("\nWorst articles")
        for row in report["worst_articles"]:
            click.echo(f"  {row['article']:>8}  {row['defects']:>3} defects  {row['headline'][:70]}")
    if report["archive_findings"]:
        click.echo("\nThe archive as a whole")
        for row in report["archive_findings"][:top]:
            click.echo(f"  {row['kind']:<28} {row['severity']:<8} {row['subject'][:60]}\n  {'':<28} {row['explanation']}")
        if len(report["archive_findings"]) > top:
            click.echo(f"  ... and {len(report['archive_findings']) - top:,} more (--json lists them all)")


def _catch_up_index(quiet: bool = False) -> None:
    """Bring the search index up to date with the archive (a no-op when it is)."""
    from morgue.archive.searching import catch_up

    applied = catch_up()
    if applied and not quiet:
        click.echo(f"Search index: {applied:,} changes applied")


@main.command()
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000), help="How many results.")
@click.option("--offset", default=0, type=click.IntRange(min=0), help="Skip this many results (paging).")
@click.option("--sort", type=click.Choice(["relevance", "date", "oldest"]), default=None, help="Order (default: relevance).")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.pass_context
def search(ctx, words, limit, offset, sort, as_json):
    """Search the archive: words, "phrases", OR, -exclude, prefix*, field:value, date:1998..2008.

    \b
    Fields: headline: byline: section: dateline:   Dates: date:2008-08  date:1998..2008  before:2001  after:1999
    Example: morgue search '"harbour bridge" -toll section:news date:1990..1999'
    """
    _setup(ctx)
    from morgue.archive.searching import catch_up, search_archive
    from morgue.search import QueryError

    catch_up()
    try:
        results = search_archive(" ".join(words), limit=limit, offset=offset, sort=sort)
    except QueryError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps({
            "query": str(results.query), "total": results.total, "took_ms": results.took_ms, "sort": results.sort,
            "hits": [{"id": h.id, "score": h.score, "headline": h.headline, "published": h.published, "section": h.section,
                      "byline": h.byline, "url": h.url, "snippet_html": h.snippet_html} for h in results.hits],
            "facets": {name: [{"name": n, "count": c} for n, c in pairs] for name, pairs in results.facets.items()},
        }, indent=2, default=str))
        return
    click.echo(f"{results.total:,} articles match {str(results.query)!r} ({results.took_ms:.1f} ms)\n")
    for n, hit in enumerate(results.hits, start=offset + 1):
        when = hit.published.isoformat() if hit.published else "date unknown"
        click.echo(f"{n:>3}. {hit.headline}  [{when}{' · ' + hit.section if hit.section else ''}]  #{hit.id}")
        click.echo(f"     {_plain_snippet(hit.snippet_html)}")
    for name in ("section", "decade"):
        pairs = results.facets.get(name) or ()
        if pairs:
            click.echo(f"\n{name}: " + ", ".join(f"{n} ({c:,})" for n, c in pairs[:10]))


def _plain_snippet(snippet_html: str) -> str:
    import html
    import re

    marked = re.sub(r"</?mark>", lambda m: "**", snippet_html)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", marked)).split())


@main.command()
@click.pass_context
def reindex(ctx):
    """Rebuild the search index from scratch, from the archive (the database stays the source of truth)."""
    _setup(ctx)
    from morgue.archive.models import Article
    from morgue.archive.searching import reindex as rebuild

    total = Article.objects.filter(withdrawn=False).count()
    with click.progressbar(length=total, label="Indexing articles", show_pos=True, file=sys.stderr) as bar:
        count = rebuild(progress=bar.update)
    click.echo(f"Search index rebuilt: {count:,} articles")


@main.command()
@click.option("--quick", is_flag=True, help="Check that every original exists, without re-hashing its bytes.")
@click.pass_context
def verify(ctx, quick):
    """Prove every original is intact and every revision chain unbroken; exit 1 if not."""
    _setup(ctx)
    from morgue.archive.verify import verify_archive
    from django.conf import settings

    report = verify_archive(settings.HOME, rehash=not quick)
    click.echo(f"originals {report.originals:,}  locations {report.locations:,}  articles {report.articles:,}  revisions {report.revisions:,}")
    if report.unreferenced_files:
        click.echo(f"{report.unreferenced_files:,} original files on disk are not yet referenced (left by an interrupted ingest; the next ingest links them)")
    if report.ok:
        click.echo("verify: OK — every original matches its SHA-256 and every revision chain is intact" if not quick else "verify: OK (quick: originals present, chains intact)")
        return
    for problem in report.problems[:200]:
        click.echo(f"  {problem}", err=True)
    if len(report.problems) > 200:
        click.echo(f"  ... and {len(report.problems) - 200:,} more", err=True)
    raise click.ClickException(f"verify: {len(report.problems):,} problems found")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.option("--top", default=20, show_default=True, help="Rows per table.")
@click.pass_context
def stats(ctx, as_json, top):
    """Counts by source, kind, year and section, and rejected documents by reason."""
    _setup(ctx)
    from morgue.archive.stats import archive_stats

    data = archive_stats(top=top)
    if as_json:
        click.echo(json.dumps(data, indent=2, default=str))
        return
    click.echo(f"{data['articles']:,} articles ({data['withdrawn']:,} withdrawn) from {data['originals']:,} originals "
               f"({data['original_bytes'] / 1e6:,.1f} MB) at {data['locations']:,} locations; {data['rejections']:,} rejected")
    acc = data["accounting"]
    click.echo(f"Ingest runs read {acc['read']:,} documents: {acc['stored']:,} stored + {acc['rejected']:,} rejected "
               f"+ {acc['known']:,} already known" + (f"; {acc['unaccounted']:,} UNACCOUNTED (a bug: please report it)"
                                                       if acc["unaccounted"] else ""))
    for title, key in (("By source", "by_source"), ("By kind", "by_kind"), ("By year", "by_year"), ("By section", "by_section"), ("Rejected by reason", "rejected_by_reason"), ("Ingest runs by status", "runs_by_status")):
        click.echo(f"\n{title}")
        for row in data[key]:
            click.echo(f"  {str(row['name'] or '(none)'):<50} {row['count']:>10,}")
    if data["rejected_examples"]:
        click.echo("\nLatest rejections")
        for row in data["rejected_examples"]:
            click.echo(f"  {row['reason']:<18} {row['location']}\n  {'':<18} {row['detail']}")


@main.command()
@click.option("--articles", default=600, show_default=True, type=click.IntRange(min=1), help="How many articles to invent.")
@click.option("--seed", default=1, show_default=True, help="Random seed: the same seed writes the same files.")
@click.option("--out", type=click.Path(file_okay=False), default=None, help="Where to write the sources. Default: HOME/demo.")
@click.option("--no-ingest", is_flag=True, help="Only write the sources.")
@click.option("--if-empty", is_flag=True, help="Do nothing if the archive already has articles.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Processes for extraction. Default: all cores.")
@click.pass_context
def demo(ctx, articles, seed, out, no_ingest, if_empty, workers):
    """Write a demo legacy archive of invented newspapers, then ingest it.

    HTML pages, text scrapes, a WARC and a zip from three imaginary sites,
    with a known share of transfer damage; deterministic from --seed.
    """
    home = _setup(ctx)
    from morgue.archive.models import Article
    from morgue.demo.generate import DemoOptions, generate_demo

    if if_empty and Article.objects.exists():
        click.echo(f"The archive in {home} already has articles; not building the demo.")
        return
    dest = Path(out) if out else home / "demo"
    started = time.monotonic()
    summary = generate_demo(dest, DemoOptions(articles=articles, seed=seed))
    click.echo(f"Wrote {articles:,} invented articles to {dest / 'sources'} in {time.monotonic() - started:,.1f} s (truth in {dest / 'truth.jsonl'})")
    del summary
    if not no_ingest:
        _print_ingest_summary(run_ingest(home, [dest / "sources"], workers=workers))
        from morgue.archive.audit import AuditOptions, audit_archive

        audited = audit_archive(AuditOptions(home=home))  # keeps the vocabulary for the next `morgue audit`
        click.echo(f"Audited {audited.audited:,} articles: {audited.defects:,} defects found (see `morgue audit`)")
        _catch_up_index()


@main.group()
def user():
    """Accounts: create readers, editors and admins; list them."""


@user.command("create")
@click.argument("name")
@click.option("--editor", is_flag=True, help="Put the user in the editors group (the editors' desk).")
@click.option("--admin", is_flag=True, help="Make the user an admin (users and roles, Django admin); admins are editors too.")
@click.option("--email", default="", help="The user's e-mail address (for password reset).")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input instead of a prompt.")
@click.pass_context
def user_create(ctx, name, editor, admin, email, password_stdin):
    """Create the account NAME (a reader unless --editor or --admin); the password is asked for."""
    _setup(ctx)
    from morgue.accounts.roles import AccountError, create_account, role_of

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise click.ClickException("a password is needed")
    try:
        account = create_account(name, password, email=email, editor=editor, admin=admin)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Created {account.username} ({role_of(account)})")


@user.command("list")
@click.pass_context
def user_list(ctx):
    """List the accounts with their role, e-mail address and last sign-in."""
    _setup(ctx)
    from django.contrib.auth import get_user_model
    from morgue.accounts.roles import role_of

    users = get_user_model().objects.order_by("username").prefetch_related("groups")
    click.echo(f"{'user':<24} {'role':<7} {'active':<6} {'last sign-in':<17} e-mail")
    for account in users:
        last = f"{account.last_login:%Y-%m-%d %H:%M}" if account.last_login else "never"
        click.echo(f"{account.username:<24} {role_of(account):<7} {'yes' if account.is_active else 'no':<6} {last:<17} {account.email}")
    click.echo(f"{users.count():,} accounts")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--threads", type=click.IntRange(min=1),
              help="Threads per process (default: 8 with one process; 1 with --workers, each process answering "
                   "one request at a time, which spreads the load best).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1),
              help="Processes; above 1 the site runs on gunicorn (one or two per core; put nginx in front "
                   "for clients on the internet).")
@click.pass_context
def serve(ctx, host, port, threads, workers):
    """Serve the archive website (production WSGI server: waitress, or gunicorn with --workers). Ctrl-C stops it."""
    home = _setup(ctx)
    from django.conf import settings

    if host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS.append(host)
    from morgue.archive.searching import IndexFeeder, catch_up

    catch_up()
    click.echo(f"Serving the archive in {settings.HOME} at http://{host}:{port}/  (Ctrl-C stops it)")
    if workers > 1:
        from morgue.web.serving import serve_with_workers

        serve_with_workers(home, host, port, workers, threads or 1)
        return
    import waitress
    from morgue.wsgi import application

    IndexFeeder().start()  # corrections reach search within a second
    waitress.serve(application, host=host, port=port, threads=threads or 8, ident="morgue")


if __name__ == "__main__":
    main()
