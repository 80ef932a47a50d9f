"""Rules found by scoring extraction against the demo archive (bench/demo_fidelity.py), each on a golden file."""

import json
from datetime import date

from morgue.extract.bylines import clean_byline


# --- a text scrape whose header is one block of lines ---------------------------


def test_compact_header_block_is_header(extract):
    article = extract("bayside-compact-header.txt")
    assert article.headline == "Quay warehouse plan rejected after three-hour meeting"
    assert article.byline == "Carmen Winslow"
    assert article.published == date(1978, 4, 10)
    assert article.section == "Politics"
    assert article.dateline == "PORT ALLAN"
    assert len(article.body) == 3
    assert article.body[0].startswith("Councillors have rejected plans for a six-storey warehouse")


def test_compact_header_lines_removed_with_reasons(extract):
    article = extract("bayside-compact-header.txt")
    reasons = {block.text: block.reason for block in article.removed}
    assert reasons["The Bayside Herald"] == "masthead"
    assert reasons["Serving Port Allan and the Firth since 1871"] == "site chrome"
    assert reasons["Home | News | Politics | Business | Sport | Opinion"] == "navigation"
    assert reasons["You are here: Home > Politics"] == "section"
    text = " ".join(article.body)
    for chrome in ("Bayside Herald", "since 1871", "You are here", "Home |"):
        assert chrome not in text, chrome


def test_related_stories_list_is_not_body(extract):
    article = extract("bayside-compact-header.txt")
    assert not any("Fish quay traders" in p or p.startswith("*") for p in article.body)
    related = [block.text for block in article.removed if block.reason == "related links"]
    assert "* Firth Holdings buys former ropeworks site" in related
    assert "Related stories:" in related


def test_wrapped_first_paragraph_is_not_a_header_block(extract, make_raw):
    # No blank line after the headline, and the paragraph mentions a date on a line
    # of its own: still a paragraph, because its lines read as prose.
    text = (
        "Bridge to reopen\n"
        "By Anne Smith\n\n"
        "The Carrow bridge will reopen to traffic next week after repairs that began\n"
        "last winter, the county council said, and buses will return to the old route\n"
        "from the first Monday of the month.\n"
    )
    article = extract(make_raw(text.encode(), "text"))
    assert article.headline == "Bridge to reopen"
    assert article.body == (
        "The Carrow bridge will reopen to traffic next week after repairs that began last winter, the county "
        "council said, and buses will return to the old route from the first Monday of the month.",
    )


def test_bulleted_lines_are_not_joined_into_one_paragraph(extract, make_raw):
    text = (
        "What the budget means\n\n"
        "The council's budget for next year sets out three changes that every household will notice soon:\n\n"
        "* Bin collections move from weekly to fortnightly in the spring of next year\n"
        "* Parking charges rise by twenty pence an hour in every council car park\n"
    )
    article = extract(make_raw(text.encode(), "text"))
    assert article.body[1:] == (
        "* Bin collections move from weekly to fortnightly in the spring of next year",
        "* Parking charges rise by twenty pence an hour in every council car park",
    )


# --- a CMS export line with its body in HTML ---------------------------------------


def test_jsonl_body_html(extract):
    article = extract("gazette-cms-body-html.jsonl")
    assert article.headline == "Island cinema to close after 62 years"
    assert article.byline == "Tom Scarth"
    assert article.published is None  # "published": null is no date, not today
    assert article.section == "Culture"
    assert article.source_id == "hg-20417"
    assert article.dateline == "KIRKWALL"
    assert article.body == (
        "The island’s only cinema will close at the end of the month after 62 years, its owners said on Friday.",
        "Falling audiences and the cost of a new digital projector made it impossible to carry on, they said.",
        "A farewell screening is planned for the last Saturday.",
        "“We have tried everything,” said the manager, Isla Rendall.",
    )


def test_jsonl_unknown_body_key_with_html(extract, make_raw):
    record = {"headline": "Gale closes ferry", "bodyHtml": "<div>The ferry to Carrow was cancelled on Tuesday "
              "as gales of up to seventy miles an hour swept the coast.<p>Sailings resume on Thursday.</p></div>"}
    article = extract(make_raw(json.dumps(record).encode(), "jsonl"))
    assert article.body == (
        "The ferry to Carrow was cancelled on Tuesday as gales of up to seventy miles an hour swept the coast.",
        "Sailings resume on Thursday.",
    )


# --- an HTML page that dates itself only in microdata -------------------------------------


def test_microdata_date_and_headline(extract):
    article = extract("post-microdata-date.html", url="https://www.lakelandeveningpost.example/story/10047/x/")
    # The span's content attribute, not the teaser's date printed before it, nor the copyright year.
    assert article.published == date(1986, 8, 16)
    # The title's last segment looks like a host name to a site-name guess ("15.9"); it is the headline.
    assert article.headline == "Carrick Paper shares fall 15.9 per cent"
    assert article.byline == "Ruth Okonjo"
    assert article.section == "Business"


def test_a_papers_staff_is_not_a_person():
    assert clean_byline("By The Valley Evening Post staff") == ""
    assert clean_byline("By Emily Post, Staff Writer") == "Emily Post"
