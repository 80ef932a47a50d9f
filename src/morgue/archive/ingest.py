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
import logging
import os
import socket
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DataError, IntegrityError, transaction
from django.utils import timezone

from morgue.archive.models import (
    Article, ArticleTopic, Defect, IngestRun, Original, Rejection, Revision, SearchOutbox, SourceLocation,
)
from morgue.archive.revisions import article_fields, first_revision
from morgue.archive.store import OriginalsStore
from morgue.extract.options import ExtractOptions
from morgue.extract.sitechrome import SiteChrome, SiteChromeOptions
from morgue.home import originals_dir
from morgue.extract.storable import storable_text
from morgue.bounds import DocumentBounds
from morgue.pipeline import ProcessedDocument
from morgue.pool import ExtractionPool, Task
from morgue.read.document import RawDocument
from morgue.read.document import Rejection as ReadRejection
from morgue.read.options import ReadOptions
from morgue.read.sources import read_sources

log = logging.getLogger(__name__)

# What the database says about one document's rows (text it cannot hold, a
# key another run wrote first): that document is rejected, its batch goes on.
# A locked database, a full disk or a lost connection (OperationalError) is
# not the document's fault and stops the run instead, losing nothing.
_DOCUMENT_ERRORS = (DataError, IntegrityError, ValueError, UnicodeError)

@dataclass(frozen=True)
class IngestOptions:
    """Everything one ingest run needs; defaults in one place."""

    home: Path
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    batch_size: int = 64  # documents per transaction and per worker task
    batch_bytes: int = 32 << 20  # ... or fewer, so memory stays bounded on big pages
    read: ReadOptions = field(default_factory=ReadOptions)
    extract: ExtractOptions = field(default_factory=ExtractOptions)
    bounds: DocumentBounds = field(default_factory=DocumentBounds)  # time and memory per document
    # How site chrome is learned in a first pass over the sources; None turns it off.
    site_chrome: SiteChromeOptions | None = field(default_factory=SiteChromeOptions)


@dataclass
class IngestSummary:
    """What one run did, counted."""

    run_id: int = 0
    # Every document read is accounted for: documents = stored + rejected_total + skipped.
    # documents and rejections the readers yielded, counted once their fate is written: a run
    # stopped part-way counts only what it finished (the rest is read again by the next run)
    documents: int = 0
    stored: int = 0  # new locations holding an article (a new one, or the same bytes as one)
    skipped: int = 0  # locations already in the archive (from an earlier run, or given twice)
    new_originals: int = 0
    same_bytes: int = 0  # new locations whose bytes the archive already had
    new_articles: int = 0
    rejected: Counter = field(default_factory=Counter)  # reason -> count
    seconds: float = 0.0
    phase: str = "ingest"  # "learning" during the first pass, then "ingest"
    learned_documents: int = 0  # documents read by the learning pass
    sites_learned: int = 0  # sites whose chrome was learned
    learning_seconds: float = 0.0
    slowest_seconds: float = 0.0  # the document whose stages took longest in this run, and where it is
    slowest_location: str = ""

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def unaccounted(self) -> int:
        """Documents read but neither stored, rejected nor already known: always 0, or a bug."""
        return self.documents - self.stored - self.rejected_total - self.skipped

    def add(self, batch: IngestSummary) -> None:
        """Add the counts of one committed batch."""
        for name in ("documents", "stored", "new_originals", "same_bytes", "new_articles"):
            setattr(self, name, getattr(self, name) + getattr(batch, name))
        self.rejected.update(batch.rejected)

    def plus(self, batch: IngestSummary) -> IngestSummary:
        total = dataclasses.replace(self, rejected=Counter(self.rejected))
        total.add(batch)
        return total


Progress = Callable[[IngestSummary], None]


def ingest(paths: Iterable[str | Path], options: IngestOptions, progress: Progress | None = None) -> IngestSummary:
    """Read every path into the archive and return what was done; bad documents are recorded, never fatal."""
    paths = [str(p) for p in paths]
    mark_interrupted_runs()
    run = IngestRun.objects.create(paths=[storable_text(p)[0] for p in paths], workers=options.workers,
                                   pid=os.getpid(), host=socket.gethostname())
    summary = IngestSummary(run_id=run.pk)
    store = OriginalsStore(originals_dir(options.home))
    if not IngestRun.objects.filter(status="running").exclude(pk=run.pk).exists():
        store.remove_leftover_temporaries()  # left by a run killed while writing (never while another writes)
    started = time.monotonic()
    in_flight: set[str] = set()  # key hashes read but not yet written (a file given twice)
    try:
        # 0. A first pass, reading only, learns the chrome of every site (bounded memory, nothing written).
        chrome = _learn_site_chrome(paths, options, summary, started, progress)
        summary.phase = "ingest"
        with ExtractionPool(options.workers, options.extract, options.bounds) as pool:
            pending: deque[tuple[list, Task]] = deque()
            # 1. Read lazily and cut the stream into batches of new locations.
            for batch in _batches(paths, options):
                fresh = _drop_known(batch, summary, in_flight)
                # Counted once its fate is written: known ones now, the fresh ones when their batch commits.
                summary.documents += len(batch) - len(fresh)
                # 2. Extract in the pool, keeping a bounded number of batches in flight.
                docs = [item for _, item in fresh if isinstance(item, RawDocument)]
                sites = [chrome.profile_for(doc) for doc in docs]
                pending.append((fresh, pool.submit(docs, sites)))
                while len(pending) > max(2, 2 * options.workers):
                    _write_batch(*pending.popleft(), pool, store, run, summary, in_flight)
                    _report(summary, started, progress)
            # 3. Write what is still in flight, in order.
            while pending:
                _write_batch(*pending.popleft(), pool, store, run, summary, in_flight)
                _report(summary, started, progress)
    except BaseException as exc:
        _close_run(run, summary, "interrupted" if isinstance(exc, (KeyboardInterrupt, SystemExit)) else "failed")
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


def _drop_known(batch: list, summary: IngestSummary, in_flight: set[str]) -> list:
    """Return the batch without locations already recorded or already on their way (idempotent re-runs).

    Location keys never collide (see SourceLocation.key), so a key seen
    again is the same place read again: a file given twice, or a re-run.
    """
    hashes = {_key_hash(item.location.key()) for _, item in batch}
    known = set(SourceLocation.objects.filter(key_hash__in=hashes).values_list("key_hash", flat=True))
    known |= set(Rejection.objects.filter(key_hash__in=hashes).values_list("key_hash", flat=True))
    fresh = []
    for source, item in batch:
        h = _key_hash(item.location.key())
        if h in known or h in in_flight:
            summary.skipped += 1
            continue
        in_flight.add(h)
        fresh.append((source, item))
    return fresh


def _write_batch(fresh: list, task: Task, pool: ExtractionPool, store: OriginalsStore, run: IngestRun,
                 summary: IngestSummary, in_flight: set[str]) -> None:
    """Store a batch's originals on disk, then record all its rows in one transaction.

    If the database refuses the batch because of what one document holds,
    each document is written on its own, and the one refused is a
    rejection ("unstorable") with its original kept: one document never
    stops the archive.
    """
    processed: list[ProcessedDocument] = pool.result(task)
    slowest = max(processed, key=lambda doc: doc.seconds, default=None)
    if slowest is not None and slowest.seconds > summary.slowest_seconds:
        summary.slowest_seconds, summary.slowest_location = slowest.seconds, str(slowest.location)
    sources = {item.location.key(): source for source, item in fresh}
    # Originals first, each atomically: no row may ever point at bytes not on disk.
    store.put_many([doc.packed for doc in processed])
    try:
        _commit(fresh, processed, sources, run, summary)
    except _DOCUMENT_ERRORS as e:
        log.warning("a batch of %d documents was refused (%s); writing them one at a time", len(fresh), e)
        _commit_one_by_one(fresh, processed, sources, run, summary)
    in_flight.difference_update(_key_hash(item.location.key()) for _, item in fresh)


def _commit(fresh: list, processed: list[ProcessedDocument], sources: dict, run: IngestRun, summary: IngestSummary) -> None:
    """Record the rows of ``fresh`` in one transaction; add its counts to ``summary`` once committed."""
    batch = IngestSummary(documents=len(fresh), stored=sum(1 for doc in processed if doc.article is not None))
    with transaction.atomic():
        originals = _record_originals(processed, run, batch)
        _record_locations(processed, originals, sources, run)
        _record_articles(processed, originals, batch)
        _record_rejections(fresh, processed, originals, sources, run, batch)
        _save_run(run, summary.plus(batch))
    summary.add(batch)


def _commit_one_by_one(fresh: list, processed: list[ProcessedDocument], sources: dict, run: IngestRun,
                       summary: IngestSummary) -> None:
    by_key = {doc.location.key(): doc for doc in processed}
    for source, item in fresh:
        doc = by_key.get(item.location.key())
        try:
            _commit([(source, item)], [doc] if doc else [], sources, run, summary)
        except _DOCUMENT_ERRORS as e:
            _reject_unstorable(item, doc, e, sources, run, summary)


def _reject_unstorable(item, doc: ProcessedDocument | None, error: Exception, sources: dict, run: IngestRun,
                       summary: IngestSummary) -> None:
    """Record one document the database refused as a rejection, with its original; or as known if it now is."""
    h = _key_hash(item.location.key())
    if SourceLocation.objects.filter(key_hash=h).exists() or Rejection.objects.filter(key_hash=h).exists():
        summary.skipped += 1  # another run wrote it first
        summary.documents += 1
        return
    batch = IngestSummary(documents=1)
    message = storable_text(str(error).strip().splitlines()[0] if str(error).strip() else "no message")[0][:300]
    with transaction.atomic():
        original = _record_originals([doc], run, batch)[doc.packed.sha256] if doc else None
        row = _rejection_row(item.location, "write", "unstorable",
                             f"the database refused this document's rows ({type(error).__name__}: {message})",
                             original, run, sources)
        row.save()
        batch.rejected[row.reason] += 1
        _save_run(run, summary.plus(batch))
    summary.add(batch)


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
            path=doc.location.readable_path,
            member=doc.location.member,
            offset=doc.location.offset,
            url=storable_text(doc.url or "")[0],
            captured_at=doc.captured_at,
            original=originals[doc.packed.sha256],
            run=run,
            source=storable_text(sources[doc.location.key()])[0],
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
        articles.append((article, fields, doc))
    Article.objects.bulk_create([a for a, _, _ in articles])
    for article, fields, _ in articles:
        revisions.append(first_revision(article, fields))
    Revision.objects.bulk_create(revisions)
    _record_repairs([(article, revision, doc) for (article, _, doc), revision in zip(articles, revisions)])
    # The source's own subject tags: the topics the topic model learns from.
    ArticleTopic.objects.bulk_create(ArticleTopic(article=article, topic=tag, given=True)
                                     for article, _, doc in articles for tag in doc.article.tags)
    # In the same transaction: the search index will pick these up from the outbox.
    SearchOutbox.objects.bulk_create(SearchOutbox(article_id=article.pk) for article, _, _ in articles)
    summary.new_articles += len(articles)


def _record_repairs(made: list[tuple[Article, Revision, ProcessedDocument]]) -> None:
    """Record the characters taken out of an article at ingest as defects already fixed, by revision 0."""
    Defect.objects.bulk_create(
        Defect(
            article=article, revision_number=0, kind="unstorable-character", severity="low", field=repair.field,
            explanation=repair.explanation(), status=Defect.FIXED, resolved_by=revision,
            resolution_note="Repaired when the article was taken in; the original keeps the characters.",
        )
        for article, revision, doc in made
        for repair in doc.repairs
    )


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
        path=location.readable_path,
        member=location.member,
        offset=location.offset,
        stage=stage,
        reason=reason,
        detail=storable_text(detail)[0],
        original=original,
        run=run,
        source=storable_text(sources.get(location.key(), ""))[0],
    )


def _save_run(run: IngestRun, summary: IngestSummary, status: str | None = None) -> None:
    run.documents = summary.documents
    run.stored = summary.stored
    run.skipped = summary.skipped
    run.new_originals = summary.new_originals
    run.new_articles = summary.new_articles
    run.rejected = summary.rejected_total
    fields = ["documents", "stored", "skipped", "new_originals", "new_articles", "rejected"]
    if status:
        run.status = status
        run.finished_at = timezone.now()
        run.pid = None
        fields += ["status", "finished_at", "pid"]
    run.save(update_fields=fields)


def _close_run(run: IngestRun, summary: IngestSummary, status: str) -> None:
    """Record how a run ended early, if the database still can (a full disk may refuse even that).

    A run that cannot be closed stays "running" with its process gone, and
    the next command marks it interrupted (``mark_interrupted_runs``).
    """
    try:
        _save_run(run, summary, status=status)
    except Exception:  # noqa: BLE001 - the original error is the one to report
        log.warning("could not record that ingest run %s ended (%s); the next run will mark it interrupted", run.pk, status)


def mark_interrupted_runs() -> int:
    """Mark as "interrupted" every run still "running" on this machine whose process is gone; return how many.

    A run killed (SIGKILL, power cut) cannot say so itself; the next command
    that looks finds it. Runs on other machines are left to those machines.
    """
    gone = [run.pk for run in IngestRun.objects.filter(status="running", host=socket.gethostname())
            if not _process_alive(run.pid)]
    # Runs from before runs knew their process: none can still be going if this one starts.
    gone += list(IngestRun.objects.filter(status="running", pid__isnull=True).values_list("pk", flat=True))
    return IngestRun.objects.filter(pk__in=gone).update(status="interrupted")


def _process_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process holds that number
    return True


def _report(summary: IngestSummary, started: float, progress: Progress | None) -> None:
    summary.seconds = time.monotonic() - started
    if progress:
        progress(summary)
