"""`morgue backup` and `morgue restore`: a consistent copy of the archive, and an archive again from it."""

from __future__ import annotations

import os
import sys

import click

from morgue.cli.app import home_of, main, setup_home
from morgue.cli.words import count


@main.command(short_help="A consistent copy of the archive, even while it serves")
@click.argument("destination", type=click.Path(file_okay=False))
@click.pass_context
def backup(ctx, destination):
    """Copy the archive into DESTINATION, consistently, while it serves and even while it ingests.

    The database is snapshotted first (SQLite's online backup, or pg_dump),
    then the originals are copied — only those DESTINATION lacks, so a
    second backup to the same folder copies only what is new — then the
    home's settings, and last a manifest. The search index is not copied:
    `morgue restore` rebuilds it. A backup that was stopped is finished by
    running it again.
    """
    home = setup_home(ctx, existing=True)
    from morgue.archive.backup import backup_archive

    summary = backup_archive(home, destination)
    click.echo(f"Backed up the archive in {home} to {summary.destination} in {summary.seconds:,.1f} s")
    click.echo(f"  database ({summary.database})  {summary.database_bytes / 1e6:>10,.1f} MB  ({count(summary.articles, 'article')})")
    click.echo(f"  originals          {summary.originals:>10,}  ({summary.originals_copied:,} new this time, "
               f"{summary.bytes_copied / 1e6:,.1f} MB)")
    click.echo(f"  home files         {summary.home_files:>10,}")
    click.echo(f"Restore it with: morgue --home NEW-HOME restore {summary.destination}")


@main.command(short_help="Make a new archive from a backup")
@click.argument("source", type=click.Path(file_okay=False, exists=True))
@click.option("--no-verify", is_flag=True, help="Do not re-hash every original after restoring (faster; run `morgue verify` later).")
@click.pass_context
def restore(ctx, source, no_verify):
    """Make a new archive in --home from the backup in SOURCE, rebuild its search index and verify it.

    The home must hold no archive (nothing is ever overwritten). For a
    PostgreSQL backup, DATABASE_URL names the empty database to restore into.
    """
    from morgue.archive.backup import restore_files

    home = home_of(ctx)
    restored = restore_files(source, home, os.environ.get("DATABASE_URL"))
    click.echo(f"Restored the {restored.database} database and {count(restored.originals, 'original')} taken at "
               f"{restored.taken_at or 'an unknown time'} into {home}")
    setup_home(ctx)  # brings an older backup's tables up to date
    from morgue.archive.models import Article
    from morgue.archive.searching import reindex

    with click.progressbar(length=Article.objects.filter(withdrawn=False).count(), label="Rebuilding the search index",
                           show_pos=True, file=sys.stderr) as bar:
        indexed = reindex(progress=bar.update)
    click.echo(f"Search index rebuilt: {count(indexed, 'article')}")
    if no_verify:
        click.echo("Not verified: run `morgue verify` to prove every original intact")
        return
    from morgue.archive.verify import verify_archive

    report = verify_archive(home)
    if not report.ok:
        for problem in report.problems[:50]:
            click.echo(f"  {problem}", err=True)
        raise click.ClickException(f"the restored archive has {len(report.problems):,} problems (see above): "
                                   "restore from another backup")
    click.echo(f"verify: OK — {count(report.originals, 'original')} match their SHA-256, {count(report.articles, 'article')}' "
               "revision chains are intact")
