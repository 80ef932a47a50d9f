"""Misspellings that transfer or OCR introduced, judged against the archive's own vocabulary."""

from __future__ import annotations

import string
from collections.abc import Iterable, Iterator

from morgue.audit.defect import LOW, Defect
from morgue.audit.dictionary import COMMON_FREQUENCY, Lexicon
from morgue.audit.fields import Text
from morgue.audit.vocabulary import WORD, Vocabulary, opens_sentence

# A word used in more than this many of the archive's articles is the
# archive's own ("Peskov", "mln"), dictionary or not. A transfer error is a
# one-off: it lands in one article, rarely two.
RARE_ARTICLES = 2
# A suggested word must be common in the archive (or in English at large):
# the error replaced a word the paper uses often, not another rarity.
COMMON_IN_ARCHIVE = 5

_LETTERS = string.ascii_lowercase
# OCR reads some letter groups as others ("rn" for "m", "cl" for "d").
_OCR = (("rn", "m"), ("m", "rn"), ("cl", "d"), ("d", "cl"), ("li", "h"), ("vv", "w"), ("ii", "u"))


def find_misspellings(
    texts: Iterable[Text], lexicon: Lexicon, vocabulary: Vocabulary | None = None
) -> Iterator[Defect]:
    """Yield a low-severity `misspelling` defect, with the likely word, for each suspicious word."""
    verdicts: dict[tuple[str, bool], str | None] = {}
    for field, paragraph, text in texts:
        if field not in ("headline", "body"):
            continue
        for match in WORD.finditer(text):
            word = match.group()
            if not _checkable(text, match.start(), match.end(), word):
                continue
            name_like = word[0].isupper() and not opens_sentence(text, match.start())
            key = (word.lower(), name_like)
            if key not in verdicts:
                verdicts[key] = _correction(key[0], name_like, lexicon, vocabulary)
            correction = verdicts[key]
            if correction is None:
                continue
            suggestion = correction.capitalize() if word[0].isupper() else correction
            uses = vocabulary.count(correction) if vocabulary else 0
            yield Defect(
                "misspelling", LOW, field, paragraph, match.start(), match.end(),
                f"{word!r} is in no dictionary and rare in this archive; it is one edit away from "
                f"{suggestion!r}" + (f", which the archive uses {uses} times." if uses else "."),
                suggestion,
            )


def _checkable(text: str, start: int, end: int, word: str) -> bool:
    """Return True for a plain word: no acronym, no CamelCase, no part of a URL, handle or number."""
    if len(word) < 3 or not word.isascii() or "'" in word or "\u2019" in word:
        return False
    if word.isupper() or any(c.isupper() for c in word[1:]):
        return False  # acronyms (NATO), headlines in capitals, McDonald, iPod
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in "\ufffd?" or after in "\ufffd?":
        return False  # a word with a lost letter: reported as a replacement character
    if before in "@#/\\_" or after in "@/\\_" or after.isdigit() or before.isdigit():
        return False  # @handle, #tag, a path, 3rd, mp3
    if before == "." and start >= 2 and text[start - 2].isalnum():
        return False  # the "co" and "uk" of bbc.co.uk
    if after == "." and end + 1 < len(text) and text[end + 1].isalnum():
        return False  # the "bbc" of bbc.co.uk, file.txt
    return True


def _correction(word: str, name_like: bool, lexicon: Lexicon, vocabulary: Vocabulary | None) -> str | None:
    """Return the common word this rare unknown word is probably a misspelling of, or None."""
    if lexicon.knows(word):
        return None
    if vocabulary is not None and vocabulary.article_count(word) > RARE_ARTICLES:
        return None
    best, best_score = None, 0
    for candidate in _edits(word):
        score = _commonness(candidate, name_like, lexicon, vocabulary)
        if score > best_score:
            best, best_score = candidate, score
    if best is None or lexicon.derives(word):
        return None  # nothing common nearby, or a regular derivation ("rebranding")
    return best


def _commonness(candidate: str, name_like: bool, lexicon: Lexicon, vocabulary: Vocabulary | None) -> int:
    """Return how common a candidate correction is (0: too rare to suggest)."""
    in_archive = vocabulary.count(candidate) if vocabulary else 0
    in_english = lexicon.frequency(candidate)
    if name_like and vocabulary is not None and vocabulary.articles >= 20:
        # A capitalised word inside a sentence is a name or a title word: its
        # correction must be a name the archive writes ("Britian" → "Britain"),
        # or a rare name ("Tomas") would be "corrected" to a word ("tomes").
        if not vocabulary.is_name(candidate) or in_archive < COMMON_IN_ARCHIVE:
            return 0
        return in_archive * 1000
    if in_archive >= COMMON_IN_ARCHIVE and (in_english or vocabulary.is_name(candidate)):
        return in_archive * 1000 + min(in_english, 999)
    if in_english >= COMMON_FREQUENCY:
        return in_english // 1000 if vocabulary else in_english
    return 0


def _edits(word: str) -> set[str]:
    """Return every string one edit from the word: delete, transpose, replace, insert, OCR confusion."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    edits |= {a + c + b for a, b in splits for c in _LETTERS}
    for wrong, right in _OCR:
        if wrong in word:
            edits.add(word.replace(wrong, right, 1))
    edits.discard(word)
    return edits
