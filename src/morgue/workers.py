"""What every worker process morgue starts does first: end when its parent ends.

A pool's workers outlive a parent killed with SIGKILL (a kill, the OOM
killer, a closed terminal): nothing tells them, and they go on holding
memory and file handles. On Linux the kernel is asked to send SIGTERM when
the parent dies (``prctl(PR_SET_PDEATHSIG)``); everywhere, a daemon thread
looks at the parent process once a second and ends the worker when it has
changed, which also covers a parent that died before the request was made.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading

_PR_SET_PDEATHSIG = 1


def end_with_parent(poll_seconds: float = 1.0) -> None:
    """Make this process end when the process that started it ends (call first thing in a worker)."""
    started_by = multiprocessing.parent_process()  # known even if the parent died before this ran
    parent = started_by.pid if started_by is not None and started_by.pid else os.getppid()
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while True:
            threading.Event().wait(poll_seconds)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="morgue-end-with-parent", daemon=True).start()
