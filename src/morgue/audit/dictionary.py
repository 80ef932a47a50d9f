"""The English word list the spelling check trusts: pyspellchecker's shipped frequencies.

pyspellchecker (MIT) ships its English word list inside the package (about
160,000 words with frequencies from subtitles and web text), so nothing is
downloaded at run time. It spells the American way; British spellings,
which the archive's own papers may use, are accepted through the regular
spelling correspondences below rather than a second list.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A dictionary word at least this frequent (about the 20,000 most frequent
# English words) is "common": a rare unknown word one edit away from it is
# probably that word mistyped.
COMMON_FREQUENCY = 1000

# British → American correspondences (colour/color, organise/organize,
# centre/center, travelled/traveled, defence/defense, programme/program,
# catalogue/catalog, paediatric/pediatric, manoeuvre/maneuver).
_BRITISH = [
    (re.compile(p), r)
    for p, r in (
        (r"our(?=s?$|ed$|ing$|ful|ite|able|er|ism|ist|less|hood)", "or"),
        (r"is(?=e$|es$|ed$|ing$|ation|ations|er$|ers$|able)", "iz"),
        (r"ys(?=e$|es$|ed$|ing$|er)", "yz"),
        (r"([^aeiou])re(?=s?$|d$)", r"\1er"),
        (r"ll(?=ed$|ing$|er$|ers$|ery$)", "l"),
        (r"ence(?=s?$)", "ense"),
        (r"mme(?=s?$|d$)", "m"),
        (r"ogue(?=s?$)", "og"),
        (r"^sc(?=ept)", "sk"),
        (r"ould(?=s?$|ed$|ing$|er)", "old"),
        (r"inium(?=s?$)", "inum"),
        (r"ae", "e"),
        (r"oeuvr(?=ing$|ed$|es$|e$)", "euver"),  # manoeuvring → maneuvering
        (r"oe", "e"),
    )
]

_SUFFIXES = ("'s", "s", "es", "ed", "d", "ing", "er", "ers", "est", "ly", "ness", "ment", "ments", "ism", "ist", "ists")
_PREFIXES = ("un", "re", "non", "pre", "co", "anti", "over", "under", "mis", "sub", "post", "mid", "out", "ex")


# A stem must be at least this common in the list for a word built on it to count as derived:
# the list holds rare entries ("hoep", "yaer") that would make "hoeps" and "yaers" words.
_DERIVED_STEM = 20

# A plural or third person of a word ending in a hiss is "-es", never "-s".
_SIBILANTS = ("s", "x", "z", "ch", "sh")
_VOWELS = frozenset("aeiou")


def _doubled(stem: str, suffix: str) -> bool:
    """Return True if the stem ends in a consonant doubled before a vowel suffix (plan → planned, stop → stopping).

    English doubles the final consonant of a consonant-vowel-consonant word
    before an ending that opens with a vowel; "reachhed" and "franccs" double
    nothing a rule allows, so they are not derived words.
    """
    return (
        len(stem) > 3 and suffix[0] in "aeiouy" and stem[-1] == stem[-2] and stem[-1] not in _VOWELS
        and stem[-3] in _VOWELS and stem[-4] not in _VOWELS
    )


class Lexicon:
    """An English word list with frequencies; words are looked up in lower case."""

    def __init__(self, frequencies: dict[str, int]):
        self._frequencies = frequencies

    def frequency(self, word: str) -> int:
        """Return how often the word occurs in the list's sources, in this or its American spelling (0 if absent).

        The list is American: "organisation" counts as often as "organization".
        """
        found = self._frequencies.get(word, 0)
        if found:
            return found
        # Not through ae/oe → e: that rule makes words ("laent" → "lent") as well as mapping them.
        return max((self._frequencies.get(american, 0) for american in _american(word, digraphs=False)), default=0)

    def knows(self, word: str) -> bool:
        """Return True if the lower-case word, or its American spelling, is in the list."""
        if word in self._frequencies:
            return True
        return any(self._frequencies.get(american, 0) for american in _american(word))

    def derives(self, word: str) -> bool:
        """Return True if the word is a known word with a common prefix or suffix (rebranding, ex-wife)."""
        return self.stem_of(word) is not None

    def stem_of(self, word: str) -> str | None:
        """Return the commonest stem the word derives from by a prefix or suffix ("rebranding" → "brand"), or None."""
        stems = self._suffixed_stems(word)
        for prefix in _PREFIXES:
            rest = word[len(prefix):]
            # "co" before a short word is rarely a prefix: "comany" is "company" misspelt, not co-many.
            # The rest follows the suffix rules too: "returnd" is no "re" + "turnd".
            if word.startswith(prefix) and len(rest) >= (5 if prefix == "co" else 4):
                stems += [(rest, self.frequency(rest)), *self._suffixed_stems(rest)]
        stems = [(frequency, stem) for stem, frequency in stems if frequency >= _DERIVED_STEM]
        return max(stems)[1] if stems else None

    def _suffixed_stems(self, word: str) -> list[tuple[str, int]]:
        """Return the stems, with their frequencies, that are this word less one suffix, as English joins them."""
        stems = []
        for suffix in _SUFFIXES:
            stem = word[: -len(suffix)]
            if not word.endswith(suffix) or len(stem) < 3 or (suffix == "s" and stem.endswith(_SIBILANTS)):
                continue  # "indebtednesss" is not a plural: a sibilant takes "es"
            if stem.endswith("e") and suffix[0] == "e":
                continue  # "late" + "est" is "latest": a stem's final e goes before an ending in e
            if suffix == "d" and not stem.endswith("e"):
                continue  # "-d" follows an e ("baked"): "backd", "guidd" are slips, not derivations
            stems.append((stem, self.frequency(stem)))
            # A silent e restored is looked up as written, not through the British spellings
            # ("brokr" + "e" is no "brokre" → "broker", "dama" + "e" no "damae" → "dame").
            # Only an ending that begins with a vowel drops a stem's e ("make" → "making"):
            # before "-s", "-d", "-ly", "-ness", "-ment" it stays, so "continus" is no "continue" + "s".
            if suffix[0] in _VOWELS:
                stems.append((stem + "e", self._frequencies.get(stem + "e", 0)))
            if _doubled(stem, suffix):
                stems.append((stem[:-1], self.frequency(stem[:-1])))
        return stems


def _american(word: str, digraphs: bool = True) -> set[str]:
    """Return the American spellings of a British word ("organise" → "organize"); short words have none.

    A word of four letters or fewer is not read through the rules: "hoep" is not a British "hep".
    """
    spellings = set()
    if len(word) <= 4:
        return spellings
    for pattern, replacement in _BRITISH:
        if not digraphs and pattern.pattern in ("ae", "oe"):
            continue
        changed = pattern.sub(replacement, word)
        if changed != word:
            spellings.add(changed)
    return spellings


@lru_cache(maxsize=1)
def english_lexicon() -> Lexicon:
    """Return the shipped English lexicon, loaded once per process (about 0.3 s)."""
    from spellchecker import SpellChecker

    return Lexicon(dict(SpellChecker(language="en", distance=1).word_frequency.dictionary))
