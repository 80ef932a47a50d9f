"""`morgue ingest`: stream sources into the archive, in batches, idempotently and crash-safely.

Crash safety comes from the order of writes: an original's bytes are on disk
(atomically, fsynced) before any row refers to them, and each batch's rows
are one transaction. A run killed at any moment leaves at most some
unreferenced original files (harmless, re-linked next time) and no partial
batch; running it again skips every location already recorded and finishes
the job.
"""

from __future__ import annotations

import dataclasses
import hashlib
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from morgue.archive.models import Article, IngestRun, Original, Rejection, Revision, SearchOutbox, SourceLocation
from morgue.archive.revisions import article_fields, first_revision
from morgue.archive.store import OriginalsStore
from morgue.extract.options import ExtractOptions
from morgue.extract.sitechrome import SiteChrome, SiteChromeOptions
from morgue.home import originals_dir
from morgue.pipeline import ProcessedDocument, process_batch
from morgue.read.document import RawDocument
from morgue.read.document import Rejection as ReadRejection
from morgue.read.options import ReadOptions
from morgue.read.sources import read_sources


@dataclass(frozen=True)
class IngestOptions:
    """Everything one ingest run needs; defaults in one place."""

    home: Path
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    batch_size: int = 64  # documents per transaction and per worker task
    batch_bytes: int = 32 << 20  # ... or fewer, so memory stays bounded on big pages
    read: ReadOptions = field(default_factory=ReadOptions)
    extract: ExtractOptions = field(default_factory=ExtractOptions)
    # How site chrome is learned in a first pass over the sources; None turns it off.
    site_chrome: SiteChromeOptions | None = field(default_factory=SiteChromeOptions)


@dataclass
class IngestSummary:
    """What one run did, counted."""

    run_id: int = 0
    documents: int = 0  # documents and rejections the readers yielded
    skipped: int = 0  # locations already in the archive from an earlier run
    new_originals: int = 0
    same_bytes: int = 0  # new locations whose bytes the archive already had
    new_articles: int = 0
    rejected: Counter = field(default_factory=Counter)  # reason -> count
    seconds: float = 0.0
    phase: str = "ingest"  # "learning" during the first pass, then "ingest"
    learned_documents: int = 0  # documents read by the learning pass
    sites_learned: int = 0  # sites whose chrome was learned
    learning_seconds: float = 0.0

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


Progress = Callable[[IngestSummary], None]


def ingest(paths: Iterable[str | Path], options: IngestOptions, progress: Progress | None = None) -> IngestSummary:
    """Read every path into the archive and return what was done; bad documents are recorded, never fatal."""
    paths = [str(p) for p in paths]
    run = IngestRun.objects.create(paths=paths, workers=options.workers)
    summary = IngestSummary(run_id=run.pk)
    store = OriginalsStore(originals_dir(options.home))
    started = time.monotonic()
    try:
        # 0. A first pass, reading only, learns the chrome of every site (bounded memory, nothing written).
        chrome = _learn_site_chrome(paths, options, summary, started, progress)
        summary.phase = "ingest"
        with _executor(options.workers) as pool:
            pending: deque[tuple[list, Future | list]] = deque()
            # 1. Read lazily and cut the stream into batches of new locations.
            for batch in _batches(paths, options):
                summary.documents += len(batch)
                fresh = _drop_known(batch, summary)
                # 2. Extract in the pool, keeping a bounded number of batches in flight.
                docs = [item for _, item in fresh if isinstance(item, RawDocument)]
                sites = [chrome.profile_for(doc) for doc in docs]
                future = (pool.submit(process_batch, docs, options.extract, sites) if pool
                          else process_batch(docs, options.extract, sites))
                pending.append((fresh, future))
                while len(pending) > max(2, 2 * options.workers):
                    _write_batch(*pending.popleft(), store, run, summary)
                    _report(summary, started, progress)
            # 3. Write what is still in flight, in order.
            while pending:
                _write_batch(*pending.popleft(), store, run, summary)
                _report(summary, started, progress)
    except BaseException:
        IngestRun.objects.filter(pk=run.pk).update(status="failed", finished_at=timezone.now())
        raise
    summary.seconds = time.monotonic() - started
    _save_run(run, summary, status="finished")
    return summary


def _learn_site_chrome(paths: list[str], options: IngestOptions, summary: IngestSummary, started: float,
                       progress: Progress | None) -> SiteChrome:
    """Return the site chrome of every site under ``paths`` (empty when turned off)."""
    if options.site_chrome is None:
        return SiteChrome()
    from morgue.extract.sitechrome import learn_site_chrome

    summary.phase = "learning"
    # A page in a folder belongs to the top folder under the path it was found from.
    roots = tuple(str(Path(p).resolve()) for p in paths)
    learn_options = dataclasses.replace(options.site_chrome, roots=roots)

    def counted() -> Iterator[RawDocument]:
        for item in read_sources(paths, options.read):
            summary.learned_documents += 1
            if summary.learned_documents % 256 == 0:
                _report(summary, started, progress)
            if isinstance(item, RawDocument):
                yield item

    learn_started = time.monotonic()
    chrome = learn_site_chrome(counted(), learn_options)
    summary.sites_learned = chrome.sites
    summary.learning_seconds = time.monotonic() - learn_started
    _report(summary, started, progress)
    return chrome


def _executor(workers: int) -> Executor | _NoPool:
    # "spawn": workers start clean, inheriting no database connections or threads.
    if workers <= 1:
        return _NoPool()
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


class _NoPool:
    """Stands in for a pool when running in-process (workers=1): submit is not used."""

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def _batches(paths: list[str], options: IngestOptions) -> Iterator[list[tuple[str, RawDocument | ReadRejection]]]:
    """Yield lists of (source path, item), bounded in count and bytes."""
    batch: list = []
    size = 0
    for source in paths:
        for item in read_sources([source], options.read):
            batch.append((source, item))
            size += len(item.data) if isinstance(item, RawDocument) else 0
            if len(batch) >= options.batch_size or size >= options.batch_bytes:
                yield batch
                batch, size = [], 0
    if batch:
        yield batch


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


def _drop_known(batch: list, summary: IngestSummary) -> list:
    """Return the batch without locations an earlier run already recorded (idempotent re-runs)."""
    hashes = {_key_hash(item.location.key()) for _, item in batch}
    known = set(SourceLocation.objects.filter(key_hash__in=hashes).values_list("key_hash", flat=True))
    known |= set(Rejection.objects.filter(key_hash__in=hashes).values_list("key_hash", flat=True))
    fresh, seen = [], set()
    for source, item in batch:
        h = _key_hash(item.location.key())
        if h in known or h in seen:
            summary.skipped += 1
            continue
        seen.add(h)
        fresh.append((source, item))
    return fresh


def _write_batch(fresh: list, result: Future | list, store: OriginalsStore, run: IngestRun, summary: IngestSummary) -> None:
    """Store a batch's originals on disk, then record all its rows in one transaction."""
    processed: list[ProcessedDocument] = result.result() if isinstance(result, Future) else result
    sources = {item.location.key(): source for source, item in fresh}
    # Originals first, each atomically: no row may ever point at bytes not on disk.
    store.put_many([doc.packed for doc in processed])
    with transaction.atomic():
        originals = _record_originals(processed, run, summary)
        _record_locations(processed, originals, sources, run)
        _record_articles(processed, originals, summary)
        _record_rejections(fresh, processed, originals, sources, run, summary)
        _save_run(run, summary)


def _record_originals(processed: list[ProcessedDocument], run: IngestRun, summary: IngestSummary) -> dict[str, Original]:
    hashes = {doc.packed.sha256 for doc in processed}
    originals = {o.sha256: o for o in Original.objects.filter(sha256__in=hashes)}
    new = {}
    for doc in processed:
        sha = doc.packed.sha256
        if sha in originals or sha in new:
            summary.same_bytes += 1
            continue
        new[sha] = Original(sha256=sha, size=doc.packed.size, kind=doc.kind, run=run)
    Original.objects.bulk_create(new.values())
    summary.new_originals += len(new)
    if new:
        originals.update({o.sha256: o for o in Original.objects.filter(sha256__in=list(new))})
    return originals


def _record_locations(processed, originals, sources, run) -> None:
    SourceLocation.objects.bulk_create(
        SourceLocation(
            key_hash=_key_hash(doc.location.key()),
            key=doc.location.key(),
            path=doc.location.path,
            member=doc.location.member,
            offset=doc.location.offset,
            url=doc.url or "",
            captured_at=doc.captured_at,
            original=originals[doc.packed.sha256],
            run=run,
            source=sources[doc.location.key()],
        )
        for doc in processed
    )


def _record_articles(processed: list[ProcessedDocument], originals: dict[str, Original], summary: IngestSummary) -> None:
    # One article per original: the same bytes found twice are one article at two locations.
    candidates = {doc.packed.sha256: doc for doc in processed if doc.article is not None}
    if not candidates:
        return
    have = set(Article.objects.filter(original__sha256__in=list(candidates)).values_list("original__sha256", flat=True))
    articles, revisions = [], []
    for sha, doc in candidates.items():
        if sha in have:
            continue
        record = doc.article
        fields = article_fields(record)
        if not fields["url"] and doc.url:
            fields["url"] = doc.url
        article = Article(
            original=originals[sha],
            removed=[{"text": block.text, "reason": block.reason} for block in record.removed],
            extractor=record.extractor,
            encoding=record.encoding,
            **fields,
        )
        articles.append((article, fields))
    Article.objects.bulk_create([a for a, _ in articles])
    for article, fields in articles:
        revisions.append(first_revision(article, fields))
    Revision.objects.bulk_create(revisions)
    # In the same transaction: the search index will pick these up from the outbox.
    SearchOutbox.objects.bulk_create(SearchOutbox(article_id=article.pk) for article, _ in articles)
    summary.new_articles += len(articles)


def _record_rejections(fresh, processed, originals, sources, run, summary) -> None:
    rows = []
    for _, item in fresh:
        if isinstance(item, ReadRejection):
            rows.append(_rejection_row(item.location, "read", item.reason, item.detail, None, run, sources))
    for doc in processed:
        if doc.article is None:
            rows.append(_rejection_row(doc.location, "extract", doc.reason, doc.detail, originals[doc.packed.sha256], run, sources))
    Rejection.objects.bulk_create(rows)
    for row in rows:
        summary.rejected[row.reason] += 1


def _rejection_row(location, stage, reason, detail, original, run, sources) -> Rejection:
    return Rejection(
        key_hash=_key_hash(location.key()),
        key=location.key(),
        path=location.path,
        member=location.member,
        offset=location.offset,
        stage=stage,
        reason=reason,
        detail=detail,
        original=original,
        run=run,
        source=sources.get(location.key(), ""),
    )


def _save_run(run: IngestRun, summary: IngestSummary, status: str | None = None) -> None:
    run.documents = summary.documents
    run.skipped = summary.skipped
    run.new_originals = summary.new_originals
    run.new_articles = summary.new_articles
    run.rejected = summary.rejected_total
    fields = ["documents", "skipped", "new_originals", "new_articles", "rejected"]
    if status:
        run.status = status
        run.finished_at = timezone.now()
        fields += ["status", "finished_at"]
    run.save(update_fields=fields)


def _report(summary: IngestSummary, started: float, progress: Progress | None) -> None:
    summary.seconds = time.monotonic() - started
    if progress:
        progress(summary)
