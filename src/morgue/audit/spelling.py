"""Misspellings that transfer or OCR introduced, judged against the archive's own vocabulary."""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterable, Iterator

from morgue.audit.defect import LOW, Defect
from morgue.audit.dictionary import COMMON_FREQUENCY, Lexicon
from morgue.audit.fields import Text
from morgue.audit.vocabulary import WORD, Vocabulary, opens_sentence

# A word used in more than this many of the archive's articles is the
# archive's own ("Peskov", "mln"), dictionary or not. A transfer error is a
# one-off: it lands in one article, rarely two.
RARE_ARTICLES = 2
# A word in more articles than RARE_ARTICLES, and up to this many, is a slip only if its correction
# outnumbers it OUTNUMBERS_A_REPEATED_SLIP to one; in more, it is the archive's own spelling.
REPEATED_SLIP = 10
OUTNUMBERS_A_REPEATED_SLIP = 100
# A suggested word must be common in the archive (or in English at large):
# the error replaced a word the paper uses often, not another rarity.
COMMON_IN_ARCHIVE = 5
# A capitalised word this long may be an ordinary word with a letter too
# many or too few; a shorter one is a name as often as not.
LONG_WORD = 7
# A name (mostly capitalised) the archive writes this often otherwise is an ordinary word as well. Uses
# opening a sentence count as "otherwise" too, so the bar is high: "Guy", "Fiat", "Busch" stay names.
ORDINARY_TOO = 20
# A word in at least this share of the archive's articles is one it uses
# everywhere ("order", "prices", "money").
EVERYWHERE = 0.02

_LETTERS = string.ascii_lowercase
# A prefix written with a hyphen ("pre-", "de-", "co-", "non-") starts a compound.
_PREFIX_BEFORE = re.compile(r"(?:^|[^\w-])(?:pre|de|co|non|re|anti|un|sub|ex|mid|semi|multi|post|inter|over|under|out)-$", re.I)
# OCR reads some letter groups as others ("rn" for "m", "cl" for "d").
_OCR = (("rn", "m"), ("m", "rn"), ("cl", "d"), ("d", "cl"), ("li", "h"), ("vv", "w"), ("ii", "u"))

# Where a word stands decides which corrections are believable.
LOWER = "lower"  # an ordinary word in lower case: any one edit to a common word
SENTENCE_START = "start"  # capitalised because it opens a sentence: "Teh" → "The"
CAPITALISED = "capitalised"  # a capital inside a sentence: a name or a title word
NAME_PART = "name-part"  # a capital next to another capital ("Ken Mayland", "Cristian Chivu"): part of a name

# Longer than the longest words of English prose ("counterrevolutionaries", 22): not checked.
_LONGEST_WORD = 30
# The edit that turns the word into its correction.
SWAP = "swap"  # two neighbouring letters swapped back: "Britian" → "Britain"
DROP = "drop"  # a letter the word has one too many of: "franccs" → "francs"
ADD = "add"  # a letter the word lost: "ordr" → "order"
REPLACE = "replace"  # one letter for another: "tetms" → "terms"
OCR = "ocr"  # a letter group OCR misreads: "cornpany" → "company"


def find_misspellings(
    texts: Iterable[Text], lexicon: Lexicon, vocabulary: Vocabulary | None = None
) -> Iterator[Defect]:
    """Yield a low-severity `misspelling` defect, with the likely word, for each suspicious word."""
    texts = [t for t in texts if t.field in ("headline", "body")]
    in_article: Counter[str] = Counter()
    for text in texts:
        in_article.update(w.lower() for w in WORD.findall(text.text))
    # A word's verdict depends on the word, where it stands and the archive's counts, not on the article:
    # kept with the vocabulary, each is worked out once per archive, not once per article.
    verdicts: dict[tuple[str, str], str | None] = (
        vocabulary.answers.setdefault(("misspelling", id(lexicon)), {}) if vocabulary is not None else {})
    for field, paragraph, text in texts:
        for match in WORD.finditer(text):
            word = match.group()
            lower = word.lower()
            # The same spelling twice in one article is the writer's choice
            # (a name, a coinage); a transfer or OCR slip is a one-off.
            if in_article[lower] > 1 or not _checkable(text, match.start(), match.end(), word):
                continue
            if word[0].islower():
                position = LOWER
            elif _LIST_OF_NAMES.match(text, match.end()):
                position = NAME_PART  # "Delport; Pieters, Rasmussen": a team sheet or a list of names
            elif opens_sentence(text, match.start()):
                position = SENTENCE_START
            elif _beside_a_capital(text, match.start(), match.end()):
                position = NAME_PART
            else:
                position = CAPITALISED
            key = (lower, position)
            if key not in verdicts:
                verdicts[key] = _correction(lower, position, lexicon, vocabulary)
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


_LIST_OF_NAMES = re.compile(r"[,;]\s+[A-Z][a-z]+[,;]")
_NEIGHBOUR_BEFORE = re.compile(r"([A-Z][\w'’.-]*)[,;]?\s+$")
_NEIGHBOUR_AFTER = re.compile(r"^[,;]?\s+([A-Z][\w'’-]*)")


def _beside_a_capital(text: str, start: int, end: int) -> bool:
    """Return True if a capitalised word stands next to another in the same sentence: a person's or firm's name.

    Such a word is one letter from a place or a frequent name as often as not
    ("Ken Mayland", not "Maryland"), so only the general rules judge it.
    """
    before = _NEIGHBOUR_BEFORE.search(text, max(0, start - 40), start)
    after = _NEIGHBOUR_AFTER.match(text[end:end + 40])
    return bool((before and not opens_sentence(text, before.start(1))) or after)


def _checkable(text: str, start: int, end: int, word: str) -> bool:
    """Return True for a plain word: no acronym, no CamelCase, no part of a URL, handle or number."""
    if len(word) < 3 or len(word) > _LONGEST_WORD or not word.isascii() or "'" in word or "\u2019" in word:
        return False  # (a "word" of thousands of letters is not prose, and its edits grow with its square)
    if word.isupper() or any(c.isupper() for c in word[1:]):
        return False  # acronyms (NATO), headlines in capitals, McDonald, iPod
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in "\ufffd?" or after in "\ufffd?":
        return False  # a word with a lost letter: reported as a replacement character
    if after in "'\u2019":
        return False  # "lovin'", "goin'": a spelling the writer chose
    if before in "@#/\\_" or after in "@/\\_" or after.isdigit() or before.isdigit():
        return False  # @handle, #tag, a path, 3rd, mp3
    if after == "-" and end + 1 < len(text) and text[end + 1].isalpha():
        return False  # the first half of "criss-crossing": a compound the lexicon may not list
    if before == "-" and _PREFIX_BEFORE.search(text, 0, start):
        return False  # the second half of "pre-empted", "de-facto", "co-opted": a compound, not a word
    if before == "." and start >= 2 and text[start - 2].isalnum():
        return False  # the "co" and "uk" of bbc.co.uk
    if after == "." and end + 1 < len(text) and text[end + 1].isalnum():
        return False  # the "bbc" of bbc.co.uk, file.txt
    if text.startswith("..", end):
        return False  # a table's label before its leader dots ("with cust..4,369"): abbreviated at will
    return True


def _correction(word: str, position: str, lexicon: Lexicon, vocabulary: Vocabulary | None) -> str | None:
    """Return the common word this rare unknown word is probably a misspelling of, or None."""
    if lexicon.knows(word):
        return None
    repeated = vocabulary.article_count(word) if vocabulary is not None else 0
    if repeated > REPEATED_SLIP:
        return None
    if position != LOWER and word.endswith("s") and vocabulary is not None \
            and vocabulary.capitalised.get(word[:-1], 0) >= COMMON_IN_ARCHIVE:
        return None  # "Lankans": the plural of a name the archive prints ("Sri Lankan"), not a slip
    best, best_edit, best_score = None, None, 0
    for candidate, edit in _edits(word):
        score = _commonness(candidate, word, position, edit, lexicon, vocabulary)
        if score > best_score:
            best, best_edit, best_score = candidate, edit, score
    if best is None:
        return None  # nothing common nearby
    if repeated > RARE_ARTICLES and vocabulary.count(best) < OUTNUMBERS_A_REPEATED_SLIP * vocabulary.count(word):
        # In a few articles the spelling may be the archive's own ("Peskov", "mln"); it is still a slip
        # when the word beside it is printed a hundred times as often: wire copy repeats its typos
        # ("baord" in 4 of 12,965 stories, "board" 1,527 times).
        return None
    stem = lexicon.stem_of(word)
    if stem and not (best_edit in (SWAP, OCR) and vocabulary is not None
                     and vocabulary.count(best) >= OUTWEIGHS_A_DERIVATION) \
            and not (lexicon.frequency(best) >= OUTNUMBERS_A_STEM * lexicon.frequency(stem)
                     and vocabulary is not None and not vocabulary.count(stem)):
        # A regular derivation ("rebranding", "dinked", "faming"), unless two letters swapped or misread
        # make it a word the archive writes often ("reslut" is no "re" + "slut" where "result" is printed
        # 175 times), or the word beside it is far commoner than a stem the archive never prints: "yers" is
        # no "yer" + "s"; "bourses" stays, a plural of the "bourse" the archive writes.
        return None
    return best


# A correction the archive prints this often outweighs reading the word as a prefix or suffix on a stem,
# and so does one this many times as frequent in English as the stem.
OUTWEIGHS_A_DERIVATION = 10
OUTNUMBERS_A_STEM = 50


def _place_or_frequent_name(candidate: str, word: str, edit: str, vocabulary: Vocabulary | None) -> int:
    """Return how believable it is that a capitalised word is a misspelt place or frequent name (0: not).

    A place, country or nationality the packaged gazetteer knows ("Britian" →
    "Britain", "Auustralia" → "Australia"), or a name the archive writes far
    more often ("Mchael" → "Michael"), one slip away. A word the gazetteer
    itself knows is a place, not a slip ("Berlin" is not "Merlin"); a changed
    letter (not one lost, doubled or swapped) is believed only in a long word.
    """
    from morgue.places import place_words

    if len(word) < 6 or (edit == REPLACE and len(word) < 9):
        return 0  # "Cornwell", "Karolina": names a letter from a place, and real
    places = place_words()
    if word in places or word in place_words(major=False):
        return 0
    if candidate in places:
        return 900_000 + (vocabulary.count(candidate) if vocabulary else 0)
    if vocabulary is None:
        return 0
    twice = edit == DROP and _typed_twice(word, candidate)
    if edit == DROP and not twice and (len(word) < 7 or word == candidate + "s"):
        return 0  # "Shimon" is a name of its own, not "Simon" with a letter too many; "Lankans" a plural
    uses = vocabulary.capitalised.get(candidate, 0)
    if uses >= FREQUENT_NAME and uses >= NAME_RATIO * max(1, vocabulary.capitalised.get(word, 0)):
        return uses * 1000
    return 0


# A name the archive prints this often, and this many times more often than the word, is its spelling.
FREQUENT_NAME = 30
NAME_RATIO = 30


def _commonness(candidate: str, word: str, position: str, edit: str, lexicon: Lexicon,
                vocabulary: Vocabulary | None) -> int:
    """Return how believable a correction is (0: not believable).

    Names sit one letter apart from other names all the time (Jol/Joe,
    Berman/German, Calum/Callum), and short words from other short words
    (apps/apes, uber/user), so a capitalised word inside a sentence, and a
    word of five letters or fewer, is corrected mostly by swapping two
    neighbouring letters ("Britian" → "Britain", "teh" → "the"): the slip a
    typist or a transfer makes; ``_believable`` says which other edits are
    believed. A capitalised word opening a sentence may be a name too: it is
    corrected only to an ordinary word the archive writes in lower case, and
    by one change only when it is long (six letters or more).
    """
    if position in (CAPITALISED, SENTENCE_START) or (position == NAME_PART and (
            edit in (SWAP, OCR) or (edit == DROP and _typed_twice(word, candidate)))):
        # Beside another capital only a swap, an OCR slip or a letter typed twice ("Michaeel Ancram"):
        # names differ from names by a letter ("Cristian", "Mayland"), seldom so.
        named = _place_or_frequent_name(candidate, word, edit, vocabulary)
        if named:
            return named
    if position == NAME_PART:
        position = CAPITALISED
    if position == CAPITALISED and (len(word) < 5 or (
            vocabulary is not None and vocabulary.capitalised.get(candidate, 0) < COMMON_IN_ARCHIVE)):
        return 0  # a short name ("Taek", "Rea"), or a correction the archive never writes with a capital
    if edit != SWAP and not _believable(edit, word, position, candidate, vocabulary):
        return 0
    if edit == REPLACE and _spelt_either_way(word, candidate):
        return 0  # "securitization" beside the archive's "securitisation": a spelling, not a slip
    in_archive = vocabulary.count(candidate) if vocabulary else 0
    in_english = lexicon.frequency(candidate)
    is_name = vocabulary is not None and vocabulary.is_name(candidate)
    lower_uses = in_archive - (vocabulary.capitalised.get(candidate, 0) if vocabulary is not None else 0)
    if is_name and position != CAPITALISED and lower_uses < ORDINARY_TOO:
        # "berman" is not a misspelt "German", nor "Jole" (opening a sentence) "Joel"; but a word the
        # archive also writes often without a capital inside sentences is an ordinary word too
        # ("nations" beside "United Nations", "championship" beside "the Championship").
        return 0
    if position == SENTENCE_START and vocabulary is not None and not is_name:
        if lower_uses < COMMON_IN_ARCHIVE:
            return 0  # "Alain" is not a misspelt "again": an ordinary word must be one the archive uses
    if vocabulary is not None and in_archive >= COMMON_IN_ARCHIVE and (in_english or is_name):
        return in_archive * 1000 + min(in_english, 999)
    if in_english >= COMMON_FREQUENCY:
        return in_english // 1000 if vocabulary is not None else in_english
    if position == LOWER and len(word) >= LONG_WORD and (in_english > RARE_LIST_ENTRY or in_archive >= COMMON_IN_ARCHIVE) \
            and (edit != DROP or _typed_twice(word, candidate)) and not _compound(word, lexicon):
        # A long word has few neighbours: one edit from a real word ("unintentionsl", "clamipng",
        # "irnmunisation"), or from a word the archive writes often and no list holds ("yeearend"), it
        # is that word, however rarely English or the archive uses it —
        # unless it is two words written as one ("grassroot", "deathmatch", "centrepiece"). A letter
        # too many is believed as a letter typed twice only: "flautist" is no "flutist" misspelt.
        return 1
    return 0


def _compound(word: str, lexicon: Lexicon) -> bool:
    """Return True if the word is two words written together ("onboard", "houseware"), one of them common."""
    for i in range(2, len(word) - 1):
        first, second = lexicon.frequency(word[:i]), lexicon.frequency(word[i:])
        if min(first, second) >= _COMPOUND_PART and max(first, second) >= COMMON_FREQUENCY:
            return True
    return False


# Each half of a compound is at least this frequent in the word list ("ware" is 393; its rare entries are 50).
_COMPOUND_PART = 300


def _spelt_either_way(word: str, candidate: str) -> bool:
    """Return True if two words of one length differ only by an s for a z ("-ise"/"-ize")."""
    return {a + b for a, b in zip(word, candidate) if a != b} <= {"sz", "zs"}


def _typed_twice(word: str, candidate: str) -> bool:
    """Return True if the word is the candidate with one of its letters typed twice ("snowffalls")."""
    return any(word[i] == word[i + 1] and word[:i] + word[i + 1:] == candidate for i in range(len(word) - 1))


# The word list gives its rarest entries this frequency (and holds slips among them: "hoep").
RARE_LIST_ENTRY = 50


def _believable(edit: str, word: str, position: str, candidate: str, vocabulary: Vocabulary | None) -> bool:
    """Return True if an edit other than a swap is a believable slip for a word in this position."""
    if position == LOWER and len(word) > 5:
        return True
    if position == LOWER:
        # A short word that lost a letter ("ordr", "prces", "mony") is
        # believed only towards a word the archive uses everywhere: short
        # rare words ("leant", "fait", "masse") sit a letter from rarer ones.
        # A five-letter word with one letter changed ("loxal", "tjink") likewise.
        return (edit in (ADD, REPLACE if len(word) == 5 else ADD) and len(word) >= 4 and vocabulary is not None
                and vocabulary.article_count(candidate) >= EVERYWHERE * vocabulary.articles)
    if position == SENTENCE_START:
        return len(word) >= 6
    # A capital inside a sentence: a name, or an ordinary word in a name
    # ("Motoors Corp", "Instiitution for Savings"). Names differ from names
    # by a letter (Calum/Callum), so only a long word one letter longer or
    # shorter than an ordinary word the archive writes in lower case is
    # corrected, and never towards a name.
    if vocabulary is None or len(word) < LONG_WORD or edit not in (DROP, ADD) or vocabulary.is_name(candidate):
        return False
    if edit == DROP and candidate == word[:-1]:
        return False  # "Credito", "Publica": a name in another language, not "Credit" with a letter too many
    return vocabulary.count(candidate) - vocabulary.capitalised.get(candidate, 0) >= COMMON_IN_ARCHIVE


def _edits(word: str) -> Iterator[tuple[str, str]]:
    """Yield every string one edit from the word, with the edit that makes it (SWAP, DROP, ADD, REPLACE, OCR)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for a, b in splits:
        if len(b) > 1 and b[0] != b[1]:
            yield a + b[1] + b[0] + b[2:], SWAP
    for a, b in splits:
        if b:
            yield a + b[1:], DROP
            for c in _LETTERS:
                if c != b[0]:
                    yield a + c + b[1:], REPLACE
        for c in _LETTERS:
            yield a + c + b, ADD
    for wrong, right in _OCR:
        at = word.find(wrong)
        while at >= 0:  # every place the group occurs: "tournarnent" has its "rn" second
            yield word[:at] + right + word[at + len(wrong):], OCR
            at = word.find(wrong, at + 1)
