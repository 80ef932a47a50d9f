"""Writing a file so that its final name only ever holds a complete file.

The bytes go to a temporary name (``.tmp-…``) in the same folder, are
synced, and are renamed over the final name; on any failure (a full disk, a
kill) the temporary file is removed — or, after SIGKILL, left under its
``.tmp-`` name, which nothing ever reads and the next run removes.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

TEMPORARY_PREFIX = ".tmp-"


@contextlib.contextmanager
def replacing(final: Path, suffix: str = "") -> Iterator[Path]:
    """Yield a temporary path beside ``final``; when the block ends well, sync it and rename it to ``final``."""
    final = Path(final)
    fd, name = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, suffix=suffix, dir=final.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(final: Path, data: bytes) -> None:
    """Write ``data`` to ``final`` atomically and durably."""
    with replacing(final) as tmp:
        tmp.write_bytes(data)
