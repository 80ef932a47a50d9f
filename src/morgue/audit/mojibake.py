"""Broken characters: mojibake, replacement characters, stray control characters."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

import ftfy
from ftfy.badness import BADNESS_RE, badness

from morgue.audit.defect import HIGH, LOW, MEDIUM, Defect
from morgue.audit.fields import SPACE, Text, token_span

# ftfy's own fixer, told to leave alone what is style rather than damage:
# curly quotes, ligatures, full-width forms and line breaks are how the
# paper printed them, not a transfer fault.
_FIX = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    fix_line_breaks=False,
    normalization=None,
    explain=False,
)

# Quick pre-test: mojibake of UTF-8 read as Latin-1/Windows-1252 always holds
# one of these lead characters (Â Ã Ä-ß â € Ã ...), so most paragraphs skip
# ftfy's slower scan.
_MOJIBAKE_LEADS = re.compile("[\u00c2-\u00df\u00e2-\u00ef\u0080-\u009f\u20ac\u201a-\u2122\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]")

_REPLACEMENT = "\ufffd"
# '?' standing for a lost character: inside a word ("na?ve", "Russia?s") or
# ending a word that the sentence carries on after ("caf? in Paris").
_QUESTION_INSIDE = re.compile(r"(?<=[^\W\d_])\?(?=[^\W\d_])")
_QUESTION_END = re.compile(r"(?<=[^\W\d_])\?(?= [a-z])")

# C0 controls but tab, newline and carriage return; DEL; C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")


def find_mojibake(texts: Iterable[Text]) -> Iterator[Defect]:
    """Yield a `mojibake` defect per token that ftfy finds mis-decoded, with ftfy's repair."""
    for field, paragraph, text in texts:
        if not _MOJIBAKE_LEADS.search(text):
            continue
        last_end = -1
        for match in BADNESS_RE.finditer(text):
            start, end = match.span()
            while start < end and text[start] in SPACE:
                start += 1  # ftfy's patterns may take in the space before "Â£"
            while end > start and text[end - 1] in SPACE:
                end -= 1
            if start < last_end:
                continue  # inside the token already reported (growing it again would be quadratic)
            start, end = token_span(text, start, end)
            last_end = end
            token = text[start:end]
            fixed = ftfy.fix_text(token, _FIX)
            if fixed != token and badness(fixed) < badness(token):
                yield Defect(
                    "mojibake", HIGH, field, paragraph, start, end,
                    f"{token!r} looks like UTF-8 text read as Windows-1252/Latin-1; it should read {fixed!r}.",
                    fixed,
                )
            elif fixed == token and badness(token) >= 2:
                # Several odd sequences but no repair ftfy trusts: say so, fix nothing.
                yield Defect(
                    "mojibake", MEDIUM, field, paragraph, start, end,
                    f"{token!r} holds character sequences typical of a mis-decoded text; no safe repair is known.",
                    None,
                )


def find_replacement_characters(texts: Iterable[Text], is_word: Callable[[str], bool]) -> Iterator[Defect]:
    """Yield a defect per U+FFFD and per '?' standing for a lost letter.

    A '?' ending a word is a lost letter only when what stands before it is
    no word (``is_word``): "caf? in Paris", not "a merry Christmas? he asked".
    """
    for field, paragraph, text in texts:
        if _REPLACEMENT in text:
            for match in re.finditer(_REPLACEMENT + "+", text):
                start, end = token_span(text, match.start(), match.end())
                yield Defect(
                    "replacement-character", HIGH, field, paragraph, start, end,
                    f"{text[start:end]!r} holds U+FFFD: a character was lost when the text was decoded.",
                    None,
                )
        if "?" not in text:
            continue
        for pattern, severity in ((_QUESTION_INSIDE, HIGH), (_QUESTION_END, MEDIUM)):
            for match in pattern.finditer(text):
                start, end = token_span(text, match.start(), match.end())
                if "://" in text[start:end] or "=" in text[start:end]:
                    continue  # a URL's query string, not a lost letter
                if pattern is _QUESTION_END:
                    before = re.search(r"[^\W\d_]+$", text[start:match.start()])
                    if before is None or is_word(before.group().lower()):
                        continue
                yield Defect(
                    "replacement-character", severity, field, paragraph, start, end,
                    f"{text[start:end]!r} has '?' where a letter should be: a character the old "
                    "system could not encode was replaced.",
                    None,
                )


def find_control_characters(texts: Iterable[Text]) -> Iterator[Defect]:
    """Yield a `control-character` defect per run of stray control characters (the fix removes them)."""
    for field, paragraph, text in texts:
        for match in re.finditer(_CONTROL.pattern + "+", text):
            if match.start() > 0 and _MOJIBAKE_LEADS.match(text, match.start() - 1) and "\x80" <= match.group()[0]:
                continue  # a C1 byte inside mojibake ("â€\x9d"): reported, and fixed, as mojibake
            codes = ", ".join(f"U+{ord(c):04X}" for c in match.group()[:5])
            yield Defect(
                "control-character", LOW if match.group().isspace() else MEDIUM, field, paragraph,
                match.start(), match.end(),
                f"Invisible control character(s) {codes} in the text, left by the old system.",
                "",
            )
