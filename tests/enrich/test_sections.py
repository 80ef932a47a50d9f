"""Sections learned from the archive: predicted well, mis-filings found out of fold, two names of one desk told apart."""

import random

import pytest

from morgue.enrich.mapping import confused_sections
from morgue.enrich.sections import find_misfilings, flag_misfilings, out_of_fold, train_sections

from .conftest import text_of


def _labelled(stories):
    return [text_of(s) for _, s, _, _ in stories], [s.section for _, s, _, _ in stories]


def test_held_out_articles_are_filed_in_their_sections(stories):
    texts, labels = _labelled(stories)
    model = train_sections(texts[:300], labels[:300])
    guesses = model.predict(texts[300:])
    accuracy = sum(g.section == s for g, s in zip(guesses, labels[300:], strict=True)) / len(guesses)
    assert accuracy >= 0.8
    assert all(0 <= g.confidence <= 1 for g in guesses)
    # Confident guesses are more often right than unsure ones (the confidence means something).
    sure = [g.section == s for g, s in zip(guesses, labels[300:], strict=True) if g.confidence >= 0.8]
    assert sure and sum(sure) / len(sure) >= accuracy


def test_flipped_labels_are_found_as_mis_filings(stories):
    texts, labels = _labelled(stories)
    rng = random.Random(3)
    sections = sorted(set(labels))
    flipped = set(rng.sample(range(len(labels)), 16))
    given = [rng.choice([s for s in sections if s != label]) if i in flipped else label for i, label in enumerate(labels)]
    found = find_misfilings(texts, given)
    hits = {m.index for m in found} & flipped
    assert len(hits) / len(flipped) >= 0.75
    assert len(hits) / max(len(found), 1) >= 0.6
    for m in found:
        assert m.suggested != m.given and m.given_confidence < m.confidence


def test_two_names_of_one_desk_are_a_mapping_not_mis_filings(stories):
    texts, labels = _labelled(stories)
    # An older system called "sport" "Athletics" in a third of the articles.
    renamed = [("Athletics" if label == "sport" and i % 3 == 0 else label) for i, label in enumerate(labels)]
    probabilities, sections, index = out_of_fold(texts, renamed)
    aliases = confused_sections(probabilities, sections, index, renamed)
    assert any({a.source, a.target} == {"Athletics", "sport"} for a in aliases)
    pairs = {(a.source, a.target) for a in aliases}
    flagged = flag_misfilings(probabilities, sections, index, renamed, aliases=pairs)
    assert not any({m.given, m.suggested} == {"Athletics", "sport"} for m in flagged)


def test_too_few_sections_to_learn_is_a_clear_error():
    with pytest.raises(ValueError, match="at least two sections"):
        train_sections(["a text"] * 10, ["News"] * 9 + ["Sport"])
