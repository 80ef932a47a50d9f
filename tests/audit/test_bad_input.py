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
