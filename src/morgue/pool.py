"""The extraction workers of an ingest: a process pool that stops a worker stuck on one document.

A document's stages stop themselves at their time budget (``morgue.bounds``),
except inside a single long C call. So the parent watches each document too.
Every worker writes a heartbeat into memory it shares with the parent — which
batch, which document, since when — as it starts each document, and clears
it when the document is done. While it waits for a batch, the parent reads
the heartbeats; a document still running ``grace`` seconds past its budget is
rejected on the spot ("too-slow", with its time and its original kept), the
workers are killed and started afresh, and every batch in flight is
submitted again without the documents already rejected. No document, stuck
or not, holds the run longer than its budget plus the grace.

A worker that dies (the kernel's OOM killer, a crash in a C library) breaks
the whole pool; the batch waited on is then run again one document per
task, and the document that kills its worker again is rejected
("worker-died").

Pure: no Django. With one worker the stages run in this process, bounded in
time by the timer alone.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import signal
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from morgue.bounds import HARD_GRACE_SECONDS, DocumentBounds, start_worker
from morgue.extract.options import ExtractOptions
from morgue.pipeline import ProcessedDocument, process_batch, process_document, rejected_document

log = logging.getLogger(__name__)

POLL_SECONDS = 0.25  # how often the parent reads the heartbeats while it waits
_FIELDS = 4  # per worker: pid, batch serial, document index, monotonic start (0: idle)
_beats = None  # in a worker: the shared heartbeats and this worker's slot in them
_slot = -1


@dataclass
class Task:
    """One batch handed to the workers: its documents and sites, and the future of its results."""

    docs: list
    sites: list
    future: Future | None = None
    done: list[ProcessedDocument] | None = None  # set when run in-process
    serial: int = 0
    rejected: dict[int, ProcessedDocument] = field(default_factory=dict)  # by index: stopped by the parent

    def pending(self) -> list[int]:
        """The indices of the documents the workers still have to process."""
        return [i for i in range(len(self.docs)) if i not in self.rejected]

    def merged(self, processed: list[ProcessedDocument]) -> list[ProcessedDocument]:
        """Return every document's result in order: the workers' for the pending ones, the parent's rejections."""
        by_index = dict(zip(self.pending(), processed))
        by_index.update(self.rejected)
        return [by_index[i] for i in range(len(self.docs))]


@dataclass(frozen=True)
class Heartbeat:
    """What one worker is doing: which document of which batch, for how long so far."""

    pid: int
    serial: int
    index: int
    seconds: float


def _start_watched_worker(worker_mib: int, beats, counter) -> None:
    """A worker's initializer: the bounds of ``start_worker``, then a slot of its own in the heartbeats."""
    global _beats, _slot
    start_worker(worker_mib)
    with counter.get_lock():
        slot, counter.value = counter.value, counter.value + 1
    if (slot + 1) * _FIELDS <= len(beats):
        _beats, _slot = beats, slot
        beats[slot * _FIELDS] = os.getpid()


def _process_watched(serial: int, indices: list[int], docs: list, options, sites: list,
                     bounds: DocumentBounds) -> list[ProcessedDocument]:
    """``process_batch`` in a worker, with a heartbeat around each document."""
    results = []
    base = _slot * _FIELDS
    for index, doc, site in zip(indices, docs, sites):
        if _beats is not None:
            _beats[base + 1], _beats[base + 2] = serial, index
            _beats[base + 3] = time.monotonic()  # written last: a start means the two before it are this document's
        try:
            results.append(process_document(doc, options, site, bounds))
        finally:
            if _beats is not None:
                _beats[base + 3] = 0.0
    return results


class ExtractionPool:
    """``submit`` batches, then ``result`` them in order; a stuck or dead worker costs one document, not the run."""

    def __init__(self, workers: int, options: ExtractOptions | None, bounds: DocumentBounds,
                 grace: float = HARD_GRACE_SECONDS):
        self.workers, self.options, self.bounds, self.grace = workers, options, bounds, grace
        self.executor: ProcessPoolExecutor | None = None
        self.beats = None
        self.outstanding: list[Task] = []
        self.serials = itertools.count(1)
        self.replaced = 0  # how many times the workers were replaced

    def __enter__(self) -> ExtractionPool:
        if self.workers > 1:
            self.executor = self._start()
        return self

    def __exit__(self, *exc) -> bool:
        if self.executor is not None:
            if exc[0] is None:
                self.executor.shutdown(wait=True)
            else:
                self._kill()
        return False

    def _start(self) -> ProcessPoolExecutor:
        # "spawn": workers start clean, inheriting no database connections or threads.
        context = multiprocessing.get_context("spawn")
        self.beats = context.Array("d", 2 * self.workers * _FIELDS, lock=False)
        counter = context.Value("i", 0)
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=context, initializer=_start_watched_worker,
                                   initargs=(self.bounds.worker_mib, self.beats, counter))

    def submit(self, docs: list, sites: list) -> Task:
        task = Task(docs, sites, serial=next(self.serials))
        if self.executor is None:
            task.done = process_batch(docs, self.options, sites, self.bounds)
        else:
            self._send(task)
            self.outstanding.append(task)
        return task

    def _send(self, task: Task) -> None:
        pending = task.pending()
        task.future = self.executor.submit(_process_watched, task.serial, pending, [task.docs[i] for i in pending],
                                           self.options, [task.sites[i] for i in pending], self.bounds)

    def heartbeats(self) -> list[Heartbeat]:
        """What each worker is doing now (the idle ones left out)."""
        now, beats, found = time.monotonic(), self.beats, []
        for base in range(0, len(beats) if beats is not None else 0, _FIELDS):
            started = beats[base + 3]
            pid, serial, index = int(beats[base]), int(beats[base + 1]), int(beats[base + 2])
            if started and beats[base + 3] == started:  # the same start read twice: the fields are one document's
                found.append(Heartbeat(pid, serial, index, now - started))
        return found

    def result(self, task: Task) -> list[ProcessedDocument]:
        """Return the batch's processed documents, stopping any document that overruns and replacing dead workers."""
        if task.done is not None:
            return task.done
        while True:
            try:
                processed = task.future.result(timeout=POLL_SECONDS if self.bounds.seconds else None)
            except FutureTimeout:
                self._stop_overruns()
                continue
            except BrokenProcessPool:
                log.warning("a worker died during a batch of %d documents; replacing the workers and running "
                            "the batch one document at a time", len(task.docs))
                self.outstanding.remove(task)
                self._replace()
                results = self._one_by_one(task)
                self._resend_outstanding()
                return results
            self.outstanding.remove(task)
            return task.merged(processed)

    def _stop_overruns(self) -> None:
        """Reject every document past its budget plus the grace, then restart the workers without them."""
        limit = self.bounds.seconds + self.grace
        overrun = [beat for beat in self.heartbeats() if beat.seconds > limit]
        tasks = {task.serial: task for task in self.outstanding}
        stopped = 0
        for beat in overrun:
            task = tasks.get(beat.serial)
            if task is None or beat.index >= len(task.docs) or beat.index in task.rejected:
                continue
            doc = task.docs[beat.index]
            log.warning("%s is still running %.1f s after it started (budget %g s); stopping its worker",
                        doc.location, beat.seconds, self.bounds.seconds)
            task.rejected[beat.index] = rejected_document(
                doc, "too-slow", self.bounds.too_slow_detail() + "; its worker was stopped and replaced", beat.seconds)
            stopped += 1
        if stopped:
            self._replace()
            self._resend_outstanding()

    def _resend_outstanding(self) -> None:
        """Submit again, in order, every batch that was in flight in the workers that were killed."""
        for task in self.outstanding:
            if task.pending():
                self._send(task)
            else:  # every document of it stopped: nothing left to run
                task.future = Future()
                task.future.set_result([])

    def _one_by_one(self, task: Task) -> list[ProcessedDocument]:
        results = []
        for index, (doc, site) in enumerate(zip(task.docs, task.sites)):
            if index in task.rejected:
                results.append(task.rejected[index])
                continue
            future = self.executor.submit(process_batch, [doc], self.options, [site], self.bounds)
            started = time.monotonic()  # (from its submission: a fresh worker's start-up counts too)
            try:
                results += future.result(timeout=(self.bounds.seconds + self.grace) if self.bounds.seconds else None)
            except FutureTimeout:
                results.append(rejected_document(doc, "too-slow", self.bounds.too_slow_detail()
                                                 + "; its worker was stopped and replaced", time.monotonic() - started))
                self._replace()
            except BrokenProcessPool:
                results.append(rejected_document(doc, "worker-died", "the worker extracting this document died "
                                                 f"(out of memory or a crash in a library); {self.bounds.too_large_detail()}",
                                                 time.monotonic() - started))
                self._replace()
        return results

    def _replace(self) -> None:
        self._kill()
        self.executor = self._start()
        self.replaced += 1

    def _kill(self) -> None:
        executor, self.executor = self.executor, None
        if executor is None:
            return
        for process in list((getattr(executor, "_processes", None) or {}).values()):
            try:
                os.kill(process.pid, signal.SIGKILL)
            except (ProcessLookupError, AttributeError, TypeError):
                pass
        executor.shutdown(wait=False, cancel_futures=True)
