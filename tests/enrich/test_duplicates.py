"""Same-story clusters: reprints fold with their relation, different stories stay apart, new articles join."""

from datetime import date

import numpy as np

from morgue.enrich.duplicates import (EDITED, IDENTICAL, UPDATE, DuplicateIndex, StoryVersion, canonical_of, cluster_texts,
                                      components, describe_cluster, exact_key, relate)

from .conftest import text_of


def _truth(stories):
    root = {}
    for number, _, original, _ in stories:
        root[number] = root[original] if original else number
    return [root[number] for number, *_ in stories]


def _pairs(labels):
    groups = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, []).append(i)
    return {(a, b) for members in groups.values() for i, a in enumerate(members) for b in members[i + 1:]}


def test_reprints_fold_with_their_originals_and_nothing_else(stories):
    labels = cluster_texts([text_of(s) for _, s, _, _ in stories])
    found, truth = _pairs(labels), _pairs(_truth(stories))
    assert len(truth) >= 20
    assert found == truth


def test_an_article_added_later_joins_its_original_without_reclustering(stories, tmp_path):
    originals = [(n, s) for n, s, o, _ in stories if o is None]
    reprints = [(n, s, o) for n, s, o, _ in stories if o is not None]
    index = DuplicateIndex()
    assert len(index.add([n for n, _ in originals], [text_of(s) for _, s in originals])) == 0
    index.save(tmp_path / "index.npz")
    again = DuplicateIndex.load(tmp_path / "index.npz")
    pairs = again.add([n for n, _, _ in reprints], [text_of(s) for _, s, _ in reprints])
    joined = {tuple(sorted(p)) for p in pairs.tolist()}
    for number, _, original in reprints:
        assert any(number in p for p in joined)
    # Each reprint's pairs lead back to its own original (directly or through another reprint of it).
    by_number = dict((n, o) for n, _, o in reprints)
    for a, b in joined:
        assert by_number.get(a, a) == by_number.get(b, b) or a in by_number or b in by_number


def test_exact_duplicates_fold_whatever_their_case_and_spacing():
    a = "Council approves new bridge. The vote was 7 to 2."
    b = "COUNCIL   approves new bridge —  the vote was 7 to 2!"
    assert exact_key(a) == exact_key(b)
    labels = cluster_texts([a, b, "Mill fire closes the high street for a day."])
    assert labels[0] == labels[1] != labels[2]


def test_empty_articles_are_not_one_story():
    assert len(set(cluster_texts(["", "", "   "]))) == 3


def test_relations_and_the_canonical_member():
    body = ("The council approved the bridge on Monday.", "Work starts in spring and will take two years.")
    first = StoryVersion(1, "Bridge approved", body, date(2004, 3, 1))
    same = StoryVersion(2, "Bridge approved", body, None)
    later = StoryVersion(3, "Bridge approved", body + ("Objectors said they would appeal.",), date(2004, 3, 2))
    edited = StoryVersion(4, "Council approves the bridge", body, date(2004, 3, 1))
    assert canonical_of([later, same, first, edited]).key == 1  # the earliest dated (the lower id on a tie)
    assert relate(first, same).relation == IDENTICAL
    update = relate(first, later)
    assert update.relation == UPDATE and update.words_changed == 5
    assert relate(first, edited).relation == EDITED
    assert canonical_of([same, StoryVersion(5, "x", body[:1], None)]).key == 2  # undated: the longest
    members = describe_cluster([first, later, edited], canonical_key=3)
    assert members[0].key == 3 and members[0].relation == "canonical"


def test_components_of_pairs():
    labels = components(5, np.array([[0, 1], [1, 2], [3, 4]]))
    assert labels[0] == labels[1] == labels[2] != labels[3] == labels[4]
