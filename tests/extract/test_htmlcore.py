"""Golden pages for morgue's own HTML body extractor: chrome it removes, story it keeps, broken pages."""

import pytest

from morgue.errors import ExtractionError


@pytest.fixture
def ferry(extract):
    return extract("core-chrome-and-keepers.html")


def _body(article) -> str:
    return "\n".join(article.body)


def test_story_paragraphs_in_order(ferry):
    assert ferry.body[0].startswith("The island ferry will run only three crossings")
    assert ferry.body[-1].startswith("Talks between the operator and the union")


@pytest.mark.parametrize("kept", [
    "What the union says",  # a subhead
    "The crossings that remain",
    "We did not want this, but the company left us no choice",  # a blockquote
    "7.15am from the island, calling at the north pier",  # list items
    "6.45pm from the island, the last crossing of the day",
])
def test_keeps_subheads_quotes_and_lists(ferry, kept):
    assert any(p.startswith(kept) for p in ferry.body), kept


def test_keeps_a_table_of_figures_one_row_a_line(ferry):
    assert "| Route | Crossings before | Crossings now |" in ferry.body
    assert "| Island to mainland | 9 | 2 |" in ferry.body


@pytest.mark.parametrize("chrome, reason", [
    ("We use cookies to give you the best experience", "cookie notice"),
    ("Sport", "header"),  # the menu sits in the page header, removed whole
    ("Facebook Twitter Email", "share prompt"),
    ("The Moorland Star leaving the pier on Tuesday", "caption"),
    ("Get the Herald's morning briefing", "subscription prompt"),
    ("You have read 3 of your 5 free articles", "paywall"),
    ("Harbour wall repairs to begin in spring", "aside"),
    ("Ferry fares to rise by ten per cent", "related links"),
    ("How are islanders supposed to get to work", "comments"),
    ("Advertisement", "advertisement"),
    ("All rights reserved", "footer"),
])
def test_chrome_is_removed_and_recorded(ferry, chrome, reason):
    assert chrome not in _body(ferry)
    assert any(chrome in block.text and block.reason == reason for block in ferry.removed), (chrome, reason)


def test_headline_is_not_body(ferry):
    assert ferry.headline == "Ferry timetable cut as crews strike"
    assert ferry.headline not in ferry.body


def test_unclosed_title_does_not_swallow_the_page(extract):
    article = extract("broken-unclosed-title.html")
    assert article.headline == "Mill reopens as a museum of weaving"
    assert len(article.body) == 3 and article.body[0].startswith("The old woollen mill")


def test_unclosed_comment_does_not_swallow_the_page(extract):
    article = extract("broken-unclosed-comment.html")
    assert article.body[0].startswith("The town's community choir won")


def test_mismatched_tags(extract):
    text = _body(extract("broken-mismatched-tags.html"))
    assert "engineers inspect the cast-iron arches for cracks" in text
    assert "no fault has been reported" in text


def test_page_without_body_element(extract):
    article = extract("broken-no-body.html")
    assert article.headline == "Allotment show draws record crowd"
    assert article.body[1].startswith("The prize for the heaviest marrow")


def test_ten_thousand_deep_nesting_keeps_what_it_can(extract):
    # libxml2 stops descending at depth 256; the story before the nesting survives.
    article = extract("broken-deep-nesting.html")
    assert article.body[0].startswith("The parish council agreed on Tuesday")


def test_sign_in_wall_is_no_text(extract):
    with pytest.raises(ExtractionError) as caught:
        extract("wall-sign-in.html")
    assert caught.value.reason == "no-text"
    assert "sign-in wall" in str(caught.value)


@pytest.mark.parametrize("page", [
    b"<html><head><title>Only a head</title></head></html>",
    b"<!-- nothing but a comment",
    b"<html><body><div><div><div></body>",
    b"\x00\x01\x02<p>\xff\xfe</p>",
    b"<?xml version='1.0'?><html><body></body></html>",
])
def test_bad_input_raises_only_extraction_error(extract, make_raw, page):
    with pytest.raises(ExtractionError) as caught:
        extract(make_raw(page, "html"))
    assert caught.value.reason in ("no-text", "bad-html", "undecodable")


def test_parse_keeps_decoded_text_whatever_the_meta_charset_says():
    from morgue.extract.htmlcore import parse_html

    # The text was decoded already; a stale <meta charset> must not decode it again.
    tree = parse_html('<html><head><meta charset="iso-8859-1"></head>'
                      '<body><p>Café naïve — 中文</p><p>after \ud800 a lone surrogate</p></body></html>')
    paragraphs = [p.text_content() for p in tree.iter("p")]
    assert paragraphs[0] == "Café naïve — 中文"
    assert paragraphs[1].startswith("after ") and paragraphs[1].endswith(" a lone surrogate")
