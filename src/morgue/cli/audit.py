"""`morgue audit`: what the transfer broke, and the safe fixes."""

from __future__ import annotations

import json
import os
import sys
import time

import click

from morgue.cli.app import main, setup_home
from morgue.cli.words import count
from morgue.cli.choices import check_known


@main.command(short_help="What the transfer broke; --fix safe repairs it")
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
    from morgue.audit import KINDS

    check_known("defect kind", "--kind", kinds, KINDS, listed=len(KINDS))
    home = setup_home(ctx, existing=True)
    from morgue.archive.audit import AuditOptions, audit_archive, audit_report, open_defects

    if section is not None:
        from morgue.archive.stats import section_names

        check_known("section", "--section", [section], section_names(), known_by="this archive has")

    from morgue.web.paper import current_paper

    options = AuditOptions(home=home, workers=workers or os.cpu_count() or 1, rescan=rescan, fix_safe=fix == "safe", relearn=relearn,
                           founded=current_paper().founded)
    tty, shown = sys.stderr.isatty(), [0.0]

    def progress(s) -> None:
        # A line on stderr now and then (a run over millions of articles takes hours); stdout keeps the report.
        if time.monotonic() - shown[0] < (0.2 if tty else 10.0):
            return
        shown[0] = time.monotonic()
        line = f"{s.audited + s.failed:,} of {count(s.to_audit, 'article')} audited  {(s.audited + s.failed) / max(s.seconds, 1e-9):,.0f}/s"
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
        click.echo(f"{count(summary.failed, 'article')} could not be checked (left for the next run):", err=True)
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
    click.echo(f"Audited {count(summary.audited, 'article')} this run{rate}"
               + (f"; fixed {count(summary.fixed_defects, 'defect')} in {count(summary.fixed_articles, 'article')} as new revisions" if fix else ""))
    click.echo(f"{report['open_defects']:,} open defects in {report['articles_affected']:,} of {count(report['articles'], 'article')} "
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
