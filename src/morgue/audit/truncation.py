"""Truncation: a body that stops mid-sentence or mid-word, or points to a page that is not there."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from morgue.audit.defect import HIGH, Defect
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
# "MORE" may also close the take's last paragraph, after its last sentence.
_MORE_AFTER_SENTENCE = re.compile(r"(?<=[.!?\"'\u201d])\s+(MORE|More)\s*$")
# The wire's sign-off ("REUTER", "Reuters", misspelt "RUTER", with stray
# end-of-record marks such as "...^M") after a finished sentence is not text.
_SIGN_OFF = re.compile(r"(?<=[.!?\"'\u201d])\s+(?:REUTERS?|Reuters?|RUTER)\b[\s.^M]*$")

# Words a finished English sentence does not end on.
_FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for from with and or but nor that which who whose whom "
    "as than if because while when where his her its their our my your is are was were be "
    "been has have had will would can could should may might must into onto about over "
    "under after before between against during through without within said says vs versus".split()
)
# In a table row "under", "over" and "in" are honest last cells ("0.05 under",
# "Cocoa off 9"); only words that must have something after them end a cut row.
_ROW_FUNCTION_WORDS = frozenset("a an the of to and or nor vs versus by from with".split())
# Words that say a line is a sentence: its verb. A line without one is a
# caption, a credit or a list item ("Football Manager 2005 out now for the
# PC", "Record March Six") and may end without a full stop; a sentence may not.
_VERBS = frozenset(
    "is are was were be been has have had will would can could should may might must shall "
    "said says told added".split()
)
# A word cut in half is a prefix of a whole word the article uses elsewhere
# ("Ltd" → "Lt", "May" → "Ma", "mln" → "ml"); a prefix that is the word
# plus an ending ("period" of "periods") is a whole word, not a cut one.
_ENDINGS = ("s", "es", "'s", "\u2019s", "ed", "ing", "er", "ers", "ly")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
# Searched only, never matched whole: "\S\s{2,}\S" finds what "\S+\s{2,}\S+" finds, in linear time.
_TABLE_CELL = re.compile(r"\S\s{2,}\S|\s(?:vs|v)\.?\s+\S*\d|\bvs\.?\s+\S")
_SENTENCE_BEFORE = re.compile(r"[.!?][\"'\u2019\u201d)]*\s+[\"'\u2018\u201c(]*[A-Z]")
_NOTE = re.compile(r"notes?\s*[:-]", re.I)
# The line under a column that says who wrote it: "Anna Smith is technology
# correspondent for The World, a BBC World Service co-production".
_CREDIT = re.compile(
    r"(?:[A-Z][\w'.-]*\s+){1,3}is\s+(?:a\s+|an\s+|the\s+)?(?:[\w'-]+\s+){0,3}"
    r"(?:correspondent|editor|writer|columnist|reporter|presenter|analyst|contributor|author)\b"
)
_PAIRS = {"(": ")", "[": "]", "<": ">", "{": "}"}
# A company's name in angle brackets ("<China International Trust and
# Investment Corp>") or a quotation runs a few words; one still open at the
# last word of the body was cut. (A bracket open for a whole table row is a
# typo in the row, not a cut.)
_MAX_OPEN_WORDS = 15


def find_truncation(body: tuple[str, ...], is_word: Callable[[str], bool], headline: str = "") -> Iterator[Defect]:
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
    more = _MORE_AFTER_SENTENCE.search(paragraph)
    if more:
        yield Defect(
            "truncation", HIGH, "body", last, more.start(1), more.end(1),
            "The body ends with 'MORE': the rest of the story was in another take.",
            None,
        )
        return
    words = Counter(_WORD.findall(headline))
    for text in body[:last + 1]:
        words.update(_WORD.findall(text))
    reason = _unfinished(paragraph.rstrip(), is_word, words)
    if reason:
        end = len(paragraph.rstrip())
        start, end = token_span(paragraph, end - 1, end)
        yield Defect("truncation", HIGH, "body", last, start, end, reason, None)


def _unfinished(text: str, is_word: Callable[[str], bool], article_words: Counter[str]) -> str | None:
    """Return why the last paragraph looks cut off, or None if it looks finished.

    ``article_words`` counts the words of the whole article, this paragraph included.
    """
    text = _SIGN_OFF.sub("", text)
    if not text or _FINISHED.search(text) or _CONTINUED.search(text):
        return None
    if re.search(r"[^\W\d_]-$", text):
        return "The body ends in a hyphen, in the middle of a word: the rest was cut off."
    if text[-1] in ",;:([{\u2013\u2014&\u201c\u2018":
        return f"The body ends on {text[-1]!r}, in the middle of a sentence: the rest was cut off."
    words = _WORD.findall(text)
    if not words or not text[-1].isalpha():
        return None  # ends on a number, a symbol: a table or a data line, not prose
    opened = _unclosed(text)
    if opened is not None and len(text[opened:].split()) <= _MAX_OPEN_WORDS:
        return f"The body ends inside {text[opened]!r} that is never closed: the rest was cut off."
    last = words[-1]
    tokens = text.split()
    figures = bool(_TABLE_CELL.search(text)) or sum(any(c.isdigit() for c in t) for t in tokens) >= 0.25 * len(tokens)
    note = bool(_NOTE.match(text))
    if last.islower() and last.lower() in (_ROW_FUNCTION_WORDS if figures else _FUNCTION_WORDS):
        return f"The body ends on {last!r}, in the middle of a sentence: the rest was cut off."
    whole = _whole_word(last, article_words)
    if whole:
        return f"The body ends on {last!r}, which looks like {whole!r} cut in half: the rest was cut off."
    if figures:
        return None  # a table row or a results line ("Revs 22.4 mln vs 7.9 mln"), not prose
    if last.islower() and len(last) >= 2 and not is_word(last):
        return f"The body ends on {last!r}, which looks like a word cut in half: the rest was cut off."
    if note or _CREDIT.match(text):
        # A footnote under a table may end on a noun ("Note: shr after preferred
        # dividends"); so may the line that says who the writer is.
        return None
    if last[0].isupper() and not last.isupper() and len(words) >= 6 and not is_word(last.lower()):
        # "... in April or Ma", "... with Answe": a name or month cut in half.
        return f"The body ends on {last!r}, which looks like a word cut in half: the rest was cut off."
    # A sentence, not a title or a credit line, ends on a full stop; prose that
    # ends on a lower-case word was cut (titles and credits end on names: "for the PC").
    if last.islower() and len(words) >= 3:
        return "The last paragraph stops without finishing its sentence: the rest was cut off."
    lower = sum(w.islower() for w in words)
    prose = len(words) >= 8 and lower >= 0.4 * len(words)
    if prose and _SENTENCE_BEFORE.search(text):
        return "The last paragraph stops without finishing its sentence: the rest may have been cut off."
    if (len(words) >= 4 and lower >= 0.4 * len(words) and not last.isupper()
            and any(w in _VERBS for w in words)):
        # "It said the work would be completed in July": a sentence with a
        # verb, not a caption, ends on a full stop.
        return "The last paragraph is a sentence that stops without a full stop: the rest may have been cut off."
    return None


def _whole_word(last: str, article_words: Counter[str]) -> str | None:
    """Return the longer word of the article that ``last`` is the start of, if ``last`` looks cut from it."""
    if len(last) < 2 or article_words[last] > 1:
        return None  # used elsewhere in the article as it stands: a whole word
    for word in article_words:
        if len(word) > len(last) and word.startswith(last) and word[len(last):] not in _ENDINGS:
            return word
    return None


def _unclosed(text: str) -> int | None:
    """Return where the text opens the bracket or quote it never closes, or None."""
    stack: list[int] = []
    quote = None
    for i, c in enumerate(text):
        if c in _PAIRS:
            stack.append(i)
        elif stack and c == _PAIRS[text[stack[-1]]]:
            stack.pop()
        elif c == '"':
            quote = i if quote is None else None
        elif c == "\u201c":
            quote = i
        elif c == "\u201d":
            quote = None
    opened = [i for i in (stack[-1] if stack else None, quote) if i is not None]
    return max(opened) if opened else None
