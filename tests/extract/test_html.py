"""HTML golden pages: what must and must not come out."""

from datetime import date, datetime, timezone

import pytest

from morgue.errors import ExtractionError
from morgue.extract.options import ExtractOptions


@pytest.fixture
def clarion(extract):
    return extract("clarion-harbour-budget.html", url="https://www.dailyclarion.example/local/2019/03/14/x")


def test_headline_without_site_name(clarion):
    assert clarion.headline == "Council approves £4m budget to rebuild Harbour Road sea wall"
    assert "Clarion" not in clarion.headline and "|" not in clarion.headline


def test_byline_is_names_only(clarion):
    assert clarion.byline == "Margaret Okafor"


def test_published_from_structured_data_not_copyright_year(clarion):
    assert clarion.published == date(2019, 3, 14)
    assert clarion.modified == date(2019, 3, 15)


def test_section_url_language(clarion):
    assert clarion.section == "Local"
    assert clarion.url == "https://www.dailyclarion.example/local/2019/03/14/harbour-road-sea-wall-budget"
    assert clarion.language == "en-GB"
    assert clarion.extractor == "html"
    assert (clarion.encoding, clarion.encoding_source) == ("utf-8", "declared")


def test_dateline_split_from_first_story_paragraph(clarion):
    assert clarion.dateline == "EASTHAVEN"
    opening = next(p for p in clarion.body if p.startswith("Councillors voted"))
    assert "EASTHAVEN" not in opening
    assert any(block.reason == "dateline" for block in clarion.removed)


def test_body_keeps_story_and_drops_chrome(clarion):
    text = "\n".join(clarion.body)
    assert "“We have sandbagged our houses four times since Christmas,”" in text
    assert clarion.body[-1].startswith("Work is due to begin in September.")
    for chrome in (
        "All rights reserved", "We use cookies", "Sign in", "Most read", "Share this article",
        "Rovers reach county cup final", "Storm floods Lower Town", "Email the author", "Privacy Policy",
        "newsletter", "This article was published",
    ):
        assert chrome not in text, chrome
    assert clarion.headline not in clarion.body


def test_archive_banner_is_a_notice(clarion):
    assert clarion.notices == ("This article was published more than 5 years ago",)


def test_no_date_at_all_gives_none(extract):
    article = extract("courier-allotments-no-date.html")
    assert article.published is None
    assert article.modified is None
    # The page's copyright year and the founding year in the text are not dates of publication.
    assert article.headline == "Allotment society wins fight to keep its riverside plots"
    assert article.byline == "Thomas Brennan"
    assert "Copyright" not in " ".join(article.body)


def test_date_after_capture_gives_none(extract):
    article = extract("gazette-future-date.html")
    assert article.published is None
    assert article.byline == "Lucia Ferreira"
    assert "Posted" not in article.body


def test_date_after_today_gives_none_without_capture(extract):
    article = extract("gazette-future-date.html", captured_at=None)
    assert article.published is None


def test_same_date_is_accepted_once_captured_later(extract):
    later = datetime(2032, 1, 1, tzinfo=timezone.utc)
    article = extract("gazette-future-date.html", ExtractOptions(today=date(2032, 1, 2)), captured_at=later)
    assert article.published == date(2031, 6, 1)


def test_cp1252_page_without_charset(extract):
    article = extract("echo-cafe-cp1252.html")
    assert (article.encoding, article.encoding_source) == ("cp1252", "detected")
    assert article.headline == "Café owner’s “best year yet” as tourists return"
    assert article.byline == "Renée Dubois"
    text = " ".join(article.body)
    assert "Café de la Plage" in text and "naïve" in text and "£4.50 — 50p" in text
    assert "Ã" not in text and "\ufffd" not in text


def test_page_with_no_text_is_rejected(extract):
    with pytest.raises(ExtractionError) as caught:
        extract("no-text.html")
    assert caught.value.reason == "no-text"


def test_empty_html_is_rejected(extract, make_raw):
    with pytest.raises(ExtractionError) as caught:
        extract(make_raw(b"<html><body></body></html>", "html"))
    assert caught.value.reason == "no-text"


def test_copyright_year_never_becomes_the_date(extract, make_raw):
    page = (
        "<html><head><title>Pier reopens after storm repairs</title></head><body><article>"
        "<h1>Pier reopens after storm repairs</h1>"
        + "<p>The pier reopened to visitors on Saturday after repairs to the storm damage, the council said.</p>" * 4
        + "</article><footer><p>© 2023 Brightwater Echo. All rights reserved.</p></footer></body></html>"
    ).encode()
    article = extract(make_raw(page, "html"))
    assert article.published is None


def test_prose_without_spaces_is_text(extract, make_raw):
    # Japanese is written without spaces; it must not be mistaken for a menu.
    sentence = "港の防波堤の修理について、市議会は水曜日の夜に四百万ポンドの予算を承認しました。"
    page = f'<html lang="ja"><head><title>防波堤</title></head><body><article><p>{sentence}</p><p>{sentence}</p></article></body></html>'
    article = extract(make_raw(page.encode("utf-8"), "html"))
    assert article.body[0] == sentence
    assert article.language == "ja"


def test_section_from_breadcrumbs_then_url(extract, make_raw):
    story = "<p>The lifeboat crew rescued two walkers cut off by the tide below the cliffs on Sunday afternoon.</p>" * 3
    crumbs = f'<html><body><nav class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/news/">News</a></nav><article>{story}</article></body></html>'
    assert extract(make_raw(crumbs.encode(), "html")).section == "News"
    plain = f"<html><body><article>{story}</article></body></html>"
    doc = make_raw(plain.encode(), "html", url="https://www.example.org/sport/2019/lifeboat-rescue")
    assert extract(doc).section == "Sport"
    doc = make_raw(plain.encode(), "html", url="https://www.example.org/lifeboat-rescue")
    assert extract(doc).section == ""
