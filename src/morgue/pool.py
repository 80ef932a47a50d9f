"""The extraction workers of an ingest: a process pool that replaces a worker stuck on one document.

A document's stages stop themselves at their time budget (``morgue.bounds``),
except inside a single long C call. So the parent watches too: when a batch
is not back within its budget (every document's, plus a grace), or a worker
died (the kernel's OOM killer, a crash in a C library), the pool is killed
and started afresh, and that batch is run again one document per task, each
watched on its own. The document that overruns again is rejected
("too-slow"; "worker-died" for one that kills its worker) with its original
kept, and the other batches in flight are submitted again to the new pool.

Pure: no Django. With one worker the stages run in this process, bounded in
time by the timer alone.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from morgue.bounds import HARD_GRACE_SECONDS, DocumentBounds, start_worker
from morgue.extract.options import ExtractOptions
from morgue.pipeline import ProcessedDocument, process_batch, rejected_document

log = logging.getLogger(__name__)


@dataclass
class Task:
    """One batch handed to the workers: its documents and sites, and the future of its results."""

    docs: list
    sites: list
    future: Future | None = None
    done: list[ProcessedDocument] | None = None  # set when run in-process


class ExtractionPool:
    """``submit`` batches, then ``result`` them in order; a stuck or dead worker costs one document, not the run."""

    def __init__(self, workers: int, options: ExtractOptions | None, bounds: DocumentBounds,
                 grace: float = HARD_GRACE_SECONDS):
        self.workers, self.options, self.bounds, self.grace = workers, options, bounds, grace
        self.executor: ProcessPoolExecutor | None = None
        self.outstanding: list[Task] = []
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
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=start_worker, initargs=(self.bounds.worker_mib,))

    def submit(self, docs: list, sites: list) -> Task:
        task = Task(docs, sites)
        if self.executor is None:
            task.done = process_batch(docs, self.options, sites, self.bounds)
        else:
            task.future = self.executor.submit(process_batch, docs, self.options, sites, self.bounds)
            self.outstanding.append(task)
        return task

    def result(self, task: Task) -> list[ProcessedDocument]:
        """Return the batch's processed documents, replacing the workers if they overrun or die."""
        if task.done is not None:
            return task.done
        deadline = (len(task.docs) * self.bounds.seconds + self.grace) if self.bounds.seconds else None
        try:
            results = task.future.result(timeout=deadline)
        except (FutureTimeout, BrokenProcessPool) as exc:
            log.warning("a batch of %d documents %s; replacing the workers and running it one document at a time",
                        len(task.docs), "overran its time budget" if isinstance(exc, FutureTimeout) else "lost its worker")
            self.outstanding.remove(task)
            others = list(self.outstanding)
            self._replace()
            results = self._one_by_one(task)
            for other in others:  # in flight in the pool that was killed: submitted again, in order
                other.future = self.executor.submit(process_batch, other.docs, self.options, other.sites, self.bounds)
            self.outstanding = others
            return results
        self.outstanding.remove(task)
        return results

    def _one_by_one(self, task: Task) -> list[ProcessedDocument]:
        results = []
        for doc, site in zip(task.docs, task.sites):
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
