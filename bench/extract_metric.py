"""The article-body metric of scrapinghub's article-extraction-benchmark, and the dev set's split.

Written from the description (and checked against the behaviour) of
``/work/shared/tools/extract_score.py``, which matches upstream
``evaluate.py``; ``bench/extraction.py`` runs both and fails if they differ.

- Tokens are ``\\w+`` runs (Unicode, case kept, punctuation dropped).
- Shingles are the overlapping 4-grams of tokens, as a multiset; a text of
  1-3 tokens is one shorter shingle, an empty text has none.
- Per page: tp = shared shingles, fp = predicted only, fn = truth only
  (counting repeats). Page precision is tp / (tp + fp), recall tp / (tp + fn);
  both are 1.0 when fp == fn == 0, and 0.0 when the side they divide by is empty.
- Corpus precision is the mean page precision over pages whose prediction
  has shingles; corpus recall the mean page recall over pages whose truth has
  shingles. The quirk: an EMPTY prediction is left out of the precision mean
  (it only lowers recall), so an extractor that gives up on hard pages keeps
  a high precision. Corpus F1 is the harmonic mean of the corpus precision
  and recall, not the mean of page F1s.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

_WORD = re.compile(r"\w+")
SHINGLE = 4


def tokenize(text: str | None) -> list[str]:
    """Return the word tokens of a text (``\\w+`` runs, case kept)."""
    return _WORD.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE) -> Counter:
    """Return the multiset of n-grams of the text's tokens (one short gram if fewer than n tokens)."""
    tokens = tokenize(text)
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class PageScore:
    """The shingle counts of one predicted page against its truth, and the scores they give."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def empty_prediction(self) -> bool:
        return self.tp + self.fp == 0


def score_page(truth: str | None, prediction: str | None) -> PageScore:
    """Return the shingle counts of a prediction against the truth of one page."""
    want, got = shingles(truth), shingles(prediction)
    tp = sum((want & got).values())
    return PageScore(tp=tp, fp=sum(got.values()) - tp, fn=sum(want.values()) - tp)


@dataclass(frozen=True)
class CorpusScore:
    """Macro-averaged precision, recall and F1 over pages, with the upstream quirk."""

    precision: float
    recall: float
    f1: float
    pages: int
    empty: int  # predictions with no token (left out of the precision mean)


def score_corpus(pages: list[PageScore]) -> CorpusScore:
    """Return the corpus scores of a list of page scores (see the module docstring)."""
    precisions = [p.precision for p in pages if p.tp + p.fp > 0]
    recalls = [p.recall for p in pages if p.tp + p.fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return CorpusScore(precision, recall, f1, len(pages), sum(p.empty_prediction for p in pages))


def site_of(url: str) -> str:
    """Return a page's site: its URL host, lower-cased, without a leading "www."."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def split_of(url: str) -> str:
    """Return "tune" or "holdout" for a page, by a hash of its site.

    Every page of a site falls in the same half, so rules tuned on one site's
    chrome cannot leak into the holdout figure. SHA-256 rather than hash():
    Python salts str hashes per process, and the split must never move.
    """
    digest = hashlib.sha256(site_of(url).encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "holdout"
