"""Bounds per document: a time budget for its stages and a memory bound for the worker that runs them.

One page of 40 MB, or one JSONL line of 50 MB, must not hold a run for an
hour or take the machine's memory: it is rejected ("too-slow",
"too-large", with the figure), its original still kept, and the run goes on.

- Time: ``time_budget`` arms an interval timer (SIGALRM) around one
  document's stages; when it fires, ``DocumentTooSlow`` is raised where the
  document's code is. It is a BaseException, so no ``except Exception`` in
  an extractor can swallow it. Code stuck inside one C call (a parser on a
  pathological input) only sees it when the call returns, which is why the
  ingest also watches each document from the parent and replaces a worker that
  overruns its budget by more than ``HARD_GRACE_SECONDS``.
- Memory: ``limit_memory`` caps a worker process's address space
  (RLIMIT_AS). An allocation past it raises MemoryError in that worker,
  which the stage turns into the document's rejection; the worker is then
  replaced, so a fragmented heap never carries over to the next document.

Pure: no Django, nothing but the standard library.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass

DEFAULT_DOC_SECONDS = 60.0
DEFAULT_WORKER_MIB = 1024
HARD_GRACE_SECONDS = 5.0
REFIRE_SECONDS = 0.5


@dataclass(frozen=True)
class DocumentBounds:
    """How long one document's stages may take, and how much memory a worker may hold (0: no bound)."""

    seconds: float = DEFAULT_DOC_SECONDS
    worker_mib: int = DEFAULT_WORKER_MIB

    def too_slow_detail(self) -> str:
        return f"its stages ran past the budget of {self.seconds:g} s per document (--doc-timeout)"

    def too_large_detail(self) -> str:
        return f"its stages needed more than a worker's {self.worker_mib:,} MiB (--worker-memory)"


class DocumentTooSlow(BaseException):
    """Raised inside a document's stages when its time budget is spent."""


def _raise_too_slow(signum, frame):
    raise DocumentTooSlow()


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise DocumentTooSlow in this block once ``seconds`` have passed (a no-op off the main thread or for 0)."""
    if not seconds or seconds <= 0 or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise_too_slow)
    # It fires again every REFIRE_SECONDS until the block ends: raised inside a garbage collector's callback
    # or an object's finaliser, the exception is only printed as "ignored", and the document would run on.
    signal.setitimer(signal.ITIMER_REAL, seconds, REFIRE_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def limit_memory(mib: int) -> bool:
    """Cap this process's address space at ``mib`` MiB (never below what it uses now); return whether it could."""
    if not mib or mib <= 0:
        return False
    try:
        import resource
    except ImportError:  # not on this platform
        return False
    wanted = mib << 20
    try:
        with open("/proc/self/statm") as statm:
            in_use = int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        in_use = 0
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = max(wanted, in_use + (64 << 20))
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        return False
    return True


def release_memory() -> None:
    """Give the memory a failed document held back to the system (after a MemoryError), so the next one starts small."""
    import gc

    gc.collect()
    try:
        import ctypes
        import ctypes.util

        ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)
    except (OSError, AttributeError, TypeError):
        pass


def start_worker(worker_mib: int) -> None:
    """What an extraction worker process does first: end with its parent, and bound its memory."""
    from morgue.workers import end_with_parent

    end_with_parent()
    limit_memory(worker_mib)
