"""Looking at the first bytes of a stream without losing them."""

from __future__ import annotations

import io
from typing import BinaryIO

# Enough to see magic numbers, a tar header (the "ustar" mark sits at byte
# 257), an XML prolog with its doctype, and the first line of a JSONL export.
HEAD_BYTES = 64 * 1024


def is_seekable(stream: BinaryIO) -> bool:
    """Return True if ``stream`` can go back to where it was (files on disk, bytes in memory)."""
    try:
        return bool(stream.seekable())
    except (AttributeError, OSError, ValueError):
        return False


def read_up_to(stream: BinaryIO, size: int) -> bytes:
    """Return the next ``size`` bytes of ``stream``, fewer only at its end.

    A single read() may return less than asked from a decompressor or a pipe;
    loop so the head we sniff does not depend on chunk boundaries.
    """
    parts = []
    left = size
    while left > 0:
        chunk = stream.read(left)
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def peek_head(stream: BinaryIO, size: int = HEAD_BYTES) -> tuple[bytes, BinaryIO]:
    """Return the first ``size`` bytes of ``stream`` and a stream that still starts with them.

    A seekable stream is rewound and returned as it is (zipfile needs the
    real file); any other is wrapped so its head is served again first.
    """
    if is_seekable(stream):
        start = stream.tell()
        head = read_up_to(stream, size)
        stream.seek(start)
        return head, stream
    head = read_up_to(stream, size)
    return head, io.BufferedReader(_Replay(head, stream), buffer_size=HEAD_BYTES)


class _Replay(io.RawIOBase):
    """A raw stream that serves ``head`` and then the rest of ``stream``."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
