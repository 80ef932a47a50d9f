"""The pure stages run on one raw document: pack its bytes, extract its article.

No Django and no database here: these functions take plain data and return
plain data, so the same code runs in-process, in a process pool, or mapped
over partitions on a cluster.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from morgue.archive.store import PackedOriginal, pack_original
from morgue.bounds import DocumentBounds, DocumentTooSlow, release_memory, time_budget
from morgue.errors import ExtractionError
from morgue.extract.batch import document_record, extract_bounded, extract_one, learn_from_paths
from morgue.extract.article import Article
from morgue.extract.options import ExtractOptions
from morgue.extract.sitechrome import SiteChrome, SiteProfile
from morgue.extract.storable import StorableRepair, storable_text
from morgue.read.document import RawDocument, Rejection, SourceLocation

@dataclass(frozen=True)
class ProcessedDocument:
    """A raw document after the pure stages: its packed bytes and its article, or why not."""

    location: SourceLocation
    kind: str
    url: str | None
    captured_at: object  # datetime | None
    packed: PackedOriginal
    article: Article | None
    reason: str = ""  # set when extraction rejected the document
    detail: str = ""
    repairs: tuple[StorableRepair, ...] = ()  # characters no database can store, taken out of the article
    seconds: float = 0.0  # how long its stages took (the slowest document of a run is shown to the archivist)


def process_document(
    doc: RawDocument, options: ExtractOptions | None = None, site: SiteProfile | None = None,
    bounds: DocumentBounds | None = None,
) -> ProcessedDocument:
    """Return the document packed for the originals store, with its article or its rejection.

    ``site`` is the chrome learned from the document's whole site, or None.
    ``bounds`` limits the time its stages may take ("too-slow") and says the
    worker's memory bound in the rejection when it is passed ("too-large").
    """
    bounds = bounds or DocumentBounds()
    # 1. Pack the exact bytes first: whatever extraction makes of them, they are kept.
    packed = pack_original(doc.data)
    # 2. Extract the article; a document with no article is rejected, not lost.
    article, reason, detail, repairs = None, "", "", ()
    started = time.monotonic()
    # 3. Text no database can store (NUL, lone surrogates) is repaired there, and said so.
    extracted = extract_bounded(doc, options, site, bounds)
    if isinstance(extracted, ExtractionError):
        reason, detail = extracted.reason, str(extracted)
    else:
        article, repairs = extracted
    # A rejection's detail may quote the document: it must be storable too.
    return ProcessedDocument(doc.location, doc.kind, doc.url, doc.captured_at, packed, article, reason,
                             storable_text(detail)[0], repairs, time.monotonic() - started)


def rejected_document(doc: RawDocument, reason: str, detail: str, seconds: float = 0.0) -> ProcessedDocument:
    """Return the document packed, rejected for ``reason`` without its stages (a worker that had to be stopped)."""
    return ProcessedDocument(doc.location, doc.kind, doc.url, doc.captured_at, pack_original(doc.data), None, reason,
                             storable_text(detail)[0], seconds=seconds)


def process_batch(
    docs: list[RawDocument], options: ExtractOptions | None = None, sites: list[SiteProfile | None] | None = None,
    bounds: DocumentBounds | None = None,
) -> list[ProcessedDocument]:
    """Return ``process_document`` of each document, in order (one task per batch saves IPC).

    ``sites`` gives each document's site profile, in the same order (a batch
    pickles a profile its documents share once).
    """
    sites = sites or [None] * len(docs)
    return [process_document(doc, options, site, bounds) for doc, site in zip(docs, sites)]


def document_records(
    paths: Iterable[str], read_options=None, *, options: ExtractOptions | None = None, site_chrome: bool = True,
    enrich: bool = True,
) -> tuple[Iterator[dict], SiteChrome | None]:
    """Return (a stream of one record per document under ``paths``, the site chrome learned).

    Nothing is stored: the paths are read twice, once to learn each site's
    chrome (unless ``site_chrome`` is False) and once to extract. Each record
    is ``document_record`` of one document or rejection, with the audit's
    defects and (unless ``enrich`` is False) the enrich stage's mentions and
    quotes: extract, audit and enrich composed here, none calling the next.
    """
    from morgue.read.sources import read_sources

    paths = [str(p) for p in paths]
    chrome = learn_from_paths(paths, read_options) if site_chrome else None

    def records() -> Iterator[dict]:
        for item in read_sources(paths, read_options):
            if isinstance(item, Rejection):
                yield document_record(item)
                continue
            site = chrome.profile_for(item) if chrome is not None else None
            result = extract_one(item, options, site)
            record = document_record(item, result, site)
            if isinstance(result, Article):
                record["defects"] = bounded_audit_record(result, item, record)
                if enrich:
                    from morgue.enrich.article import enrichment_record

                    record.update(enrichment_record(result.body))
            yield record

    return records(), chrome


def bounded_audit_record(article: Article, doc: RawDocument, record: dict) -> list[dict]:
    """Return ``audit_record`` within the time and memory bounds; past them, no defects and a notice saying so."""
    bounds = DocumentBounds()
    try:
        with time_budget(bounds.seconds):
            return audit_record(article, doc)
    except DocumentTooSlow:
        record["notices"] = [*record.get("notices", []), f"the audit's checks were stopped: {bounds.too_slow_detail()}"]
    except MemoryError:
        release_memory()
        record["notices"] = [*record.get("notices", []), f"the audit's checks were stopped: {bounds.too_large_detail()}"]
    return []


def audit_record(article: Article, doc: RawDocument) -> list[dict]:
    """Return the audit's defects of one extracted article as plain data.

    Spelling is left to `morgue audit`, which judges words against the whole
    archive's vocabulary; a page alone cannot tell a name from a typo.
    """
    from morgue.audit import AuditContext, find_defects

    context = AuditContext(captured_at=doc.captured_at, check_spelling=False)
    return [dataclasses.asdict(defect) for defect in find_defects(article, context)]
