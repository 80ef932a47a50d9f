"""Decompressing gzip as a stream, with the bomb checks applied to what comes out."""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

from morgue.errors import SourceError

from .limits import CHUNK, Budget, check_inflation
from .options import ReadOptions

GZIP_MAGIC = b"\x1f\x8b"
# wbits for zlib: 16 + 15 reads the gzip wrapper (RFC 1952) with a 32 KiB window.
_GZIP_WBITS = 16 + zlib.MAX_WBITS


def gunzip_head(head: bytes, size: int) -> bytes | None:
    """Return up to ``size`` decompressed bytes from the start of gzip data, or None if it is not gzip."""
    try:
        return zlib.decompressobj(_GZIP_WBITS).decompress(head, size)
    except zlib.error:
        return None


def gzipped_record_by_record(head: bytes) -> bool:
    """Return True if the gzip data starting with ``head`` has a second member right after a short first one.

    Web archives are normally gzipped one record per member, which warcio
    reads from the raw file (so offsets are offsets in the file). A WARC
    gzipped whole is one long member; warcio refuses that, so it is
    decompressed first. A first member that does not end within ``head`` is
    taken as the whole-file case.
    """
    decompressor = zlib.decompressobj(_GZIP_WBITS)
    data = head
    try:
        while data and not decompressor.eof:
            # Output is dropped; max_length keeps a bomb from filling memory.
            decompressor.decompress(data, CHUNK)
            data = decompressor.unconsumed_tail
    except zlib.error:
        return True  # damaged: let the archive reader say where
    return decompressor.eof and decompressor.unused_data.startswith(GZIP_MAGIC)


class GunzipStream(io.RawIOBase):
    """A raw stream of the decompressed bytes of the gzip data in ``raw``.

    Reads raise SourceError: "corrupt-gzip" for damaged or truncated data,
    "zip-bomb" or "too-large" when the output passes the ratio or ``cap``,
    and ContainerExhausted when the file's budget is spent.
    """

    def __init__(self, raw: BinaryIO, cap: int, options: ReadOptions, budget: Budget | None, what: str):
        self._raw = raw
        self._cap = cap
        self._options = options
        self._budget = budget
        self._what = what
        self._decompressor = zlib.decompressobj(_GZIP_WBITS)
        self._pending = b""
        self._consumed = 0
        self._produced = 0

    def readable(self) -> bool:
        return True

    def _more_input(self) -> bytes:
        chunk = self._raw.read(CHUNK)
        self._consumed += len(chunk)
        return chunk

    def readinto(self, buffer) -> int:
        if not len(buffer):
            # zlib reads max_length 0 as "no limit"; never ask it that.
            return 0
        while True:
            if self._decompressor.eof:
                # gzip allows several members one after another (RFC 1952, 2.2),
                # as `cat a.gz b.gz` makes; anything else after the end is
                # padding that gzip(1) ignores too.
                if len(self._pending) < len(GZIP_MAGIC):
                    self._pending += self._more_input()
                if not self._pending.startswith(GZIP_MAGIC):
                    return 0
                self._decompressor = zlib.decompressobj(_GZIP_WBITS)
            if not self._pending:
                self._pending = self._more_input()
                if not self._pending:
                    raise SourceError(
                        "corrupt-gzip",
                        f"the gzip data in {self._what} ends before its end mark (the file is truncated)",
                    )
            try:
                # max_length bounds what one call may produce: a bomb cannot
                # balloon memory before the checks below see it.
                out = self._decompressor.decompress(self._pending, len(buffer))
            except zlib.error as e:
                raise SourceError("corrupt-gzip", f"the gzip data in {self._what} is damaged ({e})") from e
            if self._decompressor.eof:
                self._pending = self._decompressor.unused_data
            else:
                self._pending = self._decompressor.unconsumed_tail
            if out:
                self._produced += len(out)
                # The file's budget first: past it, the whole file is abandoned.
                if self._budget is not None:
                    self._budget.spend(len(out))
                check_inflation(self._produced, self._consumed, self._cap, self._options, self._what)
                buffer[: len(out)] = out
                return len(out)
