"""Bad input never crashes the audit, and a huge body stays fast."""

import time

import pytest

from morgue.audit import apply_safe_fixes, find_defects
from morgue.extract.article import Article

from .helpers import article


def test_empty_article():
    defects = find_defects(Article())
    assert {d.kind for d in defects} == {"date-missing", "headline-missing", "section-missing"}


def test_blank_paragraphs_and_whitespace_only():
    defects = find_defects(article("", "   ", "\n"))
    assert not [d for d in defects if d.kind in ("truncation", "duplicated-content", "chrome-in-body")]


@pytest.mark.parametrize("text", ["\x00" * 50, "\ufffd" * 20, "&" * 100, "<" * 100 + ">" * 100, "?" * 100,
                                  "[caption" * 50, "{{" * 100, "a" * 10_000, "🙂" * 100])
def test_odd_text_does_not_crash(text, context):
    art = article(text, headline=text)
    defects = find_defects(art, context)
    apply_safe_fixes({"headline": art.headline, "body": list(art.body)}, defects)


def test_five_megabyte_body_is_fast(context):
    paragraph = ("Kremlin spokesman Dmitry Peskov said the goverment in Dushanbe would respond &amp; "
                 "talks would go on. ")
    body = tuple(paragraph * 4 + str(i) for i in range(5_000_000 // (len(paragraph) * 4)))
    big = Article(headline="Talks", body=body)
    started = time.perf_counter()
    defects = find_defects(big, context)
    assert time.perf_counter() - started < 10
    assert len([d for d in defects if d.kind == "leftover-markup"]) == 4 * len(body)


def test_five_megabyte_single_paragraph_is_fast(context):
    text = "The talks in Dushanbe ended on Tuesday. " * 125_000
    started = time.perf_counter()
    find_defects(Article(headline="Talks", body=(text,)), context)
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize("shape", ["no spaces", "one mojibake token", "one long word then a table cell"])
def test_one_megabyte_paragraph_of_one_token_is_checked_in_linear_time(shape, context):
    # Each shape once took time growing with the square of the token (a 5 MB one: hours): the spelling
    # check's edits of a 100,000-letter "word", the mojibake check regrowing the same token per match, and a
    # table-cell pattern rescanning the token from every position.
    text = {"no spaces": "x" * 1_000_000, "one mojibake token": "\u00c3\u00a9" * 500_000,
            "one long word then a table cell": "y" * 1_000_000 + "  z"}[shape]
    started = time.perf_counter()
    find_defects(Article(headline="Talks", body=(text,)), context)
    assert time.perf_counter() - started < 20  # linear: about a second; quadratic: hours
