"""Readable differences between two revisions: word by word, every piece of text escaped."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Words, runs of punctuation and runs of space, each its own token: a word that gains
# something after it ("station" -> "station (corrected)") shows only what was added.
_TOKENS = re.compile(r"\w+|[^\w\s]+|\s+")


@dataclass(frozen=True)
class FieldDiff:
    """One field that differs: its name and the difference as safe HTML (<del>/<ins> around escaped text)."""

    field: str
    html: SafeString


def field_text(revision, field: str) -> str:
    """Return a revised field as text: body paragraphs separated by blank lines, dates in ISO form."""
    value = getattr(revision, field)
    if field == "body" or field == "notices":
        return "\n\n".join(value or ())
    if field == "withdrawn":
        return "withdrawn" if value else "public"
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def word_diff(old: str, new: str) -> SafeString:
    """Return the word-level difference of two texts as HTML: removed words in <del>, added ones in <ins>."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    # Every piece of archive text above went through escape(); only our own tags are markup.
    return mark_safe("".join(parts))


def revision_diff(old, new) -> list[FieldDiff]:
    """Return the fields that differ between two revisions, each with its word-level difference."""
    from morgue.archive.models import REVISED_FIELDS

    diffs = []
    for field in REVISED_FIELDS:
        before, after = field_text(old, field), field_text(new, field)
        if before != after:
            diffs.append(FieldDiff(field, word_diff(before, after)))
    return diffs
