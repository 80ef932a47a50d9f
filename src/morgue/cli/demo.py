"""`morgue demo`: a demo legacy archive of invented newspapers, ingested."""

from __future__ import annotations

import time
from pathlib import Path

import click

from morgue.cli.app import main, setup_home
from morgue.cli.ingest import catch_up_index, print_ingest_summary, run_ingest


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
    home = setup_home(ctx)
    from morgue.archive.models import Article
    from morgue.demo.generate import DemoOptions, generate_demo

    if if_empty and Article.objects.exists():
        click.echo(f"The archive in {home} already has articles; not building the demo.")
        return
    from morgue.demo.paper import write_demo_paper

    if write_demo_paper(home):
        from morgue.web.paper import forget

        forget()
        click.echo(f"Wrote the demo paper's settings to {home / 'morgue.toml'} (its name, colour, logo and words)")
    dest = Path(out) if out else home / "demo"
    started = time.monotonic()
    summary = generate_demo(dest, DemoOptions(articles=articles, seed=seed))
    click.echo(f"Wrote {articles:,} invented articles to {dest / 'sources'} in {time.monotonic() - started:,.1f} s (truth in {dest / 'truth.jsonl'})")
    del summary
    if not no_ingest:
        print_ingest_summary(run_ingest(home, [dest / "sources"], workers=workers))
        from morgue.archive.audit import AuditOptions, audit_archive

        from morgue.web.paper import current_paper

        # As `morgue audit --fix safe`: the mechanical damage is repaired, the rest waits for an editor.
        audited = audit_archive(AuditOptions(home=home, fix_safe=True, founded=current_paper().founded))
        click.echo(f"Audited {audited.audited:,} articles: {audited.defects:,} defects found, {audited.fixed_defects:,} repaired "
                   f"as transfer repairs in {audited.fixed_articles:,} articles (see `morgue audit`)")
        catch_up_index()
