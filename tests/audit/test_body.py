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
