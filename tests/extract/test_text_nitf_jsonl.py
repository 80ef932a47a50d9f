"""Text scrapes, NITF files and JSON export lines: golden files and edge cases."""

import json
from datetime import date

import pytest

from morgue.errors import ExtractionError


# --- text scrapes -----------------------------------------------------------


@pytest.fixture
def ferry(extract):
    return extract("courier-ferry-scrape.txt")


def test_scrape_header(ferry):
    assert ferry.headline == "Ferry service to resume after 18-month shutdown"
    assert ferry.byline == "Daniel Reyes and Priya Natarajan"
    assert ferry.published == date(1987, 3, 3)
    assert ferry.section == "Transport"
    assert ferry.dateline == "EASTHAVEN"
    assert ferry.extractor == "text"


def test_scrape_notice_kept_apart(ferry):
    assert ferry.notices == ("This article is from the archive of the Easthaven Courier, digitised in 2009.",)
    assert not any("archive" in p for p in ferry.body)


def test_scrape_hard_wrapped_paragraphs_are_joined(ferry):
    assert len(ferry.body) == 4
    assert ferry.body[0] == (
        "The ferry between Easthaven and the Isle of Carrow will run again from Easter, ending an 18-month "
        "shutdown that left islanders relying on a single fishing boat for supplies and hospital visits."
    )
    assert ferry.body[-1].endswith("higher fuel prices.")


def test_scrape_chrome_removed_with_reasons(ferry):
    text = "\n".join(ferry.body)
    for chrome in ("THE EASTHAVEN COURIER", "Home | News", "Share this", "Advertisement", "Subscribe",
                   "All rights reserved", "Sign in", "Privacy Policy", "www."):
        assert chrome not in text, chrome
    reasons = {block.text: block.reason for block in ferry.removed}
    assert reasons["THE EASTHAVEN COURIER"] == "masthead"
    assert reasons["Home | News | Sport | Business | Opinion | Archive"] == "navigation"
    assert reasons["(c) 2024 Easthaven Courier Media Ltd. All rights reserved."] == "copyright"
    assert reasons["Sign in or create a free account"] == "sign-in prompt"
    assert reasons["By continuing you agree to our Privacy Policy and Terms of Use"] == "terms"
    assert reasons["Advertisement"] == "advertisement"
    assert reasons["Share this article"] == "share prompt"


def test_scrape_us_dates_and_unwrapped_lines(extract, make_raw):
    text = (
        "Dam inspection finds cracks in spillway\n"
        "By Carla Jimenez\n"
        "04/05/1991\n\n"
        "Engineers found cracks in the spillway of the Redfield Dam during a routine inspection on "
        "Tuesday, the water authority said on April 5, 1991, in a statement that promised repairs before summer.\n"
        "The authority said there was no danger to homes downstream and that the reservoir would be lowered "
        "by six feet as a precaution while the work is done.\n"
    )
    article = extract(make_raw(text.encode(), "text"))
    # The document writes "April 5, 1991", so 04/05/1991 is read the American way.
    assert article.published == date(1991, 4, 5)
    assert article.byline == "Carla Jimenez"
    assert len(article.body) == 2


def test_scrape_with_only_chrome_is_no_text(extract, make_raw):
    text = b"THE DAILY CLARION\nHome | News | Sport | Business\n\nSign in or create a free account\n"
    with pytest.raises(ExtractionError) as caught:
        extract(make_raw(text, "text"))
    assert caught.value.reason == "no-text"


# --- NITF ----------------------------------------------------------------------


@pytest.fixture
def mill(extract):
    return extract("ledger-mill-fire.xml")


def test_nitf_fields(mill):
    assert mill.headline == "Fire destroys historic Kelsey Mill"
    assert mill.byline == "Harold Vance"
    assert mill.dateline == "RIVERTON, March 2"
    assert mill.published == date(1987, 3, 3)
    assert mill.section == "Metro"
    assert mill.source_id == "LEDGER-1987-03-03-A0412"
    assert mill.extractor == "nitf"
    assert mill.encoding_source == "declared"


def test_nitf_body(mill):
    assert len(mill.body) == 4
    assert mill.body[0].startswith("Fire destroyed the Kelsey Mill")
    assert "RIVERTON" not in mill.body[0]
    # Named entities from the (never loaded) DTD survive as characters.
    assert mill.body[2].startswith("“We could see the flames")
    assert "Copyright" not in " ".join(mill.body)
    assert "Staff Writer" not in mill.byline


def test_nitf_not_xml(extract, make_raw):
    with pytest.raises(ExtractionError) as caught:
        extract(make_raw(b"just some words, not a nitf file", "nitf"))
    assert caught.value.reason in {"bad-xml", "no-text"}


def test_nitf_section_from_subject_and_pubdata_date(extract, make_raw):
    nitf = (
        b'<nitf><head><tobject><tobject.subject tobject.subject.matter="weather"/></tobject>'
        b'<pubdata date.publication="1999-12-31"/></head><body><body.content>'
        b"<p>Snow is expected across the north of the county overnight, the forecasters said on Thursday.</p>"
        b"</body.content></body></nitf>"
    )
    article = extract(make_raw(nitf, "nitf"))
    assert article.section == "weather"
    assert article.published == date(1999, 12, 31)
    assert article.encoding == "utf-8"


# --- JSON lines -------------------------------------------------------------------


@pytest.fixture
def rovers(extract):
    return extract("courier-rovers.jsonl")


def test_jsonl_fields(rovers):
    assert rovers.headline == "Rovers sign Carrow-born striker on two-year deal"
    assert rovers.byline == "Fiona McAllister and Sam Oduya"
    assert rovers.dateline == "EASTHAVEN"
    assert rovers.published == date(1987, 3, 3)
    assert rovers.modified == date(1987, 3, 4)
    assert rovers.section == "Sport"
    assert rovers.language == "en"
    assert rovers.source_id == "ec-1987-0303-0042"
    assert rovers.url.endswith("/rovers-sign-striker")


def test_jsonl_body(rovers):
    assert len(rovers.body) == 3
    assert rovers.body[0].startswith("Easthaven Rovers have signed")
    assert "Advertisement" not in rovers.body


def test_jsonl_alternative_keys_and_list_body(extract, make_raw):
    record = {
        "title": "Harbour master retires after 40 years",
        "author": "By JOHN OKORO, Staff Writer",
        "pubdate": "03/13/1988",
        "category": ["Local", "People"],
        "content": ["First paragraph of the story, long enough to be a sentence of prose.", "Second."],
    }
    article = extract(make_raw(json.dumps(record).encode(), "jsonl"))
    assert article.headline == "Harbour master retires after 40 years"
    assert article.byline == "JOHN OKORO"
    assert article.published == date(1988, 3, 13)
    assert article.section == "Local"
    assert article.body == ("First paragraph of the story, long enough to be a sentence of prose.", "Second.")


def test_jsonl_html_body_and_future_date(extract, make_raw):
    record = {"headline": "x", "date": "2030-01-01", "body": "<p>One <em>paragraph</em>.</p><p>Two.</p>"}
    article = extract(make_raw(json.dumps(record).encode(), "jsonl"))
    assert article.body == ("One paragraph.", "Two.")
    assert article.published is None


@pytest.mark.parametrize("line", [b'{"headline": "x", "body": ', b"[1, 2, 3]", b"not json"])
def test_jsonl_bad_json(extract, make_raw, line):
    with pytest.raises(ExtractionError) as caught:
        extract(make_raw(line, "jsonl"))
    assert caught.value.reason == "bad-json"


def test_jsonl_without_body_is_no_text(extract, make_raw):
    with pytest.raises(ExtractionError) as caught:
        extract(make_raw(b'{"headline": "Only a headline"}', "jsonl"))
    assert caught.value.reason == "no-text"


def test_scrape_without_headline_keeps_first_sentence_in_body(extract, make_raw):
    text = (
        "The council voted last night to close the library on Mondays, saving about twelve thousand pounds a year.\n\n"
        "Officials said the savings would pay for longer opening hours on Saturdays from the spring.\n"
    )
    article = extract(make_raw(text.encode(), "text"))
    assert article.headline == ""
    assert len(article.body) == 2 and article.body[0].startswith("The council voted")


def test_scrape_crlf_and_wire_dateline(extract, make_raw):
    text = "Mayor resigns\r\n\r\nBy Anne Smith\r\n\r\nLONDON, March 3 (Reuters) - The mayor resigned on Tuesday after a row over expenses.\r\n"
    article = extract(make_raw(text.encode(), "text"))
    assert (article.headline, article.byline) == ("Mayor resigns", "Anne Smith")
    assert article.dateline == "LONDON, March 3 (Reuters)"
    assert article.body == ("The mayor resigned on Tuesday after a row over expenses.",)


# --- the source's own subject tags -------------------------------------------------


def test_tags_from_a_cms_export_nitf_and_a_page(extract, make_raw):
    record = {"headline": "Rates held", "body": "The bank held its rates at five per cent on Thursday, as expected.",
              "topics": ["interest", "Interest", {"name": "money-fx"}], "keywords": "ignored, because topics came first"}
    assert extract(make_raw(json.dumps(record).encode(), "jsonl")).tags == ("interest", "money-fx")
    nitf = (
        b'<nitf><head><tobject><tobject.subject tobject.subject.matter="weather"/></tobject>'
        b'<docdata><key-list><keyword key="snow"/><keyword key="roads; transport"/></key-list></docdata></head>'
        b"<body><body.content><p>Snow is expected across the north of the county overnight, forecasters said.</p>"
        b"</body.content></body></nitf>"
    )
    assert extract(make_raw(nitf, "nitf")).tags == ("snow", "roads", "transport", "weather")
    page = (
        b'<html><head><title>Mill to close</title><meta name="keywords" content="news, local, jobs, weather">'
        b'<meta name="news_keywords" content="mill, jobs"><meta property="article:tag" content="Northfield">'
        b"</head><body><article><h1>Mill to close</h1><p>The mill on the river will close in May with the loss of "
        b"two hundred jobs, its owners said on Monday, after orders fell for a third year running.</p>"
        b"<p>The council said it would help the workers find other jobs in the town and the county.</p></article></body></html>"
    )
    # A page's plain keywords meta is the same list on every page of a site: not the article's tags.
    assert extract(make_raw(page, "html")).tags == ("mill", "jobs", "Northfield")
