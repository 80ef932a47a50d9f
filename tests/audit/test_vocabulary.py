"""The vocabulary's counts add and subtract exactly, so a kept vocabulary can be updated."""

from morgue.audit import Vocabulary

A = ["Talks in Dushanbe", "Peskov said the talks in Dushanbe went well. Britain agreed."]
B = ["Prices rose", "The Bank of England said prices rose, and Peskov disagreed."]
C = ["A new headline", "Peskov spoke again; nothing else is shared with the others."]


def test_forgetting_an_article_leaves_the_counts_of_the_others():
    vocabulary = Vocabulary.from_texts([A, B])
    vocabulary.forget(A)
    vocabulary.learn(C)
    assert vocabulary.to_dict() == Vocabulary.from_texts([B, C]).to_dict()
    assert vocabulary.count("dushanbe") == 0 and "dushanbe" not in vocabulary.words
    assert vocabulary.article_count("peskov") == 2 and vocabulary.articles == 2


def test_text_that_is_not_a_string_teaches_nothing():
    assert Vocabulary.from_texts([[*A, 42, None]]).to_dict() == Vocabulary.from_texts([A]).to_dict()
