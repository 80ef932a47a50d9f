"""`morgue search` and `morgue reindex`: the search index from the command line."""

from __future__ import annotations

import json
import sys

import click

from morgue.cli.app import main, setup_home
from morgue.cli.words import count


@main.command(short_help="Search the archive from the command line")
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
    setup_home(ctx, existing=True)
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
    click.echo(f"{count(results.total, 'article')} match {str(results.query)!r} ({results.took_ms:.1f} ms)\n")
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


@main.command(short_help="Rebuild the search index from the archive")
@click.pass_context
def reindex(ctx):
    """Rebuild the search index from scratch, from the archive (the database stays the source of truth)."""
    setup_home(ctx, existing=True)
    from morgue.archive.models import Article
    from morgue.archive.searching import reindex as rebuild

    total = Article.objects.filter(withdrawn=False).count()
    with click.progressbar(length=total, label="Indexing articles", show_pos=True, file=sys.stderr) as bar:
        indexed = rebuild(progress=bar.update)
    click.echo(f"Search index rebuilt: {count(indexed, 'article')}")
