"""MinHash signatures: the same words give the same signature, and the estimate follows the exact Jaccard."""

import numpy as np

from morgue.enrich.minhash import EMPTY, PERMUTATIONS, estimated_jaccard, jaccard, shingle_set, signatures

TEXT = ("The harbour board voted on Tuesday to close the old fish market after a survey found the roof unsafe, "
        "and traders said they would ask the council for a temporary site on the quay before the summer season.")


def test_case_spacing_and_punctuation_do_not_change_a_signature():
    a, b = signatures([TEXT, TEXT.upper().replace(",", " ;  ")])
    assert a.shape == (PERMUTATIONS,) and (a == b).all()


def test_the_estimate_follows_the_exact_jaccard_of_word_shingles():
    words = TEXT.split()
    variants = [" ".join(words[:n]) for n in (36, 30, 24, 18)] + [" ".join(words[::-1])]
    sigs = signatures([TEXT, *variants])
    for variant, sig in zip(variants, sigs[1:], strict=True):
        exact = jaccard(shingle_set(TEXT), shingle_set(variant))
        assert abs(float(estimated_jaccard(sigs[0], sig)) - exact) < 0.2
    assert estimated_jaccard(sigs[0], sigs[-1]) < 0.1  # reversed: no shingle in common


def test_short_and_empty_texts_are_signed_without_error():
    short, empty, other = signatures(["Fire at mill", "", "Flood at mill"])
    assert (empty == EMPTY).all()
    assert not (short == EMPTY).all() and not (short == other).all()


def test_many_texts_at_once_sign_as_each_alone():
    texts = [TEXT, "Fire at mill", "", TEXT[:90], TEXT[40:]]
    together = signatures(texts)
    alone = np.stack([signatures([t])[0] for t in texts])
    assert (together == alone).all()
