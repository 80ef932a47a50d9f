"""Section mapping: the source's section names onto the archive's, suggested from what the articles say.

Two sources often name one desk differently ("Trade and Industry" in 1970,
"Business" later; "World/Europe" in one CMS, "International" in the next).
The section model then cannot tell the two apart, and its out-of-fold
predictions show it: a large share of one section's articles is predicted
as the other — far more than the few per cent a mis-filing rate gives any
one pair. Such a pair is suggested as a mapping (the name more of its
articles leave onto the name they go to), and its contradictions are not
flagged one by one as mis-filings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# One section is another under a different name when at least this share of its articles is predicted there...
ALIAS_FROM_SHARE = 0.2
# ...and at least this many (a handful of strays is mis-filing, not a name).
ALIAS_FROM_ARTICLES = 5


@dataclass(frozen=True)
class SuggestedMapping:
    """One source section that looks like another section under a different name."""

    source: str
    target: str
    articles: int  # articles filed under the source name
    share: float  # of them the model, never trained on their labels, files under the target
    reprints: int = 0  # same stories filed under the source by one paper and the target by another


def confused_sections(probabilities: np.ndarray, sections: list[str], index: list[int],
                      labels: Sequence[str]) -> list[SuggestedMapping]:
    """Return the section pairs the out-of-fold predictions confuse too often to be mis-filings, as mappings."""
    predicted = [sections[int(row.argmax())] for row in probabilities]
    pairs = Counter((labels[i], p) for i, p in zip(index, predicted, strict=True) if labels[i] != p)
    sizes = Counter(labels[i] for i in index)
    found: dict[frozenset, SuggestedMapping] = {}
    for (source, target), n in pairs.items():
        share = n / sizes[source]
        if n >= ALIAS_FROM_ARTICLES and share >= ALIAS_FROM_SHARE:
            key = frozenset((source, target))
            if key not in found or share > found[key].share:
                found[key] = SuggestedMapping(source, target, sizes[source], share)
    return sorted(found.values(), key=lambda m: (-m.articles, m.source))
