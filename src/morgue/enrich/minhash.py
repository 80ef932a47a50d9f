"""MinHash signatures of word shingles, computed in numpy over many articles at once.

Why our own and not datasketch's ``MinHash``: datasketch hashes each
shingle with SHA-1 in a Python loop, which is ~100 µs an article; here
every step runs over whole arrays — words hashed column by column, five
word hashes combined into a shingle hash, 128 universal hashes applied and
reduced per article with ``minimum.reduceat`` — so a million articles sign
in minutes on two cores. bench/duplicates.py measures both, and checks
that the two estimate the same Jaccard similarity.

The hashes are fixed (seeded constants), so signatures computed in
different runs, processes or machines compare.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

SHINGLE_WORDS = 5
PERMUTATIONS = 128
WORD = re.compile(r"\w+")
# Characters of a word that enter its hash; longer words are told apart by their first 24.
WORD_CHARS = 24
# Shingles hashed per numpy block (bounds memory: block × permutations × 8 bytes per step).
BLOCK = 1 << 16
EMPTY = np.uint32(0xFFFFFFFF)  # the signature of an article with no words

_rng = np.random.default_rng(20_240_601)
# Universal hashing h(x) = (a·x + b) >> 32 over 64-bit words, one (a, b) per permutation; a odd.
_A = (_rng.integers(1, 2**63, PERMUTATIONS, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_B = _rng.integers(0, 2**63, PERMUTATIONS, dtype=np.uint64)
# Multipliers that mix a word's characters and a shingle's words into 64 bits.
_CHAR_MIX = (_rng.integers(1, 2**63, WORD_CHARS, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_WORD_MIX = (_rng.integers(1, 2**63, SHINGLE_WORDS, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)


def words_of(text: str) -> list[str]:
    """Return the text's words, folded to lower case (punctuation and spacing do not count)."""
    return WORD.findall(text.lower())


def word_hashes(words: Sequence[str]) -> np.ndarray:
    """Return a 64-bit hash of each word, computed over the whole list at once."""
    if not len(words):
        return np.zeros(0, dtype=np.uint64)
    codes = np.array(words, dtype=f"<U{WORD_CHARS}").view(np.uint32).reshape(len(words), WORD_CHARS)
    hashes = np.zeros(len(words), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in range(WORD_CHARS):
            hashes = (hashes ^ codes[:, column].astype(np.uint64)) * _CHAR_MIX[column]
            hashes ^= hashes >> np.uint64(29)
    return hashes


def shingle_hashes(hashes: np.ndarray, owner: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the hashes of every run of SHINGLE_WORDS words that stays inside one article, and their owners.

    ``hashes`` are the word hashes of many articles end to end; ``owner[i]`` is the article of word i.
    An article shorter than a shingle gets one shingle of all its words.
    """
    n = len(hashes)
    k = SHINGLE_WORDS
    if n == 0:
        return hashes, owner
    with np.errstate(over="ignore"):
        if n >= k:
            combined = np.zeros(n - k + 1, dtype=np.uint64)
            for j in range(k):
                combined += hashes[j:n - k + 1 + j] * _WORD_MIX[j]
            inside = owner[:n - k + 1] == owner[k - 1:]
            shingles, owners = combined[inside], owner[:n - k + 1][inside]
        else:
            shingles, owners = np.zeros(0, dtype=np.uint64), owner[:0]
        # Articles with fewer words than a shingle: one shingle of all their words.
        short = np.setdiff1d(np.unique(owner), owners, assume_unique=False)
        if len(short):
            weights = _WORD_MIX[np.minimum(np.arange(n) - np.searchsorted(owner, owner), k - 1)]
            sums = np.zeros(int(owner.max()) + 1, dtype=np.uint64)
            np.add.at(sums, owner, hashes * weights)
            shingles = np.concatenate([shingles, sums[short]])
            owners = np.concatenate([owners, short])
            order = np.argsort(owners, kind="stable")
            shingles, owners = shingles[order], owners[order]
    return shingles, owners


def signatures(texts: Sequence[str]) -> np.ndarray:
    """Return the MinHash signature of each text: an (articles × PERMUTATIONS) array of uint32."""
    words: list[str] = []
    owner_parts = []
    for i, text in enumerate(texts):
        found = words_of(text)
        words.extend(found)
        owner_parts.append(np.full(len(found), i, dtype=np.int64))
    result = np.full((len(texts), PERMUTATIONS), EMPTY, dtype=np.uint32)
    if not words:
        return result
    owner = np.concatenate(owner_parts)
    shingles, owners = shingle_hashes(word_hashes(words), owner)
    for start in range(0, len(shingles), BLOCK):
        block, block_owners = shingles[start:start + BLOCK], owners[start:start + BLOCK]
        # Articles whose shingles start in this block (an article may span two blocks: min of both).
        starts = np.flatnonzero(np.r_[True, block_owners[1:] != block_owners[:-1]])
        ids = block_owners[starts]
        with np.errstate(over="ignore"):
            hashed = ((block[None, :] * _A[:, None] + _B[:, None]) >> np.uint64(32)).astype(np.uint32)
        mins = np.minimum.reduceat(hashed, starts, axis=1).T
        result[ids] = np.minimum(result[ids], mins)
    return result


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return the Jaccard similarity the signatures estimate: row by row for two equal-shaped arrays."""
    return (a == b).mean(axis=-1)


def shingle_set(text: str) -> set[int]:
    """Return the exact set of shingle hashes of one text (for checking a pair, not for clustering)."""
    words = words_of(text)
    if not words:
        return set()
    shingles, _ = shingle_hashes(word_hashes(words), np.zeros(len(words), dtype=np.int64))
    return set(shingles.tolist())


def jaccard(a: set, b: set) -> float:
    """Return |a ∩ b| / |a ∪ b| (1.0 for two empty sets)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)
