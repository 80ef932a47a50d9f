"""Safe fixes: apply the mechanical suggestions, leave everything else for an editor."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from morgue.audit.defect import Defect

_SPACES = re.compile(r"[ \t]{2,}")
_LINE_ENDS = re.compile(r"[ \t]*\n[ \t]*")


def normalise_whitespace(text: str) -> str:
    """Return the text with runs of spaces made one space and lines and ends stripped (line breaks kept)."""
    return _LINE_ENDS.sub("\n", _SPACES.sub(" ", text)).strip()


def apply_safe_fixes(article_fields: dict, defects: Iterable[Defect]) -> tuple[dict, list[Defect]]:
    """Return new field values with the safe fixes applied, and the defects they fixed.

    ``article_fields`` maps field names ("headline", "byline", "body", ...)
    to their text; "body" is a sequence of paragraphs. It is not changed: the
    archive records the result as a new revision. Safe fixes are mojibake
    repaired by ftfy, entities decoded, stray tags and shortcodes removed,
    control characters removed, an exact duplicated paragraph removed; a
    field or paragraph that a fix touched has its whitespace normalised
    (an untouched one is returned as it was, so an article with nothing to
    fix yields no revision).
    """
    spans: dict[tuple[str, int | None], list[Defect]] = defaultdict(list)
    drop: dict[int, Defect] = {}
    body = list(article_fields.get("body") or ())
    for defect in defects:
        if not defect.is_safe_fix:
            continue
        text = _text_of(article_fields, body, defect)
        if text is None or not 0 <= defect.start <= defect.end <= len(text):
            continue  # a defect about other text than these fields: not ours to apply
        if defect.field == "body" and defect.kind == "duplicated-content" and defect.suggestion == "" \
                and (defect.start, defect.end) == (0, len(text)):
            drop[defect.paragraph] = defect
        else:
            spans[(defect.field, defect.paragraph)].append(defect)

    result = dict(article_fields)
    fixed: list[Defect] = []
    for (field, paragraph), group in spans.items():
        if paragraph in drop and field == "body":
            continue  # the whole paragraph goes
        text = body[paragraph] if field == "body" else article_fields[field]
        new_text, applied = _apply(text, group)
        fixed.extend(applied)
        if field == "body":
            body[paragraph] = new_text
        else:
            result[field] = new_text
    if "body" in article_fields:
        kept = []
        for index, paragraph in enumerate(body):
            if index in drop:
                fixed.append(drop[index])
            elif paragraph or not article_fields["body"][index]:
                kept.append(paragraph)  # a paragraph emptied by a fix (a lone "<br/>") goes too
        result["body"] = type(article_fields["body"])(kept) if isinstance(article_fields["body"], (list, tuple)) else kept
    return result, fixed


def _text_of(fields: dict, body: list[str], defect: Defect) -> str | None:
    if defect.field == "body":
        if defect.paragraph is None or not 0 <= defect.paragraph < len(body):
            return None
        return body[defect.paragraph]
    value = fields.get(defect.field)
    return value if isinstance(value, str) and defect.paragraph is None else None


def _apply(text: str, defects: list[Defect]) -> tuple[str, list[Defect]]:
    """Return the text with non-overlapping suggestions applied (longer spans win), and those applied."""
    chosen: list[Defect] = []
    for defect in sorted(defects, key=lambda d: (d.start - d.end, d.start)):
        if all(defect.end <= other.start or defect.start >= other.end for other in chosen):
            chosen.append(defect)
    for defect in sorted(chosen, key=lambda d: d.start, reverse=True):
        text = text[: defect.start] + defect.suggestion + text[defect.end:]
    return normalise_whitespace(text), sorted(chosen, key=lambda d: d.start)
