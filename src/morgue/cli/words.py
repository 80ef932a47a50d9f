"""Counts in words: "1 document", "2 documents" (a command's output is read by people)."""

from __future__ import annotations

_IRREGULAR = {"already in archive": "already in archive"}


def count(n: int, singular: str, plural: str | None = None) -> str:
    """Return ``n`` with thousands separators and the noun that agrees with it."""
    word = singular if n == 1 else (plural or _IRREGULAR.get(singular) or singular + "s")
    return f"{n:,} {word}"
