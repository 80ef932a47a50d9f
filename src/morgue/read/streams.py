"""Looking at the first bytes of a stream without losing them."""

from __future__ import annotations

import io
from typing import BinaryIO

from morgue.errors import MorgueError

# Enough to see magic numbers, a tar header (the "ustar" mark sits at byte
# 257), an XML prolog with its doctype, and the first line of a JSONL export.
HEAD_BYTES = 64 * 1024


def is_seekable(stream: BinaryIO) -> bool:
    """Return True if ``stream`` can go back to where it was (files on disk, bytes in memory)."""
    try:
        return bool(stream.seekable())
    except (AttributeError, OSError, ValueError):
        return False


def read_up_to(stream: BinaryIO, size: int, parts: list[bytes] | None = None) -> bytes:
    """Return the next ``size`` bytes of ``stream``, fewer only at its end.

    A single read() may return less than asked from a decompressor or a pipe;
    loop so the head we sniff does not depend on chunk boundaries. The
    pieces are appended to ``parts`` as they come, if given, so a caller
    keeps them when a later read raises.
    """
    parts = [] if parts is None else parts
    # read1 makes one read of the stream underneath: a BufferedReader's
    # read() would drop the bytes it had gathered if a later read failed.
    read = getattr(stream, "read1", stream.read)
    left = size
    while left > 0:
        chunk = read(left)
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def peek_head(stream: BinaryIO, size: int = HEAD_BYTES) -> tuple[bytes, BinaryIO]:
    """Return the first ``size`` bytes of ``stream`` and a stream that still starts with them.

    A seekable stream is rewound and returned as it is (zipfile needs the
    real file); any other is wrapped so its head is served again first.
    If reading fails part-way through the head (a truncated gzip), the head
    is what came before, and the error is raised again when the wrapped
    stream reaches that point: whatever was readable is still read.
    """
    if is_seekable(stream):
        start = stream.tell()
        head = read_up_to(stream, size)
        stream.seek(start)
        return head, stream
    parts: list[bytes] = []
    try:
        read_up_to(stream, size, parts)
    except MorgueError as error:
        if not parts:
            raise
        failure: MorgueError | None = error
    else:
        failure = None
    head = b"".join(parts)
    return head, io.BufferedReader(_Replay(head, stream, failure), buffer_size=HEAD_BYTES)


class _Replay(io.RawIOBase):
    """A raw stream that serves ``head``, then raises ``failure`` if any, else reads on in ``stream``."""

    def __init__(self, head: bytes, stream: BinaryIO, failure: MorgueError | None = None):
        self._head = memoryview(head)
        self._stream = stream
        self._failure = failure

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        if self._failure is not None:
            raise self._failure
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
