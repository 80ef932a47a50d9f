"""Extract a list of documents together: learn their sites' chrome first, then extract each."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable
from pathlib import Path

from morgue.bounds import DocumentBounds, DocumentTooSlow, release_memory, time_budget
from morgue.errors import ExtractionError
from morgue.extract.storable import StorableRepair, make_storable
from morgue.extract import extract_article
from morgue.extract.article import Article
from morgue.extract.options import ExtractOptions
from morgue.extract.sitechrome import SiteChrome, SiteChromeOptions, SiteProfile, learn_site_chrome
from morgue.read.document import RawDocument, Rejection

log = logging.getLogger(__name__)


def extract_documents(
    docs: list[RawDocument], options: ExtractOptions | None = None, chrome: SiteChromeOptions | None = None
) -> list[Article | ExtractionError]:
    """Return each document's article, or the ExtractionError that says why it has none, in order.

    The chrome of every site among ``docs`` is learned from the list first
    (a site with fewer than ``chrome.min_pages`` pages gets per-page rules only).
    """
    learned = learn_site_chrome(docs, chrome)
    return [extract_one(doc, options, learned.profile_for(doc)) for doc in docs]


def extract_one(doc: RawDocument, options: ExtractOptions | None, site: SiteProfile | None) -> Article | ExtractionError:
    """Return the document's article or the ExtractionError that rejects it (never raises for one bad document)."""
    result = extract_bounded(doc, options, site)
    return result if isinstance(result, ExtractionError) else result[0]


def extract_bounded(doc: RawDocument, options: ExtractOptions | None, site: SiteProfile | None,
                    bounds: DocumentBounds | None = None) -> tuple[Article, tuple[StorableRepair, ...]] | ExtractionError:
    """Return the storable article with the repairs that made it so, or the ExtractionError that rejects the document.

    Within ``bounds``: past its time budget "too-slow", out of memory "too-large" (with the figure); an
    extractor that raises is "extractor-failed". Never raises for one bad document. `morgue extract` and
    the ingest's pipeline both extract through here.
    """
    bounds = bounds or DocumentBounds()
    try:
        with time_budget(bounds.seconds):
            # As ingest stores it: text no database (and no terminal) can hold, a NUL or half a character, taken out.
            return make_storable(extract_article(doc, options, site=site))
    except DocumentTooSlow:
        return ExtractionError("too-slow", bounds.too_slow_detail())
    except MemoryError:
        release_memory()
        return ExtractionError("too-large", bounds.too_large_detail())
    except ExtractionError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - one bad document must never stop a run
        log.exception("extractor failed on %s", doc.location)
        return ExtractionError("extractor-failed", f"the extractor failed on this document: {type(exc).__name__}: {exc}")


def learn_from_paths(paths: Iterable[str], read_options=None, chrome: SiteChromeOptions | None = None) -> SiteChrome:
    """Return the site chrome learned by reading ``paths`` once (nothing is kept but the counts).

    The paths are also the roots for ``site_key``: a page in a folder belongs to the top folder under them.
    """
    from morgue.read.sources import read_sources

    paths = [str(p) for p in paths]
    # A page's site may be the top folder under the folder it was found in.
    roots = tuple(str(Path(p).resolve()) for p in paths)
    chrome = dataclasses.replace(chrome or SiteChromeOptions(), roots=roots)
    return learn_site_chrome(read_sources(paths, read_options), chrome)


def document_record(
    item: RawDocument | Rejection, result: Article | ExtractionError | None = None, site: SiteProfile | None = None
) -> dict:
    """Return one document's record as JSON-ready plain data.

    Every record has ``source`` (the location key), ``kind``, ``url`` and
    ``status``: "article" with the article's fields (``headline``, ``byline``,
    ``authors`` (its people, a list), ``credit`` (an agency or desk), ``dateline``, ``published``, ``modified``, ``section``, ``language``,
    ``notices``, ``body`` paragraphs, ``removed`` blocks with their reasons,
    ``site`` whose chrome was applied), or "rejected" with ``stage`` ("read"
    or "extract"), ``reason`` and ``detail``. Later stages add keys of their
    own (``defects``, ``mentions``, ``quotes``, ``suggested_section``); a
    reader ignores keys it does not know.
    """
    record: dict = {
        "source": item.location.key(),
        "kind": getattr(item, "kind", None),
        "url": getattr(item, "url", None),
    }
    if isinstance(item, Rejection):
        return record | {"status": "rejected", "stage": "read", "reason": item.reason, "detail": item.detail}
    if isinstance(result, ExtractionError):
        return record | {"status": "rejected", "stage": "extract", "reason": result.reason, "detail": str(result)}
    article = result.to_dict()
    return record | {
        "status": "article",
        "url": article["url"] or item.url,
        "site": site.site if site is not None else None,
        **{key: article[key] for key in (
            "headline", "byline", "authors", "credit", "dateline", "published", "modified", "section", "language",
            "notices", "body", "removed", "extractor", "encoding", "source_id")},
    }
