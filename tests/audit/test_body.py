"""Truncation, duplicated content and chrome in the body."""

import pytest

from morgue.audit import find_defects

from .helpers import article, of_kind, span

FULL = "The talks in Dushanbe ended on Tuesday with an agreement on water."
LONG = "The government said the agreement would be signed in Dushanbe next week, officials confirmed."


@pytest.mark.parametrize("last, found", [
    ("The minister said the govern-", "govern-"),
    ("Officials said the talks would resume in", "in"),
    ("The agreement covers water, energy,", "energy,"),
    ("The deal was welcomed by the Kremlin and the minis", "minis"),
    ("The government said the agreement would be signed next week", "week"),
])
def test_truncated_last_paragraph(last, found):
    art = article(FULL, last)
    [defect] = of_kind(find_defects(art), "truncation")
    assert (defect.paragraph, span(art, defect), defect.severity) == (1, found, "high")


@pytest.mark.parametrize("text, found", [
    ("The talks went on. Continued on Page 4", "Continued on Page 4"),
    ("The talks went on (continued)", "(continued)"),
    ("Please turn to page 12 for the results.", "Please turn to page 12"),
])
def test_continued_on_another_page(text, found):
    art = article(FULL, text)
    assert span(art, of_kind(find_defects(art), "truncation")[0]) == found


def test_wire_more_line():
    art = article(FULL, "MORE")
    [defect] = of_kind(find_defects(art), "truncation")
    assert (defect.paragraph, defect.start, defect.end) == (1, 0, 4)


@pytest.mark.parametrize("last", [
    FULL,
    'He said: "We have agreed."',
    "Was it worth it?",
    "Half-Life 2 is out now for the PC",
    "Revs 22.4 mln vs 7.9 mln",
    "Charlton v Yeovil",
])
def test_finished_bodies_are_not_truncated(last):
    assert of_kind(find_defects(article(FULL, last)), "truncation") == []


def test_duplicated_paragraph_with_safe_removal():
    art = article(FULL, LONG, "Peskov welcomed it.", LONG)
    [defect] = of_kind(find_defects(art), "duplicated-content")
    assert (defect.paragraph, defect.start, defect.end, defect.suggestion) == (3, 0, len(LONG), "")


def test_near_duplicate_paragraph_is_flagged_without_a_fix():
    art = article(FULL, LONG, LONG.upper().replace("WEEK", "week"))
    [defect] = of_kind(find_defects(art), "duplicated-content")
    assert defect.paragraph == 2 and defect.suggestion is None


def test_duplicated_sentence_inside_a_paragraph():
    art = article(LONG, "Peskov welcomed it. " + LONG)
    [defect] = of_kind(find_defects(art), "duplicated-content")
    assert (defect.paragraph, span(art, defect), defect.suggestion) == (1, LONG, None)


def test_short_repeats_are_not_duplicates():
    art = article("He said no.", FULL, "He said no.", "Peskov agreed. The talks ended.", "Peskov agreed.")
    assert of_kind(find_defects(art), "duplicated-content") == []


@pytest.mark.parametrize("chrome", [
    "Sign in to continue reading",
    "Subscribe now for unlimited access",
    "We use cookies to improve your experience. By continuing you agree to our use of cookies.",
    "Share this article: Facebook | Twitter | Email",
    "Related stories",
    "Sign up for our daily newsletter",
    "Copyright 2004 The Daily Courier. All rights reserved.",
])
def test_chrome_paragraph(chrome):
    art = article(FULL, chrome, LONG)
    [defect] = of_kind(find_defects(art), "chrome-in-body")
    assert (defect.paragraph, span(art, defect)) == (1, chrome)


def test_chrome_glued_to_prose():
    art = article(FULL + " Click here to subscribe.", LONG)
    [defect] = of_kind(find_defects(art), "chrome-in-body")
    assert span(art, defect) == "Click here to subscribe."


def test_prose_about_subscriptions_is_not_chrome():
    art = article(
        "Readers who subscribe to the paper will pay more, the company said.",
        "The site said it uses cookies and asked users to share the article with friends.",
        LONG,
    )
    assert of_kind(find_defects(art), "chrome-in-body") == []


def test_name_cut_in_half_at_the_end():
    art = article(FULL, "The company will integrate its PACE product with Answe")
    assert span(art, of_kind(find_defects(art), "truncation")[0]) == "Answe"


def test_repeated_table_lines_are_not_duplicates():
    art = article("Shr 1.10 dlrs vs 90 cts", "Avg shrs 11.4 mln vs 11.6 mln", "Year", "Avg shrs 11.4 mln vs 11.6 mln")
    assert of_kind(find_defects(art), "duplicated-content") == []


# -- wire copy: tables, footnotes, takes and sign-offs ------------------------------------

@pytest.mark.parametrize("last, found", [
    ("Turnover 88.2 mln vs 71.4 ml", "ml"),  # a unit cut: a prefix of "mln" in the same row
    ("Turnover 88.2 mln vs", "vs"),  # a comparison with nothing to compare with
    ("Note: results include Dushanbe Water Ltd and Pamir Energy Lt", "Lt"),  # "Ltd" cut in a footnote
    ("Note: results include Dushanbe Water Ltd and", "and"),  # a footnote ending on "and"
    ("The stake was sold to <Dushanbe Water Hold", "Hold"),  # a company's name in <...> never closed
    ('Peskov said "the talks will go on until Britain', "Britain"),  # a quotation never closed
    ("It said the agreement would be signed in Dushanbe", "Dushanbe"),  # a sentence with a verb
])
def test_wire_body_cut_off(last, found):
    art = article(FULL, last)
    [defect] = of_kind(find_defects(art), "truncation")
    assert (defect.paragraph, span(art, defect)) == (1, found)


@pytest.mark.parametrize("last", [
    "Revs 22.4 mln vs nil",  # a results row whose last cell is a word
    "May/Aug 0.51 under 0.52 under",  # a spread table: "under" is a cell, not a dangling preposition
    "Note: 1986 periods restated to match the current period",  # "period" is whole ("periods" is its plural)
    "Note: per-share figures after preferred dividends",  # footnotes may end on a noun
    "The talks ended on Tuesday. REUTER",  # the wire's sign-off
    "The talks ended on Tuesday. Reuters",
    "Season tickets on sale now at the club shop and in Leeds",  # a caption: no verb, no full stop needed
    'He said the talks "went well" in Dushanbe.',
])
def test_wire_bodies_that_end_honestly(last):
    assert of_kind(find_defects(article(FULL, last)), "truncation") == []


def test_more_after_the_last_sentence_is_a_missing_take():
    art = article(FULL, "The talks ended on Tuesday. MORE")
    [defect] = of_kind(find_defects(art), "truncation")
    assert (span(art, defect), defect.severity) == ("MORE", "high")


def test_a_bracket_open_for_a_whole_row_is_not_a_cut():
    row = ("Silver 6.71 up 18.5 Gold (Comex 419.2 up 3.70 Copper 62.1 off 0.35 Cocoa 1,890 off 9 "
           "Sugar 6.71 up 0.15 Coffee 101.3 up 2.21 Cotton 55.6 up 0.70 cts")
    assert of_kind(find_defects(article(FULL, row)), "truncation") == []


def test_a_writers_credit_line_needs_no_full_stop():
    credit = "Anna Smith is technology correspondent for The Courier, a Dushanbe and Moscow co-production"
    assert of_kind(find_defects(article(FULL, credit)), "truncation") == []
    cut = "Anna Smith said the talks in Dushanbe would go on into the night and beyond the deadline"
    assert of_kind(find_defects(article(FULL, cut)), "truncation") != []
