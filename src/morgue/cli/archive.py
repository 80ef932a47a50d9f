"""`morgue verify` and `morgue stats`: prove the archive intact, and count what it holds."""

from __future__ import annotations

import json

import click

from morgue.cli.app import main, setup_home


@main.command()
@click.pass_context
def init(ctx):
    """Create an empty archive in the home (its database and folders); `ingest` and `demo` do this too."""
    home = setup_home(ctx)
    click.echo(f"An archive is ready in {home}: add sources with `morgue --home {home} ingest PATH`")


@main.command()
@click.option("--quick", is_flag=True, help="Check that every original exists, without re-hashing its bytes.")
@click.pass_context
def verify(ctx, quick):
    """Prove every original is intact and every revision chain unbroken; exit 1 if not."""
    setup_home(ctx, existing=True)
    from morgue.archive.verify import verify_archive
    from django.conf import settings

    report = verify_archive(settings.HOME, rehash=not quick)
    click.echo(f"originals {report.originals:,}  locations {report.locations:,}  articles {report.articles:,}  revisions {report.revisions:,}")
    if report.unreferenced_files:
        click.echo(f"{report.unreferenced_files:,} original files on disk are not yet referenced (left by an interrupted ingest; the next ingest links them)")
    if report.temporary_files:
        click.echo(f"{report.temporary_files:,} temporary files in the originals store were left half-written by an interrupted "
                   "ingest (never originals; the next ingest removes them)")
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
    setup_home(ctx, existing=True)
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
