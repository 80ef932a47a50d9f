"""The shared helpers: decoding, dates, bylines, headlines, chrome lines, dispatch."""

import codecs
import os
from datetime import date, datetime, timezone

import pytest

from morgue.errors import ExtractionError
from morgue.extract import extract_article
from morgue.extract.bylines import clean_byline
from morgue.extract.chrome import chrome_reason, is_notice, split_dateline
from morgue.extract.dates import day_first_hint, latest_plausible, parse_date, parse_structured_date, read_date_line
from morgue.extract.decode import decode_document
from morgue.extract.headlines import strip_site_name

# --- decoding -------------------------------------------------------------------

CAFE = "Le café “Chez Lou” a fermé — c’était naïf. " * 3


def test_declared_http_charset_wins():
    decoded = decode_document(CAFE.encode("cp1252"), "windows-1252")
    assert (decoded.text, decoded.encoding, decoded.source) == (CAFE, "cp1252", "declared")


def test_meta_charset_is_a_declaration():
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>{CAFE}</body></html>'
    decoded = decode_document(page.encode("cp1252"))
    assert decoded.source == "declared"
    # ISO-8859-1 means windows-1252 on the web (WHATWG Encoding Standard).
    assert "“Chez Lou”" in decoded.text


def test_wrong_declaration_falls_back_to_utf8():
    decoded = decode_document(CAFE.encode("utf-8"), "shift_jis-unknown-label")
    assert (decoded.text, decoded.source) == (CAFE, "utf-8")
    decoded = decode_document(CAFE.encode("utf-8"), "ascii")
    assert decoded.source == "utf-8" and decoded.text == CAFE


def test_utf8_declared_but_cp1252_bytes_are_detected():
    decoded = decode_document(f"<p>{CAFE}</p>".encode("cp1252"), "utf-8")
    assert decoded.source == "detected"
    assert "café “Chez Lou”" in decoded.text


def test_byte_order_marks():
    assert decode_document(codecs.BOM_UTF8 + CAFE.encode()).text == CAFE
    decoded = decode_document(CAFE.encode("utf-16"))
    assert (decoded.text, decoded.encoding) == (CAFE, "utf-16")


def test_xml_prolog_is_a_declaration():
    xml = '<?xml version="1.0" encoding="ISO-8859-15"?><nitf><p>Le café coûte 2 €.</p></nitf>'
    decoded = decode_document(xml.encode("iso-8859-15"), kind="nitf")
    assert (decoded.encoding, decoded.source) == ("iso8859-15", "declared")
    assert "café coûte 2 €" in decoded.text


def test_central_european_page_is_not_forced_to_cp1252():
    text = '<html lang="cs"><body><p>Příliš žluťoučký kůň úpěl ďábelské ódy. Vláda schválila zákon.</p></body></html>'
    decoded = decode_document(text.encode("cp1250"))
    assert "žluťoučký" in decoded.text


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4,
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + os.urandom(2000),
    ],
)
def test_binary_is_undecodable(data):
    with pytest.raises(ExtractionError) as caught:
        decode_document(data)
    assert caught.value.reason == "undecodable"


def test_mojibake_is_kept_as_the_source_says():
    # UTF-8 bytes that were once mis-decoded and saved again: the page says "cafÃ©".
    decoded = decode_document("cafÃ© au lait".encode("utf-8"))
    assert decoded.text == "cafÃ© au lait"


# --- dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1987-03-03", date(1987, 3, 3)),
        ("1987-03-03T23:30:00-05:00", date(1987, 3, 3)),
        ("19870303T000000", date(1987, 3, 3)),
        ("3 March 1987", date(1987, 3, 3)),
        ("Tuesday, 3rd March 1987", date(1987, 3, 3)),
        ("March 3, 1987", date(1987, 3, 3)),
        ("Mar. 3 1987", date(1987, 3, 3)),
        ("Sept 30, 2001", date(2001, 9, 30)),
        ("13/03/1987", date(1987, 3, 13)),
        ("03/13/1987", date(1987, 3, 13)),
        ("3.4.1987", date(1987, 4, 3)),
        ("1987/03/03", date(1987, 3, 3)),
        ("no date here", None),
        ("31 February 1987", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_ambiguous_numeric_date_follows_the_hint():
    # Nothing says which is the day: unknown, never guessed.
    assert parse_date("03/04/1987") is None
    assert parse_date("03/04/1987", day_first=True) == date(1987, 4, 3)
    assert parse_date("03/04/1987", day_first=False) == date(1987, 3, 4)
    assert parse_date("03/04/87", day_first=True, today=date(2024, 1, 1)) == date(1987, 4, 3)
    # One reading only, or the same day both ways, or the dotted European form: no doubt.
    assert parse_date("25/12/1987") == date(1987, 12, 25)
    assert parse_date("04/04/1987") == date(1987, 4, 4)
    assert parse_date("3.4.1987") == date(1987, 4, 3)


def test_day_first_hint():
    assert day_first_hint("It happened on March 3, 1987 and again on April 9, 1988.") is False
    assert day_first_hint("It happened on 3 March 1987.") is True
    assert day_first_hint("Filed 12/25/1987.") is False
    assert day_first_hint("No dates at all.") is None


def test_structured_dates():
    assert parse_structured_date(0) == date(1970, 1, 1)
    assert parse_structured_date(541771200000) == date(1987, 3, 3)
    assert parse_structured_date(541771200) == date(1987, 3, 3)
    assert parse_structured_date(None) is None
    assert parse_structured_date(True) is None


def test_date_lines():
    assert read_date_line("Published 3 March 1987") == ("published", date(1987, 3, 3))
    assert read_date_line("Updated: Tuesday, March 3, 1987 5:00 pm EST") == ("modified", date(1987, 3, 3))
    assert read_date_line("1987-03-03") == ("published", date(1987, 3, 3))
    assert read_date_line("The mill was sold on 3 March 1987 to a developer.") is None
    # Any zone in capitals, and a second clock time in brackets.
    assert read_date_line("Tuesday, March 3, 1987, 04:05 pm PT (07:05 pm ET)") == ("published", date(1987, 3, 3))
    assert read_date_line("March 3, 1987 - 11:28 AMT") == ("published", date(1987, 3, 3))
    assert read_date_line("The MTA voted on March 3, 1987") is None


def test_latest_plausible_allows_for_time_zones_but_not_more():
    captured = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
    assert latest_plausible(captured, date(2030, 1, 1)) == date(2024, 5, 2)
    assert latest_plausible(captured, date(2024, 5, 1)) == date(2024, 5, 1)
    assert latest_plausible(None, date(2024, 5, 1)) == date(2024, 5, 1)


# --- bylines -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("By Jane Doe", "Jane Doe"),
        ("By Jane Doe, Staff Writer | Email the author", "Jane Doe"),
        ("BY JANE DOE and JOHN ROE, Associated Press", "JANE DOE and JOHN ROE"),
        ("Jane Doe; John Roe; Ana de la Cruz", "Jane Doe, John Roe and Ana de la Cruz"),
        ("By Jane Doe for The Daily Clarion", "Jane Doe"),
        ("By Jane Doe | March 3, 1987 | 5:30 pm", "Jane Doe"),
        ("TOM KRISHER, AP Auto Writer", "TOM KRISHER"),
        ("By The Associated Press", ""),
        ("Staff Writer", ""),
        ("Reuters", ""),
        (["Jane Doe", "Jane Doe", "John Roe"], "Jane Doe and John Roe"),
        ("https://example.com/authors/jane", ""),
    ],
)
def test_clean_byline(raw, expected):
    assert clean_byline(raw) == expected


# --- headlines ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, names, expected",
    [
        ("Storm closes pier - BBC News", ["BBC News"], "Storm closes pier"),
        ("Storm closes pier | The Daily Clarion", [], "Storm closes pier"),
        ("The Daily Clarion | Storm closes pier", ["The Daily Clarion"], "Storm closes pier"),
        ("Storm closes pier | Local | dailyclarion.example", ["www.dailyclarion.example"], "Storm closes pier"),
        ("Brexit - what happens next", [], "Brexit - what happens next"),
        ("Lakers beat Celtics 102-99", [], "Lakers beat Celtics 102-99"),
    ],
)
def test_strip_site_name(title, names, expected):
    assert strip_site_name(title, names) == expected


def test_leading_section_is_stripped_when_known():
    assert strip_site_name("Opinion | The council got it wrong", [], ["Opinion"]) == "The council got it wrong"


# --- chrome lines, notices and datelines -----------------------------------------------------


@pytest.mark.parametrize(
    "line, reason",
    [
        ("© 2024 The Daily Clarion Ltd. All rights reserved.", "copyright"),
        ("Copyright 2021 Harbour Weekly Publishing", "copyright"),
        ("Sign in or create a free account", "sign-in prompt"),
        ("By continuing you agree to our Privacy Policy and Terms of Use", "terms"),
        ("Share this article", "share prompt"),
        ("Subscribe now for £1 a week", "subscription prompt"),
        ("Advertisement", "advertisement"),
        ("Home | News | Sport | Business", "navigation"),
        ("Read more: Storm floods Lower Town", "related links"),
    ],
)
def test_chrome_reasons(line, reason):
    assert chrome_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Readers who subscribe to the newsletter say they want more local news, the survey found.",
        "He said he would sign in the morning.",
        "| 1 | Kyle Busch | 5040 |",
        "The copyright on the song expired in 2004, the court heard.",
    ],
)
def test_prose_is_not_chrome(line):
    assert chrome_reason(line) is None


def test_notices():
    assert is_notice("This article is from the archive of The Daily Clarion.")
    assert is_notice("This article was published more than 5 years ago")
    assert is_notice("From the archives: the great flood of 1953")
    assert not is_notice("The archive of the town council was destroyed in the fire.")


@pytest.mark.parametrize(
    "paragraph, dateline",
    [
        ("MOSCOW — The government said on Tuesday that the talks would resume.", "MOSCOW"),
        ("WASHINGTON (AP) — The Senate voted on Tuesday to extend the programme.", "WASHINGTON (AP)"),
        ("LONDON, March 3 (Reuters) - British shares fell on Tuesday as oil prices slid.", "LONDON, March 3 (Reuters)"),
        ("SAN JUAN, Puerto Rico — Power was restored to most of the island on Sunday.", "SAN JUAN, Puerto Rico"),
        ("Washington (AP) — The Senate voted on Tuesday to extend the programme.", "Washington (AP)"),
    ],
)
def test_split_dateline(paragraph, dateline):
    assert split_dateline(paragraph)[0] == dateline


@pytest.mark.parametrize(
    "paragraph",
    [
        "The council met on Tuesday — and nothing was decided at all in the end.",
        "BREAKING: The council has voted to close the library next year.",
        "Washington — the state, not the city — has the highest rate in the country.",
    ],
)
def test_no_dateline(paragraph):
    assert split_dateline(paragraph) is None


# --- dispatch ----------------------------------------------------------------------------


def test_unknown_kind_and_empty_document(make_raw):
    with pytest.raises(ExtractionError) as caught:
        extract_article(make_raw(b"x", "pdf"))
    assert caught.value.reason == "unknown-kind"
    with pytest.raises(ExtractionError) as caught:
        extract_article(make_raw(b"  \n", "html"))
    assert caught.value.reason == "no-text"


def test_binary_html_is_undecodable(make_raw):
    with pytest.raises(ExtractionError) as caught:
        extract_article(make_raw(b"\x00\x01\x02\x03\xff\xfe" * 500, "html"))
    assert caught.value.reason == "undecodable"
