"""Topics, several per article and finer than sections, learned from the archive's own tags.

One linear model per topic (one-vs-rest), on the same word features as the
sections. A topic is given to an article when its model says yes; an
article for which no model says yes gets the single most likely topic only
when that model is close to yes, so a story about nothing the archive tags
is left without topics rather than given a wrong one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from morgue.enrich.sections import _vectoriser

MIN_TOPIC_SIZE = 3  # tagged articles a topic needs before it is learned
NEAR_YES = -0.3  # a decision value this close to yes still gives an untagged article its best topic


@dataclass
class TopicModel:
    """Trained topic models: the features, one classifier per topic, the topics."""

    vectoriser: object
    classifier: object
    binariser: object
    trained_on: int

    @property
    def topics(self) -> list[str]:
        return list(self.binariser.classes_)

    def predict(self, texts: Sequence[str]) -> list[list[str]]:
        """Return each text's topics, most likely first."""
        if not texts:
            return []
        scores = self.classifier.decision_function(self.vectoriser.transform(list(texts)))
        scores = scores.reshape(len(texts), -1)
        topics = self.topics
        found = []
        for row in scores:
            order = np.argsort(-row)
            chosen = [topics[j] for j in order if row[j] > 0]
            if not chosen and row[order[0]] > NEAR_YES:
                chosen = [topics[order[0]]]
            found.append(chosen)
        return found


def train_topics(texts: Sequence[str], tags: Sequence[Sequence[str]]) -> TopicModel:
    """Return topic models trained on the tagged texts (untagged texts are left out).

    Raises ValueError when fewer than two topics have enough tagged articles.
    """
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer
    from sklearn.svm import LinearSVC

    counts = Counter(t for article_tags in tags for t in set(article_tags))
    keep = {t for t, n in counts.items() if n >= MIN_TOPIC_SIZE}
    pairs = [(text, sorted(set(article_tags) & keep)) for text, article_tags in zip(texts, tags, strict=True)]
    pairs = [(text, chosen) for text, chosen in pairs if chosen]
    if len(keep) < 2:
        raise ValueError(f"at least two topics with {MIN_TOPIC_SIZE} or more tagged articles are needed to learn topics")
    binariser = MultiLabelBinarizer(classes=sorted(keep))
    y = binariser.fit_transform([chosen for _, chosen in pairs])
    vectoriser = _vectoriser()
    features = vectoriser.fit_transform([text for text, _ in pairs])
    classifier = OneVsRestClassifier(LinearSVC(C=0.5)).fit(features, y)
    return TopicModel(vectoriser, classifier, binariser, len(pairs))
