"""The archive's own vocabulary: which words its articles use, how often, and how capitalised."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# Words as the spelling check sees them: letters with inner apostrophes.
WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


def opens_sentence(text: str, start: int) -> bool:
    """Return True if the word at ``start`` opens a sentence (so its capital says nothing)."""
    before = text[max(0, start - 6):start].rstrip(" \t\n\"'\u201c\u2018(")
    return not before or before[-1] in ".!?:"


class Vocabulary:
    """Word counts learned from many articles of one archive.

    A word the archive uses in several articles ("Peskov", "Dushanbe", "mln")
    is the archive's own, whatever a dictionary says. Counts are kept in lower
    case; ``capitalised`` counts the times a word was written with a capital
    *inside* a sentence, which is how names are told from ordinary words.
    Learn it over partitions and ``merge`` the parts: the counts add up.
    """

    def __init__(self) -> None:
        self.words: Counter[str] = Counter()
        self.articles_with: Counter[str] = Counter()
        self.capitalised: Counter[str] = Counter()
        self.articles = 0
        # Answers worked out from these counts (a word's likely correction), kept until the counts change.
        self.answers: dict = {}

    @classmethod
    def from_texts(cls, articles: Iterable[Iterable[str]]) -> Vocabulary:
        """Return the vocabulary of many articles, each given as its texts (headline, paragraphs)."""
        vocabulary = cls()
        for texts in articles:
            vocabulary.learn(texts)
        return vocabulary

    @classmethod
    def from_articles(cls, articles: Iterable) -> Vocabulary:
        """Return the vocabulary of many Article records (headline and body)."""
        return cls.from_texts((article.headline, *article.body) for article in articles)

    def learn(self, texts: Iterable[str]) -> None:
        """Add one article's texts to the counts."""
        words, seen, capitalised = _count(texts)
        self.words.update(words)
        self.articles_with.update(seen)
        self.capitalised.update(capitalised)
        self.articles += 1
        self.answers.clear()

    def forget(self, texts: Iterable[str]) -> None:
        """Take one article's texts, as they were learned, off the counts (an article revised or removed).

        Learning the old text, forgetting it and learning the new one gives
        the same counts as learning the new text alone: words whose count
        falls to zero are dropped, so nothing of the old text remains.
        """
        words, seen, capitalised = _count(texts)
        for counter, counts in ((self.words, words), (self.articles_with, Counter(seen)), (self.capitalised, capitalised)):
            counter.subtract(counts)
            for word in counts:
                if counter[word] <= 0:
                    del counter[word]
        self.articles -= 1
        self.answers.clear()

    def merge(self, other: Vocabulary) -> Vocabulary:
        """Return a new vocabulary holding both vocabularies' counts."""
        merged = Vocabulary()
        for name in ("words", "articles_with", "capitalised"):
            getattr(merged, name).update(getattr(self, name))
            getattr(merged, name).update(getattr(other, name))
        merged.articles = self.articles + other.articles
        return merged

    def count(self, word: str) -> int:
        """Return how many times the archive uses the word (any case)."""
        return self.words.get(word.lower(), 0)

    def article_count(self, word: str) -> int:
        """Return in how many articles the word occurs."""
        return self.articles_with.get(word.lower(), 0)

    def is_name(self, word: str) -> bool:
        """Return True if the archive mostly writes the word with a capital inside sentences."""
        lower = word.lower()
        return self.capitalised.get(lower, 0) * 2 > self.words.get(lower, 0) > 0

    def to_dict(self) -> dict:
        """Return the vocabulary as JSON-ready plain data."""
        return {
            "articles": self.articles,
            "words": dict(self.words),
            "articles_with": dict(self.articles_with),
            "capitalised": dict(self.capitalised),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Vocabulary:
        """Return the vocabulary that ``to_dict`` wrote."""
        vocabulary = cls()
        vocabulary.articles = int(data.get("articles", 0))
        vocabulary.words.update(data.get("words", {}))
        vocabulary.articles_with.update(data.get("articles_with", {}))
        vocabulary.capitalised.update(data.get("capitalised", {}))
        return vocabulary


def _count(texts: Iterable[str]) -> tuple[Counter[str], set[str], Counter[str]]:
    """Return one article's word counts, the words it uses, and those capitalised inside a sentence."""
    words: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for text in texts:
        if not isinstance(text, str):
            continue  # a damaged row (a number where a paragraph should be) teaches nothing
        for match in WORD.finditer(text):
            word = match.group()
            lower = word.lower()
            words[lower] += 1
            if word[0].isupper() and not word.isupper() and not opens_sentence(text, match.start()):
                capitalised[lower] += 1
    return words, set(words), capitalised
