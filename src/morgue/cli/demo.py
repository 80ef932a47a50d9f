"""`morgue demo`: a demo legacy archive of invented newspapers, ingested."""

from __future__ import annotations

import time
from pathlib import Path

import click

from morgue.cli.app import main, setup_home
from morgue.cli.words import count
from morgue.cli.ingest import catch_up_index, print_ingest_summary, run_ingest


@main.command(short_help="Build a demo archive of an invented local paper")
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
        click.echo(f"Audited {count(audited.audited, 'article')}: {count(audited.defects, 'defect')} found, {audited.fixed_defects:,} repaired "
                   f"as transfer repairs in {count(audited.fixed_articles, 'article')} (see `morgue audit`)")
        corrected = correct_errata(dest / "truth.jsonl", dest / "sources")
        if corrected:
            click.echo(f"The demo's editor corrected {count(corrected, 'article')} the paper printed wrong (a misspelt name, a wrong date)")
        # As `morgue classify`: sections learned and mis-filings flagged, reprints folded.
        from morgue.cli.classify import run_classify

        run_classify(home)
        from morgue.cli.enrich import run_enrich

        run_enrich()
        catch_up_index()


DEMO_EDITOR = "readers-editor"


def correct_errata(truth: Path, sources: Path) -> int:
    """Correct, as the demo's editor, every editorial error the truth records; return how many articles were corrected.

    Each correction goes through the desk (a new revision with a reason and a
    public note), exactly as an editor's would; one already made is not made again.
    """
    import json

    from django.contrib.auth import get_user_model

    from morgue.archive.models import Article, SourceLocation
    from morgue.desk.editing import Change, correct_article

    records = [r for r in map(json.loads, truth.read_text(encoding="utf-8").splitlines()) if r.get("errata")]
    if not records:
        return 0
    editor, made = get_user_model().objects.get_or_create(username=DEMO_EDITOR, defaults={"first_name": "The Readers’",
                                                                                          "last_name": "Editor"})
    if made:
        editor.set_unusable_password()
        editor.save()
    corrected = 0
    for record in records:
        source = record["source"]
        location = (SourceLocation.objects.filter(path=str(sources / source["path"]), member=source.get("member") or "",
                                                  offset=source.get("offset")).select_related("original").first())
        article = Article.objects.filter(original_id=location.original_id).first() if location else None
        if article is None or article.revisions.filter(reason__startswith="erratum:").exists():
            continue
        for erratum in record["errata"]:
            fields = {}
            if erratum["field"] == "published" and article.published and article.published.isoformat() == erratum["printed"]:
                from datetime import date

                fields["published"] = date.fromisoformat(erratum["correct"])
            elif erratum["field"] == "body":
                body = [p.replace(erratum["printed"], erratum["correct"]) for p in article.body]
                if body != list(article.body):
                    fields["body"] = body
            if fields and correct_article(article, fields, Change(reason=f"erratum: {erratum['kind']} ({erratum['printed']} → "
                                                                           f"{erratum['correct']})", public_note=erratum["note"],
                                                                    author=editor)):
                corrected += 1
    return corrected
