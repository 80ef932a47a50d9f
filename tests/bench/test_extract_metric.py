"""The benchmark's 4-gram shingle metric, on tiny hand-made texts."""

import pytest

from bench.extract_metric import score_corpus, score_page, shingles, split_of, tokenize


def test_tokens_keep_case_and_drop_punctuation():
    assert tokenize("The U.S. isn't café-free.") == ["The", "U", "S", "isn", "t", "café", "free"]


def test_short_texts_make_one_short_shingle_and_empty_texts_none():
    assert shingles("one two") == {("one", "two"): 1}
    assert shingles("  ... ") == {}
    assert sum(shingles("a b c d e f").values()) == 3


def test_page_counts_repeated_shingles():
    # truth has "a b c d" twice; the prediction once plus a stray gram.
    page = score_page("a b c d a b c d", "a b c d x")
    assert (page.tp, page.fp, page.fn) == (1, 1, 4)
    assert page.precision == pytest.approx(0.5)
    assert page.recall == pytest.approx(1 / 5)


def test_exact_and_empty_pages():
    assert score_page("a b c d e", "a b c d e").f1 == 1.0
    empty = score_page("a b c d e", "")
    assert empty.empty_prediction and (empty.precision, empty.recall) == (0.0, 0.0)
    both_empty = score_page("", "")
    assert (both_empty.precision, both_empty.recall) == (1.0, 1.0)


def test_an_empty_prediction_lowers_recall_but_not_precision():
    perfect = score_page("a b c d e", "a b c d e")
    half = score_page("a b c d e", "a b c d e z y x w")  # 2 right of 6 predicted, all 2 true found
    empty = score_page("a b c d e", "")
    corpus = score_corpus([perfect, half, empty])
    assert corpus.precision == pytest.approx((1 + 2 / 6) / 2)  # the empty page is left out
    assert corpus.recall == pytest.approx((1 + 1 + 0) / 3)
    p, r = corpus.precision, corpus.recall
    assert corpus.f1 == pytest.approx(2 * p * r / (p + r))  # F1 of the means, not mean of F1s
    assert corpus.empty == 1


def test_split_is_by_site_and_stable():
    assert split_of("https://www.example.com/a") == split_of("http://example.com/b?c=1")
    halves = {split_of(f"https://site{i}.example/") for i in range(20)}
    assert halves == {"tune", "holdout"}
    assert split_of("https://www.bbc.com/news/x") == split_of("https://bbc.com/")
