"""`morgue enrich` and `morgue entities`: people, organisations, places and quotations across the archive."""

from __future__ import annotations

import click

from morgue.cli.app import main, setup_home
from morgue.cli.words import count


def run_enrich(*, everything: bool = False, quiet: bool = False) -> None:
    """Enrich the articles new or revised since they were last read; print what was done (ingest and demo too)."""
    from morgue.archive.entities import enrich_archive
    from morgue.enrich.entities import TaggerMissing

    try:
        summary = enrich_archive(everything=everything)
    except TaggerMissing as error:
        raise click.ClickException(f"{error}. Nothing was enriched; the archive is unchanged.") from None
    if not quiet:
        click.echo(f"Enriched {count(summary.articles, 'article')}: {count(summary.mentions, 'name')} "
                   f"({count(summary.new_entities, 'new entity', 'new entities')}), "
                   f"{count(summary.quotes, 'quotation')} ({summary.seconds:,.1f} s)")


@main.command(short_help="Find people, organisations, places and quotes in new and revised articles")
@click.option("--all", "everything", is_flag=True, help="Read every article again, not only the new and revised ones.")
@click.pass_context
def enrich(ctx, everything):
    """Find the people (with their titles), organisations and places each article names, and its quotations
    with their speakers.

    Only articles new or revised since they were last read are read (all with
    --all). Each name joins one entity per real person, organisation or place
    (see `morgue entities`); the site shows entity pages, "Quoted in this
    article", and search takes person:, org:, place: and quote:. Editors'
    renames, merges, splits and speakers are kept when articles are read again.
    """
    setup_home(ctx, existing=True)
    run_enrich(everything=everything)
    from morgue.cli.ingest import catch_up_index

    catch_up_index()


@main.command(short_help="List the archive's people, organisations and places with their counts")
@click.option("--kind", type=click.Choice(["person", "organisation", "place"]), default=None, help="Only this kind.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.pass_context
def entities(ctx, kind, limit):
    """List the entities most often named, with their articles, quotations and titles."""
    setup_home(ctx, existing=True)
    from morgue.archive.models import Entity

    rows = Entity.objects.filter(merged_into__isnull=True, articles__gt=0)
    if kind:
        rows = rows.filter(kind=kind)
    rows = list(rows.order_by("-articles", "name")[:limit])
    if not rows:
        click.echo("No entities yet: run `morgue enrich`.")
        return
    click.echo(f"{'kind':<13} {'articles':>8} {'quotes':>6}  name")
    for e in rows:
        where = f"  ({e.country})" if e.country else ""
        click.echo(f"{e.kind:<13} {e.articles:>8,} {e.quotes:>6,}  {e.name}{where}")
