"""The stories themselves: varied, learnable by section, with planted near-duplicates."""

from __future__ import annotations

import itertools
import math
import random
import re
from collections import Counter, defaultdict

from morgue.demo.sites import COURIER
from morgue.demo.stories import SECTIONS, write_story


def _shingles(record: dict) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", " ".join(record["body"]).lower())
    return {tuple(words[i:i + 5]) for i in range(len(words) - 4)}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b)


def test_planted_near_duplicates_are_close_and_others_are_not(demo):
    _, truth = demo
    by_id = {r["id"]: r for r in truth}
    copies = [r for r in truth if r["near_duplicate_of"]]
    assert 5 <= len(copies) <= 30
    for copy in copies:
        original = by_id[copy["near_duplicate_of"]]
        assert original["id"] < copy["id"] and original["near_duplicate_of"] is None
        assert original["site"] != copy["site"]
        assert original["section"] == copy["section"]
        assert _jaccard(_shingles(copy), _shingles(original)) >= 0.5
    by_section = defaultdict(list)
    for record in truth:
        if not record["near_duplicate_of"]:
            by_section[record["section"]].append(_shingles(record))
    closest = max(_jaccard(a, b) for stories in by_section.values()
                  for a, b in itertools.combinations(stories[:80], 2))
    assert closest < 0.5


def test_no_story_repeats_a_paragraph_of_its_own(demo):
    _, truth = demo
    for record in truth:
        assert len(set(record["body"])) == len(record["body"])
        assert 4 <= len(record["body"]) <= 13  # a re-publication adds a credit line


def test_sections_can_be_learned_from_the_words(demo):
    # A plain naive Bayes on words must tell sections apart, or a classifier has nothing to learn.
    _, truth = demo
    def words(r): return re.findall(r"[a-z]+", (r["headline"] + " " + " ".join(r["body"])).lower())
    train, test = truth[:1000], truth[1000:]
    counts, priors = defaultdict(Counter), Counter()
    for record in train:
        priors[record["section"]] += 1
        counts[record["section"]].update(words(record))
    vocabulary = len(set().union(*counts.values()))
    totals = {s: sum(c.values()) for s, c in counts.items()}
    def score(section, tokens):
        return math.log(priors[section]) + sum(
            math.log((counts[section][w] + 1) / (totals[section] + vocabulary)) for w in tokens)
    right = sum(max(counts, key=lambda s: score(s, words(r))) == r["section"] for r in test)
    assert right / len(test) >= 0.9
    assert set(priors) == set(SECTIONS)


def test_people_and_quotes_recorded_are_in_the_text(demo):
    _, truth = demo
    quoted = 0
    for record in truth:
        text = " ".join(record["body"])
        for erratum in record["errata"]:  # the page printed a misspelt name; the truth names the person rightly
            if erratum["kind"] == "misspelt-name":
                text = text.replace(erratum["printed"], erratum["correct"])
        for quote in record["quotes"]:
            assert f"“{quote['text']}" in text
            assert quote["speaker"].split(" ", 1)[1] in text
            quoted += 1
        for person in record["people"]:
            assert person["name"].split(" ", 1)[1] in text
            if person["title"] and person["name"] in text:
                # "Mayor Alice Brandt", or a role the text gives: "The curator Dmitri Okafor", "the striker Soto".
                surname = person["name"].split(" ", 1)[1]
                assert any(f"{person['title']} {who}" in text for who in (person["name"], surname))
    assert quoted > 500


def test_a_story_is_written_again_from_its_seed():
    first = write_story(random.Random(11), "sport", COURIER.home, COURIER.staff)
    again = write_story(random.Random(11), "sport", COURIER.home, COURIER.staff)
    other = write_story(random.Random(12), "sport", COURIER.home, COURIER.staff)
    assert first == again and first != other
    assert re.search(r"\d–\d", " ".join(first.paragraphs + (first.headline,)))


def test_errata_are_printed_on_the_page_and_recorded_right(demo):
    _, truth = demo
    errata = [(r, e) for r in truth for e in r["errata"]]
    assert {e["kind"] for _, e in errata} == {"misspelt-name", "wrong-date"}
    for record, erratum in errata:
        if erratum["kind"] == "misspelt-name":
            assert erratum["printed"] in record["body"][erratum["paragraph"]] and erratum["printed"] != erratum["correct"]
            assert any(p["name"].endswith(" " + erratum["correct"]) for p in record["people"])
        else:
            assert record["published"] == erratum["printed"] != erratum["correct"]
        assert erratum["note"].startswith("An earlier version of this article")


def test_sections_are_named_as_the_paper_named_them_in_their_decade(demo):
    _, truth = demo
    names = {(r["page_section"], r["page_section_name"], int(r["published"][:4])) for r in truth if r["published"]}
    assert any(key == "culture" and name == "Arts" and 1970 <= year <= 1989 for key, name, year in names)
    assert any(key == "culture" and name == "Culture" and year >= 1990 for key, name, year in names)
    assert all(name == key.capitalize() for key, name, year in names if year >= 1995)
