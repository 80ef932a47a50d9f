"""The pure stages run on one raw document: pack its bytes, extract its article.

No Django and no database here: these functions take plain data and return
plain data, so the same code runs in-process, in a process pool, or mapped
over partitions on a cluster.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from morgue.archive.store import PackedOriginal, pack_original
from morgue.bounds import DocumentBounds
from morgue.errors import ExtractionError
from morgue.extract.batch import extract_bounded
from morgue.extract.article import Article
from morgue.extract.options import ExtractOptions
from morgue.extract.sitechrome import SiteProfile
from morgue.extract.storable import StorableRepair, storable_text
from morgue.read.document import RawDocument, SourceLocation

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
