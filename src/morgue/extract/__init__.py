"""The extract stage: raw document → article record (pure: bytes in, plain data out)."""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from functools import cache

from morgue.errors import ExtractionError
from morgue.extract.article import Article, RemovedBlock
from morgue.extract.bylines import split_byline
from morgue.extract.options import DEFAULT_OPTIONS, ExtractOptions
from morgue.extract.sitechrome import SiteProfile, strip_site_chrome_paragraphs
from morgue.extract.walls import check_walls, wall_in_document
from morgue.read.document import RawDocument

__all__ = ["Article", "ExtractOptions", "RemovedBlock", "SiteProfile", "extract_article"]


@cache
def _extractors() -> dict[str, Callable[..., Article]]:
    """Return the extractor for each document kind (imported here so importing the package stays cheap)."""
    from morgue.extract.html import extract_html
    from morgue.extract.jsonl import extract_jsonl
    from morgue.extract.nitf import extract_nitf
    from morgue.extract.text import extract_text

    return {"html": extract_html, "text": extract_text, "nitf": extract_nitf, "jsonl": extract_jsonl}


@cache
def _takes_site(extractor: Callable[..., Article]) -> bool:
    """Return True if the extractor accepts a ``site=`` profile (asked once per extractor)."""
    return "site" in inspect.signature(extractor).parameters


def extract_article(doc: RawDocument, options: ExtractOptions | None = None, site: SiteProfile | None = None) -> Article:
    """Return the article in a raw document.

    ``site`` is the chrome learned from the document's whole site
    (``morgue.extract.sitechrome``); without it only per-page rules apply.
    Raises ExtractionError with a stable ``reason``: "no-text" (nothing that
    reads as an article, or a page that is only a paywall, consent wall or
    sign-in wall), "undecodable" (bytes that are not text),
    "bad-json" (a JSON export line that is not a JSON object), "bad-html"
    (a page the HTML extractor cannot process),
    "bad-xml" (a NITF file that is not XML) or "unknown-kind".
    """
    extractor = _extractors().get(doc.kind)
    if extractor is None:
        raise ExtractionError("unknown-kind", f"There is no extractor for documents of kind {doc.kind!r}.")
    if not doc.data.strip():
        raise ExtractionError("no-text", "The document is empty.")
    options = options or DEFAULT_OPTIONS
    # 1. The extractor for the kind, with the site's profile where it takes one.
    try:
        if site is not None and site.kind == doc.kind and _takes_site(extractor):
            article = extractor(doc, options, site=site)
        else:
            article = extractor(doc, options)
    except ExtractionError as exc:
        # A page with no text may be a wall whose prompt the chrome rules took out: say so.
        wall = wall_in_document(doc) if exc.reason == "no-text" and doc.kind in ("html", "text") else None
        if wall:
            raise ExtractionError("no-text", f"no article text found: page is a {wall}") from exc
        raise
    # 2. Site chrome the extractor could not see (an extractor without a site
    #    hook still gets whole paragraphs of the template taken out).
    if site is not None and site.kind == doc.kind:
        article = _without_site_paragraphs(article, site)
    # 3. A page that is only a paywall, consent or sign-in wall holds no article.
    if doc.kind in ("html", "text"):
        check_walls(article)
    if article.byline and not article.authors and not article.credit:
        article = dataclasses.replace(article, authors=tuple(split_byline(article.byline)))
    return article


def _without_site_paragraphs(article: Article, site: SiteProfile) -> Article:
    body, removed = strip_site_chrome_paragraphs(article.body, site)
    if not removed:
        return article
    if not body:
        raise ExtractionError("no-text", "The page has no article text: every paragraph is the site's own template.")
    return dataclasses.replace(article, body=tuple(body), removed=article.removed + tuple(removed))
