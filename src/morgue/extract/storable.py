"""Text every database can store: lone surrogates become U+FFFD, NUL characters go.

A JSON string may hold a lone surrogate ("\\ud800" is legal JSON) and any
text may hold NUL; neither can be written (UTF-8 has no surrogates, and
PostgreSQL's text refuses NUL), so one such document used to abort every
run that met it. The original keeps its bytes; what was changed in the
article is returned, so the archive records it as a repaired defect.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from morgue.extract.article import Article, RemovedBlock

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class StorableRepair:
    """One field's unstorable characters: how many NULs were removed, how many surrogates replaced."""

    field: str
    nuls: int = 0
    surrogates: int = 0

    def explanation(self) -> str:
        parts = []
        if self.nuls:
            parts.append(f"{self.nuls} NUL character{'s' if self.nuls != 1 else ''} removed")
        if self.surrogates:
            parts.append(f"{self.surrogates} lone surrogate{'s' if self.surrogates != 1 else ''} "
                         "(half a character) replaced by U+FFFD")
        return (f"The {self.field} held characters no database can store: {' and '.join(parts)}. "
                "The original keeps them as they came.")


def storable_text(text: str) -> tuple[str, int, int]:
    """Return ``text`` made storable, with the number of NULs removed and surrogates replaced."""
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
    text, surrogates = _SURROGATE.subn("\ufffd", text)
    return text, nuls, surrogates


def make_storable(article: Article) -> tuple[Article, tuple[StorableRepair, ...]]:
    """Return the article with every text storable, and the repairs made (none for almost every article)."""
    changes, repairs = {}, []
    for field in dataclasses.fields(article):
        value = getattr(article, field.name)
        fixed, nuls, surrogates = _fix_value(value)
        if nuls or surrogates:
            changes[field.name] = fixed
            repairs.append(StorableRepair(field.name, nuls, surrogates))
    if not changes:
        return article, ()
    return dataclasses.replace(article, **changes), tuple(repairs)


def _fix_value(value):
    """Return (storable value, NULs, surrogates) for a str, a tuple of str or of RemovedBlock; else as is."""
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, tuple):
        items, nuls, surrogates = [], 0, 0
        for item in value:
            if isinstance(item, RemovedBlock):
                text, n1, s1 = storable_text(item.text)
                reason, n2, s2 = storable_text(item.reason)
                item, n, s = RemovedBlock(text, reason), n1 + n2, s1 + s2
            else:
                item, n, s = _fix_value(item)
            items.append(item)
            nuls, surrogates = nuls + n, surrogates + s
        return tuple(items), nuls, surrogates
    return value, 0, 0
