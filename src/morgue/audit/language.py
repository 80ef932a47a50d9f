"""Is a text English? Only English has a dictionary here, so only English is spell-checked."""

from __future__ import annotations

import re

# Enough text to tell a language, and no more: a 5 MB body is judged on its start.
_SAMPLE_CHARS = 20_000
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W\d_]+")

# The commonest function words: they make up about 40% of running English
# text, and hardly occur in other languages written in the Latin alphabet.
_ENGLISH = frozenset(
    "the of and to a in is that for it on was with he as his by at from are be this have an "
    "not but had has they were which said she her its their been who will would there we".split()
)
# The same for the Latin-alphabet languages a European paper may print.
_OTHER = frozenset(
    "de la le les des et est un une du en el los las y que por con para del al il che di della "
    "der die das und ist nicht ein eine mit von zu den och att som är het een van niet ze na się "
    "nie jest do o em um uma não os da".split()
)
# Running English is about 40% function words from the list above; a text
# under 15% is not English (or not prose: a table, a list of names).
_MIN_ENGLISH_SHARE = 0.15
_MIN_WORDS = 12


def is_english(text: str, declared: str = "") -> bool:
    """Return True if the text is (probably) English, from its script and its commonest words.

    ``declared`` is the language the source stated ("en", "ru-RU"); a stated
    language other than English is believed, and stated English is believed
    unless the text's own words are more another language's than English's.
    """
    if declared and not declared.lower().startswith("en"):
        return False
    sample = text[:_SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters == 0:
        return True  # nothing to check either way
    if len(_LATIN.findall(sample)) < 0.8 * letters:
        return False  # Cyrillic, Arabic, Chinese, ...: another script
    words = [w.lower() for w in _WORD.findall(sample)]
    english = sum(w in _ENGLISH for w in words)
    other = sum(w in _OTHER for w in words)
    if len(words) < _MIN_WORDS:
        return other <= english
    if declared:
        # Stated English is believed unless the words say otherwise: a table of results ("Shr 22 cts
        # vs 19 cts") has few function words, and is still English to check.
        return other <= english
    return english >= _MIN_ENGLISH_SHARE * len(words) and english > other
