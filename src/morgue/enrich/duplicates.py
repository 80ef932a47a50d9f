"""The same story told more than once: exact and near-duplicate articles folded into clusters.

1. Exact duplicates by normalised text — the words, case and punctuation
   aside — always fold.
2. Near-duplicates by MinHash with LSH banding: an article's signature is
   cut into bands; two articles that agree on a whole band are candidates,
   and a candidate pair is kept when the signatures estimate a Jaccard
   similarity of word shingles of at least ``SAME_STORY_FROM``. All pairs
   are never compared: a band's equal keys are found by sorting, and a
   bucket is linked as a star (each member to its first), so the work
   grows with the archive, not its square.
3. Clusters are the connected pieces of the kept pairs. Each has a
   canonical member (the earliest dated, else the longest) and every other
   member its relation to it: identical text, the same story edited (with
   the words changed), or an update (the same story, dated later).

``DuplicateIndex`` keeps the signatures and band keys, so new articles
join the clusters without re-clustering the archive.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from morgue.enrich.minhash import EMPTY, PERMUTATIONS, estimated_jaccard, signatures, words_of

BANDS = 32
ROWS = PERMUTATIONS // BANDS  # 4: a pair at Jaccard 0.6 shares a band with probability 0.99
# Estimated word-5-shingle Jaccard from which two articles are the same story.
SAME_STORY_FROM = 0.6
VERIFY_BLOCK = 100_000  # candidate pairs checked at once (2 × 100k × 512 bytes of signatures)
IDENTICAL, EDITED, UPDATE = "identical", "edited", "update"
RELATIONS = {IDENTICAL: "identical text", EDITED: "same story, edited", UPDATE: "update"}
_BAND_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93], dtype=np.uint64)


def exact_key(text: str) -> str:
    """Return the key two texts share when their words are the same (case, spacing and punctuation aside)."""
    return hashlib.blake2b(" ".join(words_of(text)).encode(), digest_size=12).hexdigest()


def sign_texts(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Return the MinHash signatures and the exact keys of the texts (what the index keeps of each)."""
    return signatures(texts), np.array([exact_key(t) for t in texts], dtype="S24")


def band_keys(sigs: np.ndarray) -> np.ndarray:
    """Return one 64-bit key per band of each signature: an (articles × BANDS) array."""
    bands = sigs.reshape(len(sigs), BANDS, ROWS)
    keys = np.zeros((len(sigs), BANDS), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for row in range(ROWS):  # a row at a time: a million articles' bands at once would need a gigabyte each
            keys += bands[:, :, row].astype(np.uint64) * _BAND_MIX[row]
        keys ^= keys >> np.uint64(31)
    # An empty article's bands would all match every other empty article's: give each its own key.
    empty = (sigs == EMPTY).all(axis=1)
    keys[empty] = np.arange(int(empty.sum()), dtype=np.uint64)[:, None] * np.uint64(2654435761) + np.uint64(1 << 63)
    return keys


def star_pairs(keys: np.ndarray) -> np.ndarray:
    """Return (i, j) pairs linking each article to the first article of every band bucket it shares."""
    found = []
    for band in range(keys.shape[1]):
        column = keys[:, band]
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        starts = np.r_[True, ordered[1:] != ordered[:-1]]
        head = order[np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))]
        linked = head != order
        found.append(np.stack([head[linked], order[linked]], axis=1))
    pairs = np.concatenate(found) if found else np.zeros((0, 2), dtype=np.int64)
    return np.unique(np.sort(pairs, axis=1), axis=0) if len(pairs) else pairs


def components(n: int, pairs: np.ndarray) -> np.ndarray:
    """Return a cluster label per article: the connected pieces of the pairs."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if len(pairs) == 0:
        return np.arange(n)
    graph = coo_matrix((np.ones(len(pairs), dtype=np.int8), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    return connected_components(graph, directed=False)[1]


@dataclass(frozen=True)
class StoryVersion:
    """What the relation of two versions needs: the text, the date, the article's key."""

    key: int
    headline: str
    body: tuple[str, ...]
    published: date | None


@dataclass(frozen=True)
class Member:
    """One article of a cluster and how it relates to the canonical member."""

    key: int
    relation: str  # "canonical", identical, edited, update
    words_changed: int = 0


def canonical_of(versions: Sequence[StoryVersion]) -> StoryVersion:
    """Return the version readers are sent to: the earliest dated, else the longest, else the first."""
    return min(versions, key=lambda v: (v.published is None, v.published or date.max,
                                        -len(words_of(" ".join(v.body))), v.key))


def relate(canonical: StoryVersion, version: StoryVersion) -> Member:
    """Return how ``version`` relates to the cluster's canonical member."""
    a, b = _words(canonical), _words(version)
    if a == b:
        return Member(version.key, IDENTICAL)
    changed = words_changed(a, b)
    if version.published and canonical.published and version.published > canonical.published:
        return Member(version.key, UPDATE, changed)
    return Member(version.key, EDITED, changed)


def describe_cluster(versions: Sequence[StoryVersion], canonical_key: int | None = None) -> list[Member]:
    """Return the members of one cluster, the canonical first (an editor's choice wins when given)."""
    chosen = next((v for v in versions if v.key == canonical_key), None) or canonical_of(versions)
    return [Member(chosen.key, "canonical")] + [relate(chosen, v) for v in versions if v.key != chosen.key]


def words_changed(a: list[str], b: list[str]) -> int:
    """Return how many words were inserted, deleted or replaced between two word lists."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def _words(version: StoryVersion) -> list[str]:
    return words_of("\n".join([version.headline, *version.body]))


class DuplicateIndex:
    """Signatures and exact keys of every article clustered so far; new articles join without re-clustering.

    ``add`` returns the same-story pairs the new articles make (with each
    other and with the articles already in), as pairs of article keys.
    """

    def __init__(self):
        self.keys = np.zeros(0, dtype=np.int64)  # article keys (ids), in the order added
        self.signatures = np.zeros((0, PERMUTATIONS), dtype=np.uint32)
        self.exact = np.zeros(0, dtype="S24")
        self.bands = np.zeros((0, BANDS), dtype=np.uint64)
        self.revisions = np.zeros(0, dtype=np.int64)  # the revision of each article that was signed

    def __len__(self) -> int:
        return len(self.keys)

    def add(self, keys: Sequence[int], texts: Sequence[str], revisions: Sequence[int] | None = None) -> np.ndarray:
        """Add articles; return the (key, key) pairs of the same story they form, old and new."""
        return self.add_signed(keys, *sign_texts(texts), revisions=revisions)

    def add_signed(self, keys: Sequence[int], sigs: np.ndarray, exact: np.ndarray,
                   revisions: Sequence[int] | None = None) -> np.ndarray:
        """Add articles already signed by ``sign_texts`` (in worker processes, say); return their pairs."""
        keys = np.asarray(keys, dtype=np.int64)
        if len(keys) == 0:
            return np.zeros((0, 2), dtype=np.int64)
        revisions = np.zeros(len(keys), dtype=np.int64) if revisions is None else np.asarray(revisions, dtype=np.int64)
        bands = band_keys(sigs)
        offset = len(self.keys)
        pairs = [self._pairs_within(sigs, exact, bands) + offset]
        if offset:
            pairs.append(self._pairs_with_old(sigs, exact, bands, offset))
        if offset:
            self.keys = np.concatenate([self.keys, keys])
            self.signatures = np.concatenate([self.signatures, sigs])
            self.exact = np.concatenate([self.exact, exact])
            self.bands = np.concatenate([self.bands, bands])
            self.revisions = np.concatenate([self.revisions, revisions])
        else:  # the first batch: no copies (a million signatures are half a gigabyte)
            self.keys, self.signatures, self.exact, self.bands, self.revisions = keys, sigs, exact, bands, revisions
        found = np.concatenate(pairs)
        return self.keys[found] if len(found) else np.zeros((0, 2), dtype=np.int64)

    def remove(self, keys: Sequence[int]) -> None:
        """Forget articles (withdrawn, or revised and to be signed again)."""
        if len(keys) == 0 or len(self.keys) == 0:
            return
        keep = ~np.isin(self.keys, np.asarray(keys, dtype=np.int64))
        self.keys, self.signatures, self.exact = self.keys[keep], self.signatures[keep], self.exact[keep]
        self.bands, self.revisions = self.bands[keep], self.revisions[keep]

    def _pairs_within(self, sigs, exact, bands) -> np.ndarray:
        candidates = np.concatenate([star_pairs(bands), star_pairs(_exact_bands(exact))])
        return _kept(candidates, sigs, sigs, exact, exact)

    def _pairs_with_old(self, sigs, exact, bands, offset) -> np.ndarray:
        """Pairs (old position, new position) found by looking each new band key up among the old ones."""
        found = []
        for band in range(BANDS):
            found.append(_lookup(self.bands[:, band], bands[:, band]))
        found.append(_lookup(_as_u64(self.exact), _as_u64(exact)))
        candidates = np.unique(np.concatenate(found), axis=0)
        if len(candidates) == 0:
            return np.zeros((0, 2), dtype=np.int64)
        kept = _kept(candidates, self.signatures, sigs, self.exact, exact)
        return np.stack([kept[:, 0], kept[:, 1] + offset], axis=1)

    def save(self, path: Path) -> None:
        """Write the index to ``path`` (an .npz file), atomically."""
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        with open(partial, "wb") as handle:
            np.savez(handle, keys=self.keys, signatures=self.signatures, exact=self.exact, bands=self.bands,
                     revisions=self.revisions)
        partial.replace(path)

    @classmethod
    def load(cls, path: Path) -> DuplicateIndex:
        """Read an index written by ``save``; a missing file is an empty index."""
        index = cls()
        if path.exists():
            with np.load(path) as data:
                index.keys, index.signatures = data["keys"], data["signatures"]
                index.exact, index.bands = data["exact"], data["bands"]
                index.revisions = data["revisions"] if "revisions" in data else np.zeros(len(index.keys), dtype=np.int64)
        return index


def _exact_bands(exact: np.ndarray) -> np.ndarray:
    return _as_u64(exact)[:, None]


def _as_u64(exact: np.ndarray) -> np.ndarray:
    """Return the first 8 bytes of each exact key as a number (enough to find candidates; equality is checked in full)."""
    return np.frombuffer(np.ascontiguousarray(exact, dtype="S24").tobytes(), dtype=np.uint64).reshape(-1, 3)[:, 0].copy()


def _lookup(old: np.ndarray, new: np.ndarray) -> np.ndarray:
    """Return (old position, new position) for each new key found among the old keys (the first old one)."""
    order = np.argsort(old, kind="stable")
    ordered = old[order]
    at = np.searchsorted(ordered, new)
    hit = at < len(ordered)
    hit[hit] = ordered[at[hit]] == new[hit]
    return np.stack([order[at[hit]], np.flatnonzero(hit)], axis=1)


def _kept(candidates: np.ndarray, sigs_a, sigs_b, exact_a, exact_b) -> np.ndarray:
    if len(candidates) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    candidates = np.unique(candidates, axis=0)
    keep = np.zeros(len(candidates), dtype=bool)
    for start in range(0, len(candidates), VERIFY_BLOCK):  # bounded memory however many candidates LSH proposes
        i, j = candidates[start:start + VERIFY_BLOCK, 0], candidates[start:start + VERIFY_BLOCK, 1]
        same = (exact_a[i] == exact_b[j]) | (estimated_jaccard(sigs_a[i], sigs_b[j]) >= SAME_STORY_FROM)
        # Two articles without a word are not the same story (their keys and signatures are merely both empty).
        keep[start:start + VERIFY_BLOCK] = same & (sigs_a[i, 0] != EMPTY) & (sigs_b[j, 0] != EMPTY)
    return candidates[keep]


def cluster_texts(texts: Sequence[str]) -> np.ndarray:
    """Return a cluster label per text (equal labels: the same story), clustering them from scratch."""
    index = DuplicateIndex()
    pairs = index.add(np.arange(len(texts)), texts)
    return components(len(texts), pairs)
