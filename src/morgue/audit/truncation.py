"""Truncation: a body that stops mid-sentence or mid-word, or points to a page that is not there."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from morgue.audit.defect import HIGH, MEDIUM, Defect
from morgue.audit.fields import token_span

# A sentence is finished by . ! ? … and may be closed by quotes or brackets
# after it ('... he said."', '(see below.)').
_FINISHED = re.compile(r"[.!?\u2026\u3002\uff01\uff1f\u061f\u06d4][\"'\u2019\u201d\u00bb)\]*]*$")

# Print pages split a story: "Continued on Page 4", "continued on A12",
# "(continued)", "Please turn to page 3". A wire story in several takes
# ends its first take with "MORE". Each says the rest was on another page
# or in another record that the archive does not hold here.
_CONTINUED = re.compile(
    r"\bcontinued\s+(?:on|from)\s+(?:page|p\.|pg\.?)\s*[A-Z]?\d{1,3}[A-Z]?\b"
    r"|\bcontinued\s+on\s+[A-Z]\d{1,2}\b"
    r"|\bcontinued\s+on\s+(?:the\s+)?(?:next|following|back|facing|inside)\s+page\b"
    r"|\b(?:please\s+)?turn\s+to\s+page\s+[A-Z]?\d{1,3}\b"
    r"|\((?:continued|cont(?:'d|\.)?)\)\s*$",
    re.I,
)
_MORE = re.compile(r"^\s*(?:\(more\)|-+\s*more\s*-+|more|continued)\s*\.?\s*$", re.I)

# Words a finished English sentence does not end on.
_FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for from with and or but nor that which who whose whom "
    "as than if because while when where his her its their our my your is are was were be "
    "been has have had will would can could should may might must into onto about over "
    "under after before between against during through without within said says".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_TABLE_CELL = re.compile(r"\S+\s{2,}\S+|\s(?:vs|v)\.?\s+\S*\d")
_SENTENCE_BEFORE = re.compile(r"[.!?][\"'\u2019\u201d)]*\s+[\"'\u2018\u201c(]*[A-Z]")


def find_truncation(body: tuple[str, ...], is_word: Callable[[str], bool]) -> Iterator[Defect]:
    """Yield `truncation` defects for the body's continuation notes and its unfinished end.

    ``is_word`` says whether a lower-case word is known (dictionary or archive),
    to tell a word cut in half from a finished one.
    """
    for index, paragraph in enumerate(body):
        for match in _CONTINUED.finditer(paragraph):
            yield Defect(
                "truncation", HIGH, "body", index, match.start(), match.end(),
                f"{match.group()!r}: the story went on elsewhere (another page or take) "
                "that is not in this article.",
                None,
            )
    last = len(body) - 1
    while last >= 0 and not body[last].strip():
        last -= 1
    if last < 0:
        return
    paragraph = body[last]
    if _MORE.match(paragraph):
        yield Defect(
            "truncation", HIGH, "body", last, 0, len(paragraph),
            "The body ends with a 'MORE' or 'continued' line: the rest of the story is missing.",
            None,
        )
        return
    reason = _unfinished(paragraph.rstrip(), is_word)
    if reason:
        end = len(paragraph.rstrip())
        start, end = token_span(paragraph, end - 1, end)
        yield Defect("truncation", HIGH, "body", last, start, end, reason, None)


def _unfinished(text: str, is_word: Callable[[str], bool]) -> str | None:
    """Return why the last paragraph looks cut off, or None if it looks finished."""
    if not text or _FINISHED.search(text) or _CONTINUED.search(text):
        return None
    if re.search(r"[^\W\d_]-$", text):
        return "The body ends in a hyphen, in the middle of a word: the rest was cut off."
    if text[-1] in ",;:([{\u2013\u2014&\u201c\u2018":
        return f"The body ends on {text[-1]!r}, in the middle of a sentence: the rest was cut off."
    words = _WORD.findall(text)
    if not words or not text[-1].isalpha():
        return None  # ends on a number, a symbol: a table or a data line, not prose
    tokens = text.split()
    if _TABLE_CELL.search(text) or sum(any(c.isdigit() for c in t) for t in tokens) >= 0.4 * len(tokens):
        return None  # a table row or a results line ("Revs 22.4 mln vs 7.9 mln"), not prose
    if re.match(r"notes?\s*:", text, re.I):
        return None  # a footnote under a table ("Note: shr after preferred dividends")
    last = words[-1]
    if last.lower() in _FUNCTION_WORDS and last.islower():
        return f"The body ends on {last!r}, in the middle of a sentence: the rest was cut off."
    if last.islower() and len(last) >= 2 and not is_word(last):
        return f"The body ends on {last!r}, which looks like a word cut in half: the rest was cut off."
    if last[0].isupper() and not last.isupper() and len(words) >= 6 and not is_word(last.lower()):
        # "... in April or Ma", "... with Answe": a name or month cut in half.
        return f"The body ends on {last!r}, which looks like a word cut in half: the rest was cut off."
    # A sentence, not a title or a credit line, ends on a full stop; prose that
    # ends on a lower-case word was cut (titles and credits end on names: "for the PC").
    if last.islower() and len(words) >= 3:
        return "The last paragraph stops without finishing its sentence: the rest was cut off."
    prose = len(words) >= 8 and sum(w.islower() for w in words) >= 0.4 * len(words)
    if prose and _SENTENCE_BEFORE.search(text):
        return "The last paragraph stops without finishing its sentence: the rest may have been cut off."
    return None
