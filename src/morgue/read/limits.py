"""Bounded reading: size caps, compression-ratio checks and a per-file budget.

Every byte the reader holds or decompresses passes through one of these, so
memory stays bounded whatever the archive holds, and no size written in a
header is trusted on its own: bytes are counted as they come out.
"""

from __future__ import annotations

from typing import BinaryIO, Callable

from morgue.errors import SourceError

from .options import ReadOptions

CHUNK = 64 * 1024


class ContainerExhausted(SourceError):
    """The decompression budget of a whole file is spent; the file is abandoned."""


class Budget:
    """Counts the bytes decompressed from one file on disk against its limit."""

    def __init__(self, limit: int):
        self.limit = limit
        self.spent = 0

    def spend(self, count: int) -> None:
        """Record ``count`` more decompressed bytes; raise ContainerExhausted past the limit."""
        self.spent += count
        if self.spent > self.limit:
            raise ContainerExhausted(
                "zip-bomb",
                f"more than {self.limit} bytes decompressed from one file; "
                "the rest of it was not read",
            )


def check_inflation(produced: int, consumed: int, cap: int, options: ReadOptions, what: str) -> None:
    """Raise SourceError if ``produced`` bytes from ``consumed`` compressed bytes is too much.

    "zip-bomb" when the expansion ratio is past ``max_compression_ratio``
    (judged only above ``ratio_floor_bytes``); "too-large" when the output
    passes ``cap`` at an ordinary ratio.
    """
    ratio = produced / max(consumed, 1)
    if produced > options.ratio_floor_bytes and ratio > options.max_compression_ratio:
        raise SourceError(
            "zip-bomb",
            f"{what} expands {ratio:.0f} times ({produced} bytes from {consumed} compressed); "
            f"the limit is {options.max_compression_ratio:g} times",
        )
    if produced > cap:
        raise SourceError("too-large", f"{what} is larger than the limit of {cap} bytes")


def read_capped(stream: BinaryIO, cap: int, what: str, on_chunk: Callable[[int], None] | None = None) -> bytes:
    """Return everything left in ``stream``; raise "too-large" once more than ``cap`` bytes come out.

    ``on_chunk`` is called with the running total after each chunk, so the
    caller can judge ratios and budgets while the bytes stream in.
    """
    parts = []
    total = 0
    while True:
        chunk = stream.read(min(CHUNK, cap + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        if on_chunk is not None:
            on_chunk(total)
        if total > cap:
            raise SourceError("too-large", f"{what} is larger than the limit of {cap} bytes")
    return b"".join(parts)


def read_inflated(
    stream: BinaryIO,
    compressed_size: int,
    cap: int,
    options: ReadOptions,
    budget: Budget | None,
    what: str,
) -> bytes:
    """Return all of a decompressing ``stream``, judging ratio, cap and budget while it inflates."""
    spent = 0

    def judge(total: int) -> None:
        nonlocal spent
        check_inflation(total, compressed_size, cap, options, what)
        if budget is not None:
            budget.spend(total - spent)
        spent = total

    # One byte over the cap is enough to know; check_inflation names the reason.
    return read_capped(stream, cap, what, on_chunk=judge)


class CountingReader:
    """A read-only stream that counts the bytes taken from it (and answers tell())."""

    def __init__(self, stream: BinaryIO):
        self._stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.count += len(data)
        return data

    def tell(self) -> int:
        return self.count

    def close(self) -> None:
        # The underlying stream belongs to the caller; warcio closes what it is given.
        pass
