"""Sections learned from the archive itself: predict an article's section, find the mis-filed ones.

The model is the measured baseline of the field, made a little sturdier:
word TF-IDF (sublinear, English stop words dropped) read by two linear
models whose probabilities are averaged — a logistic regression and a
linear SVM calibrated by Platt scaling on internal folds. bench/sections.py
measures it beside plain TF-IDF + logistic regression (the corpus README's
reference) on the same held-out fifths.

A mis-filing is an article whose given section the model, trained on the
*other* folds (so never on the label it judges), gives a probability below
``MISFILED_BELOW``. Folds keep a same-story cluster together: otherwise a
reprint filed correctly in the training folds would vouch for its own
mis-filed copy, and a mis-filed copy would teach the model its wrong desk.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# An article is flagged when the model, trained without its label, gives its given section less than this.
# Chosen on BBC dev fifths (bench/sections.py); the flags' precision and recall are measured there.
MISFILED_BELOW = 0.15
# A section with fewer labelled articles than this is not learned (a desk of two articles teaches nothing).
MIN_SECTION_SIZE = 5
FOLDS = 5
# Out-of-fold probabilities are averaged over this many different fold draws (steadier flags), on small archives.
REPEATS_UP_TO = 20_000  # labelled articles; larger archives draw the folds once


@dataclass(frozen=True)
class SectionGuess:
    """The section the model predicts for one article, and how sure it is (a probability, 0–1)."""

    section: str
    confidence: float


@dataclass(frozen=True)
class Misfiling:
    """An article whose given section the model confidently contradicts."""

    index: int  # position in the texts given
    given: str
    given_confidence: float
    suggested: str
    confidence: float


@dataclass
class SectionModel:
    """A trained section classifier: the features, the two models and the sections they know."""

    vectoriser: object
    models: list
    sections: list[str]
    trained_on: int  # labelled articles

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Return one row per text of probabilities over ``sections``."""
        features = self.vectoriser.transform(list(texts))
        return sum(model.predict_proba(features) for model in self.models) / len(self.models)

    def predict(self, texts: Sequence[str]) -> list[SectionGuess]:
        """Return the predicted section of each text with its probability."""
        if not texts:
            return []
        probabilities = self.probabilities(texts)
        best = probabilities.argmax(axis=1)
        return [SectionGuess(self.sections[b], float(probabilities[i, b])) for i, b in enumerate(best)]


def learnable(labels: Sequence[str]) -> set[str]:
    """Return the sections with enough labelled articles to learn."""
    counts = Counter(label for label in labels if label)
    return {label for label, n in counts.items() if n >= MIN_SECTION_SIZE}


def train_sections(texts: Sequence[str], labels: Sequence[str]) -> SectionModel:
    """Return a model trained on the labelled texts (empty labels and too-small sections left out).

    Raises ValueError when fewer than two sections can be learned.
    """
    keep = learnable(labels)
    pairs = [(t, s) for t, s in zip(texts, labels, strict=True) if s in keep]
    if len(keep) < 2:
        raise ValueError(f"at least two sections of {MIN_SECTION_SIZE} or more labelled articles are needed to learn sections")
    vectoriser = _vectoriser()
    features = vectoriser.fit_transform([t for t, _ in pairs])
    y = np.array([s for _, s in pairs])
    models = _fit(features, y)
    return SectionModel(vectoriser, models, list(models[0].classes_), len(pairs))


def find_misfilings(texts: Sequence[str], labels: Sequence[str], groups: Sequence | None = None,
                    *, below: float = MISFILED_BELOW, seed: int = 0) -> list[Misfiling]:
    """Return the labelled articles whose section the model, trained on the other folds, contradicts.

    ``groups`` (one key per text, e.g. the same-story cluster) keeps a group in one fold.
    Unlabelled texts and sections too small to learn are never flagged.
    """
    return flag_misfilings(*out_of_fold(texts, labels, groups, seed=seed), labels, below=below)


def flag_misfilings(probabilities: np.ndarray, sections: list[str], index: list[int], labels: Sequence[str], *,
                    below: float = MISFILED_BELOW, aliases: set[tuple[str, str]] = frozenset()) -> list[Misfiling]:
    """Return the mis-filings out-of-fold probabilities show (see ``out_of_fold``).

    A contradiction between two names of one desk (``aliases``, pairs either way round) is
    not a mis-filing: the section mapping deals with it.
    """
    position = {s: i for i, s in enumerate(sections)}
    found = []
    for row, i in enumerate(index):
        given = labels[i]
        p_given = float(probabilities[row, position[given]])
        best = int(probabilities[row].argmax())
        suggested = sections[best]
        if p_given < below and suggested != given and (given, suggested) not in aliases and (suggested, given) not in aliases:
            found.append(Misfiling(i, given, p_given, suggested, float(probabilities[row, best])))
    return found


def out_of_fold(texts: Sequence[str], labels: Sequence[str], groups: Sequence | None = None, *,
                seed: int = 0) -> tuple[np.ndarray, list[str], list[int]]:
    """Return out-of-fold probabilities for the learnable labelled texts, the sections, and the texts' positions."""
    from sklearn.model_selection import StratifiedGroupKFold

    keep = learnable(labels)
    index = [i for i, s in enumerate(labels) if s in keep]
    if len(keep) < 2:
        return np.zeros((0, 0)), sorted(keep), []
    x = np.array([texts[i] for i in index], dtype=object)
    y = np.array([labels[i] for i in index])
    g = np.array([groups[i] for i in index] if groups is not None else range(len(index)))
    sections = sorted(keep)
    probabilities = np.zeros((len(index), len(sections)))
    repeats = 3 if len(index) <= REPEATS_UP_TO else 1
    folds = min(FOLDS, min(Counter(y).values()))
    with warnings.catch_warnings():
        # A section smaller than the folds in some draw: sklearn warns, the folds are still usable.
        warnings.simplefilter("ignore", UserWarning)
        for repeat in range(repeats):
            splitter = StratifiedGroupKFold(folds, shuffle=True, random_state=seed * 101 + repeat)
            for train, test in splitter.split(x, y, g):
                vectoriser = _vectoriser()
                features = vectoriser.fit_transform(x[train])
                models = _fit(features, y[train])
                held = vectoriser.transform(x[test])
                for model in models:
                    columns = [sections.index(c) for c in model.classes_]
                    probabilities[np.ix_(test, columns)] += model.predict_proba(held) / len(models)
    return probabilities / repeats, sections, index


def _vectoriser():
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(sublinear_tf=True, min_df=2, stop_words="english", dtype=np.float32)


def _fit(features, y) -> list:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    smallest = min(Counter(y).values())
    models = [LogisticRegression(C=20, max_iter=3000).fit(features, y)]
    if smallest >= 3:
        models.append(CalibratedClassifierCV(LinearSVC(C=0.5), cv=3).fit(features, y))
    return models
