"""`morgue classify` and `morgue sections`: sections learned from the archive, mis-filings, the same story twice."""

from __future__ import annotations

from pathlib import Path

import click

from morgue.cli.app import main, setup_home
from morgue.cli.words import count


def run_classify(home: Path, *, retrain: bool = False, rebuild_clusters: bool = False, quiet: bool = False) -> None:
    """Classify the archive's sections and fold its same stories; print what was done (the flow of ingest and demo too)."""
    from morgue.archive.classify import classify_archive
    from morgue.archive.story_clusters import cluster_archive
    from morgue.archive.topics import classify_topics

    # Clusters first: the section model's folds keep each story's versions together.
    clusters = cluster_archive(home, rebuild=rebuild_clusters)
    # Topics before sections: both read the articles not yet classified at their revision, and sections marks them.
    topics = classify_topics(home, retrain=retrain)
    sections = classify_archive(home, retrain=retrain)
    if quiet:
        return
    if topics.skipped_reason:
        click.echo(f"Topics not learned: {topics.skipped_reason}")
    else:
        model = f"trained ({topics.train_reason})" if topics.trained else "kept"
        click.echo(f"Topics: model {model} on {count(topics.tagged, 'tagged article')} in {count(topics.topics, 'topic')}; "
                   f"{count(topics.predicted, 'untagged article')} given topics ({topics.seconds:,.1f} s)")
    click.echo(f"Same stories: {count(clusters.signed, 'article')} signed, {count(clusters.pairs, 'pair')} found; "
               f"{count(clusters.clusters, 'cluster')} hold {count(clusters.clustered_articles, 'article')} "
               f"({clusters.seconds:,.1f} s)")
    if sections.skipped_reason:
        click.echo(f"Sections not learned: {sections.skipped_reason}")
        return
    trained = f"trained ({sections.train_reason}) on {count(sections.labelled, 'article')}" if sections.trained else \
        f"kept, trained on {count(sections.labelled, 'article')}"
    click.echo(f"Sections: model {trained} in {count(len(sections.sections), 'section')}; "
               f"{count(sections.classified, 'article')} classified: {count(sections.suggested, 'section')} suggested "
               f"where the source gave none, {count(sections.mismatches, 'article')} look mis-filed "
               f"({sections.seconds:,.1f} s). The desk lists them: defect kinds section-suggested, section-mismatch.")


@main.command(short_help="Learn sections, flag mis-filings, fold the same story told twice")
@click.option("--retrain", is_flag=True, help="Train the section and topic models again from every given section and tag "
                                                 "(they are otherwise kept, and retrained when a quarter of the labels changed).")
@click.option("--rebuild-clusters", is_flag=True, help="Sign every article again and re-draw every same-story cluster "
                                                        "(editors' splits and choices are kept).")
@click.pass_context
def classify(ctx, retrain, rebuild_clusters):
    """Learn each article's section from the sections the sources gave, and fold reprints.

    New and corrected articles are classified with the kept model: where the
    source gave no section one is suggested; where the model, never trained
    on that article's label, confidently contradicts it, the article is
    flagged as mis-filed. Both wait in the desk's queue; accepting one is a
    recategorisation with a public note. Topics are learned from the
    sources' own tags, where they have some, and given to untagged articles
    (searchable with topic:NAME). Articles that are the same story
    (identical, edited, updated) are clustered: readers see "Also published
    as", and search shows one result per story.
    """
    home = setup_home(ctx, existing=True)
    run_classify(home, retrain=retrain, rebuild_clusters=rebuild_clusters)
    from morgue.cli.ingest import catch_up_index

    catch_up_index()


@main.command(short_help="Sections with counts, the suggested mapping, --apply-mapping FILE")
@click.option("--apply-mapping", "mapping_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A TOML file of \"source section\" = \"archive section\" lines under [mapping]: shows what would move.")
@click.option("--yes", is_flag=True, help="With --apply-mapping: recategorise the articles (each its own revision, with a public note).")
@click.option("--write-mapping", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the suggested mapping to this file, to edit and then apply.")
@click.pass_context
def sections(ctx, mapping_file, yes, write_mapping):
    """List the archive's sections: articles, mis-filings flagged, suggestions made.

    Then the suggested mapping: two sections the section model confuses far
    more than mis-filing would (a fifth or more of one's articles predicted
    as the other), or under which two sources filed the same reprinted
    stories, are probably one desk under an older or another system's name.
    (Run `morgue classify` first: the mapping comes from its model and clusters.) Edit it into a mapping
    file and apply it with --apply-mapping FILE (a dry run), then --yes.
    """
    setup_home(ctx, existing=True)
    from morgue.archive.section_mapping import (apply_mapping, evidence, mapping_effect, mapping_toml, read_mapping,
                                                section_rows, suggested_mapping)

    if yes and mapping_file is None:
        raise click.UsageError("--yes applies a mapping: give it with --apply-mapping FILE")
    if mapping_file is not None:
        mapping = read_mapping(mapping_file)
        effect = mapping_effect(mapping)
        for source, target, n in effect:
            click.echo(f"  {source!r} → {target!r}: {count(n, 'article')}")
        total = sum(n for *_, n in effect)
        if not yes:
            click.echo(f"Dry run: {count(total, 'article')} would be recategorised. Run again with --yes to do it.")
            return
        moved = apply_mapping(mapping)
        from morgue.cli.ingest import catch_up_index

        catch_up_index()
        click.echo(f"Recategorised {count(moved, 'article')}, each as its own revision with a public note.")
        return
    rows = section_rows()
    click.echo(f"  {'section':<32} {'articles':>9} {'flagged':>8} {'suggested here':>15}")
    for row in rows:
        click.echo(f"  {(row.name or '(no section)')[:32]:<32} {row.articles:>9,} {row.flagged:>8,} {row.suggested_here:>15,}")
    suggestions = suggested_mapping()
    if not suggestions:
        click.echo("\nNo section looks like another under a different name.")
        return
    click.echo("\nSuggested mapping (two names of one desk: the model confuses them, or sources filed the same stories under both):")
    for s in suggestions:
        click.echo(f"  {s.source!r} → {s.target!r}: {count(s.articles, 'article')}; {evidence(s)}")
    if write_mapping:
        write_mapping.write_text(mapping_toml(suggestions), encoding="utf-8")
        click.echo(f"Wrote {write_mapping}: edit it, then `morgue sections --apply-mapping {write_mapping}`.")
    else:
        click.echo("Write it to a file to edit with --write-mapping FILE.")
