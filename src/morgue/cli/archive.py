"""`morgue init`, `morgue verify` and `morgue stats`: make an archive for a paper, prove it intact, count what it holds."""

from __future__ import annotations

import json

import click

from morgue.cli.app import home_of, main, setup_home
from morgue.cli.words import count


PAPER_QUESTIONS = (
    ("name", "The paper's name (shown on every page)", str),
    ("url", "The archive's public address, e.g. https://archive.example.com (empty: the address it is reached at)", str),
    ("founded", "The year the paper was founded (empty if unknown)", int),
    ("publisher", "The publisher named to search engines (empty: the paper's name)", str),
    ("language", "The paper's language, e.g. en-GB", str),
    ("timezone", "The paper's time zone, e.g. Europe/London", str),
)


@main.command(short_help="Create an archive for a paper (its name, address, founding)")
@click.option("--name", default=None, help="The paper's name, shown on every page (e.g. \"The Oldcastle Courier\").")
@click.option("--url", default=None, help="The archive's public base address (sitemaps, feeds, JSON-LD and e-mails use it).")
@click.option("--founded", type=int, default=None, help="The year the paper began; the audit flags articles dated before it.")
@click.option("--publisher", default=None, help="The organisation named as publisher in each article's JSON-LD.")
@click.option("--language", default=None, help="The paper's language as a BCP 47 tag (default en).")
@click.option("--timezone", default=None, help="The paper's IANA time zone (default UTC).")
@click.option("--ask/--no-ask", default=None, help="Ask for what the flags leave out (default: when run in a terminal with no flags).")
@click.pass_context
def init(ctx, name, url, founded, publisher, language, timezone, ask):
    """Create an empty archive in the home, and write the paper's settings (morgue.toml) there.

    Every setting may be given as a flag, asked for in a terminal, changed
    later in morgue.toml or (name, address, founding year, colour, logo,
    words) in the admin while the site runs. `ingest` and `demo` create an
    archive too.
    """
    import dataclasses
    import sys

    from morgue.paper import paper_file, read_paper, write_paper

    given = {k: v for k, v in {"name": name, "url": url, "founded": founded, "publisher": publisher,
                               "language": language, "timezone": timezone}.items() if v is not None}
    home = home_of(ctx)
    paper = read_paper(home) if home.is_dir() else read_paper(home / "-none-")
    if ask is None:
        ask = not given and sys.stdin.isatty() and not paper_file(home).exists()
    if ask:
        for field, question, kind in PAPER_QUESTIONS:
            if field in given:
                continue
            current = getattr(paper, field)
            answer = click.prompt(question, default=str(current) if current not in ("", None) else "", show_default=bool(current))
            if answer.strip():
                given[field] = kind(answer.strip()) if kind is int else answer.strip()
    new = dataclasses.replace(paper, **given)
    from morgue.paper import checked

    checked(new)  # a bad value is an error before anything is made
    home = setup_home(ctx)
    if given or not paper_file(home).exists():
        path = write_paper(home, new)
        click.echo(f"The paper's settings are in {path}")
    click.echo(f"An archive is ready in {home}: add sources with `morgue --home {home} ingest PATH`")


@main.command(short_help="Prove every original and revision chain intact")
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


@main.command(short_help="Counts by source, kind, year, section; rejections")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.option("--top", default=20, show_default=True, type=click.IntRange(min=0),
              help="Rows per table, every table (0: all of them).")
@click.pass_context
def stats(ctx, as_json, top):
    """Counts by source, kind, year and section, and rejected documents by reason."""
    setup_home(ctx, existing=True)
    from morgue.archive.stats import archive_stats

    data = archive_stats(top=top or None)
    if as_json:
        click.echo(json.dumps(data, indent=2, default=str))
        return
    click.echo(f"{count(data['articles'], 'article')} ({data['withdrawn']:,} withdrawn) from {count(data['originals'], 'original')} "
               f"({data['original_bytes'] / 1e6:,.1f} MB) at {count(data['locations'], 'location')}; {data['rejections']:,} rejected")
    acc = data["accounting"]
    click.echo(f"Ingest runs read {count(acc['read'], 'document')}: {acc['stored']:,} stored + {acc['rejected']:,} rejected "
               f"+ {acc['known']:,} already known" + (f"; {acc['unaccounted']:,} UNACCOUNTED (a bug: please report it)"
                                                       if acc["unaccounted"] else ""))
    for title, key in (("By source", "by_source"), ("By kind", "by_kind"), ("By year", "by_year"), ("By section", "by_section"), ("Rejected by reason", "rejected_by_reason"), ("Ingest runs by status", "runs_by_status")):
        click.echo(f"\n{title}")
        rows = data[key]  # already cut to --top by archive_stats
        if not rows:
            click.echo("  (none)")
        for row in rows:
            click.echo(f"  {str(row['name'] or '(none)'):<50} {row['count']:>10,}")
        hidden = data.get("more", {}).get(key, 0)
        if hidden:
            click.echo(f"  … and {hidden:,} more (--top 0 shows every row)")
    if data["rejected_examples"]:
        click.echo("\nLatest rejections")
        for row in data["rejected_examples"]:
            click.echo(f"  {row['reason']:<18} {row['location']}\n  {'':<18} {row['detail']}")
