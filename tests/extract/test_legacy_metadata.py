"""Legacy pages (2008-style: no Open Graph, no JSON-LD, often no <h1>): headline, byline and date, never invented.

Each golden file under tests/data/extract/legacy-* holds one rule of issue 12.
"""

from datetime import date

import pytest

from morgue.audit import AuditContext, find_defects
from morgue.extract.headlines import choose_headline
from morgue.extract.options import ExtractOptions

from .conftest import TODAY


def reasons(article, word):
    return [r.reason for r in article.removed if word in r.reason]


# -- headline -------------------------------------------------------------------------------------

def test_title_with_a_site_trail_loses_the_trail(extract):
    article = extract("legacy-title-trail.html")
    assert article.headline == "Chelsea hoping to sign Anelka before weekend"
    # The trail is recorded as thrown away, with why; the script's text never becomes a headline.
    assert any("Breaking News" in r.text and "site name or section" in r.reason for r in article.removed)
    assert "getElementById" not in article.headline


def test_a_title_that_is_only_the_site_is_no_headline(extract):
    article = extract("legacy-site-only-title.html")
    assert article.headline == ""
    assert reasons(article, "site's name")
    defects = [d.kind for d in find_defects(article, AuditContext())]
    assert "headline-missing" in defects


@pytest.mark.parametrize("candidates, expected", [
    # The printed <h1> and the title agree once the trail is off.
    ([("title", "Britain's fastest supercomputer unveiled | Technology | Reuters"),
      ("h1", "Britain's fastest supercomputer unveiled")], "Britain's fastest supercomputer unveiled"),
    # A site name and a section at the front, with spaced colons.
    ([("title", "SFGate: World Views : Another political murder in Moscow")], "Another political murder in Moscow"),
    # An <h1> that is the site's own name (it is the title's last part) loses to the title.
    ([("title", "Seven mobile trends to look for in 2017 - CNET"), ("h1", "CNET")],
     "Seven mobile trends to look for in 2017"),
    # A short headline beside the site's name is the headline, not a name the <h1> teaches.
    ([("title", "In praise of the parks - The Valley Evening Post"), ("h1", "In praise of the parks")],
     "In praise of the parks"),
    # Three witnesses against one: og:title, twitter and the <h1> outvote a rewritten JSON-LD headline.
    ([("ld", "Israel-Hamas War: Cancellations Mount"), ("og", "Cancellations Mount as the Industry Reacts"),
      ("twitter", "Cancellations Mount as the Industry Reacts"), ("h1", "Cancellations Mount as the Industry Reacts")],
     "Cancellations Mount as the Industry Reacts"),
    # A shortened candidate votes for the full one it begins.
    ([("og", "Taiwanese President Tsai's playbook should be essential reading for..."),
      ("h1", "Taiwanese President Tsai's playbook should be essential reading for Carrie Lam")],
     "Taiwanese President Tsai's playbook should be essential reading for Carrie Lam"),
])
def test_choose_headline_by_agreement(candidates, expected):
    assert choose_headline(candidates, ["sfgate.com", "Reuters"]).headline == expected


@pytest.mark.parametrize("text", ["Latest News", "Home", "October 20, 2023",
                                  'Title(The Korea Times)ntById("font"); obj.style.fontSize = 2'])
def test_labels_dates_and_code_are_never_headlines(text):
    choice = choose_headline([("title", text)])
    assert choice.headline == ""
    assert choice.removed


# -- byline ---------------------------------------------------------------------------------------

def test_byline_names_without_titles_and_several_authors(extract):
    article = extract("legacy-us-numeric-date.html")
    assert article.authors == ("Martha Kline", "Ed Rourke")
    assert article.byline == "Martha Kline and Ed Rourke"


def test_agency_is_a_credit_not_a_person(make_raw, extract):
    html = (b"<html><body><h1>Storm hits coast</h1><p class='byline'>By Jane Doe and The Associated Press</p>"
            b"<p>" + b"The storm reached the coast on Tuesday night, bringing heavy rain and winds. " * 4 + b"</p>"
            b"</body></html>")
    article = extract(make_raw(html, "html"))
    assert article.authors == ("Jane Doe",)
    assert article.credit.lower().endswith("associated press")


# -- date -----------------------------------------------------------------------------------------

def test_the_masthead_date_is_not_the_story_date(extract):
    article = extract("legacy-masthead-date.html")
    # "Monday, January 7, 2008" above the headline is the day the page was made; the date line is the story's.
    assert article.published == date(2007, 12, 20)


@pytest.mark.parametrize("name", ["legacy-masthead-date-only.html", "legacy-masthead-time.html"])
def test_a_page_dated_only_in_its_masthead_has_no_date(extract, name):
    article = extract(name)
    assert article.published is None


def test_masthead_time_element_is_recorded_as_thrown_away(extract):
    article = extract("legacy-masthead-time.html")
    assert any("header" in r for r in reasons(article, "date"))


def test_american_page_reads_month_first(extract):
    # "Published 01/08/2008" on an en-US page is 8 January, not 1 August.
    assert extract("legacy-us-numeric-date.html").published == date(2008, 1, 8)


def test_ambiguous_numeric_date_with_nothing_to_decide_is_unknown(extract):
    article = extract("legacy-ambiguous-date.html")
    assert article.published is None
    assert any("either way round" in r or "reads both ways" in r for r in reasons(article, "date"))
    # The archivist who knows the paper is American says so.
    told = extract("legacy-ambiguous-date.html", ExtractOptions(today=TODAY, day_first=False))
    assert told.published == date(2008, 1, 8)


def test_no_date_after_the_capture_date(extract):
    article = extract("legacy-us-numeric-date.html", ExtractOptions(today=TODAY, captured_before=date(2007, 12, 31)))
    assert article.published is None
    assert any("after the capture date 2007-12-31" in r for r in reasons(article, "date"))


def test_stated_date_after_the_warc_capture_is_thrown_away(make_raw, extract):
    from datetime import datetime, timezone

    html = (b'<html><head><meta property="article:published_time" content="2009-05-02T10:00:00Z"></head>'
            b"<body><h1>Harbour wall approved</h1><p>" + b"The council approved the wall after a long debate. " * 5
            + b"</p></body></html>")
    article = extract(make_raw(html, "html", captured_at=datetime(2008, 6, 1, tzinfo=timezone.utc)))
    assert article.published is None
    assert any("stated published date after the capture date" in r for r in reasons(article, "date"))


# -- the single plain-text scrape -----------------------------------------------------------------

@pytest.fixture
def scrape(extract):
    return extract("legacy-one-page-scrape.txt")


def test_one_page_scrape_loses_its_masthead_at_top_and_foot(scrape):
    assert scrape.headline == "Mill workers vote to accept pay offer after six weeks of talks"
    assert not any("Valley Evening Post" in p for p in scrape.body)
    assert len([r for r in scrape.removed if r.reason == "masthead"]) == 3


def test_one_page_scrape_loses_its_terms_and_copyright(scrape):
    assert not any("Terms of Use" in p or "rights reserved" in p for p in scrape.body)
    assert any(r.reason == "terms" and "constitutes acceptance" in r.text for r in scrape.removed)
    # The body ends with the story's last paragraph.
    assert scrape.body[-1].endswith("largest employer in the county.")


def test_one_page_scrape_dateline_and_date(scrape):
    assert scrape.dateline == "SPRINGFIELD, Jan. 8"
    assert scrape.body[0].startswith("Workers at the Riverside paper mill")
    # "Jan. 8" in the dateline shows the paper writes month first: 01/08/2008 is 8 January.
    assert scrape.published == date(2008, 1, 8)
    assert scrape.authors == ("Martha Kline",)


@pytest.mark.parametrize("opening, dateline", [
    ("MOSCOW (AP) — The Kremlin said", "MOSCOW (AP)"),
    ("Moscow — The Kremlin said", "Moscow"),
    ("LONDON, Aug. 28 — Britain said", "LONDON, Aug. 28"),
])
def test_datelines_however_the_paper_set_them(make_raw, extract, opening, dateline):
    text = ("Talks go on\n\n" + opening + " on Tuesday that the talks would go on for another week at least.\n\n"
            "Officials from both sides met in the capital for a third day of negotiations on the new treaty.\n")
    article = extract(make_raw(text.encode(), "text"))
    assert article.dateline == dateline
    assert article.body[0].startswith(opening.split("— ")[1])


def test_meanwhile_is_no_dateline(make_raw, extract):
    text = ("Talks go on\n\nMeanwhile — The Kremlin said on Tuesday that the talks would go on for another week.\n\n"
            "Officials from both sides met in the capital for a third day of negotiations on the new treaty.\n")
    assert extract(make_raw(text.encode(), "text")).dateline == ""


_STORY = b"<p>" + b"The council met on Tuesday night and agreed the budget after a long debate. " * 4 + b"</p>"


def test_json_ld_written_as_two_objects_or_with_a_stray_brace_still_counts(make_raw, extract):
    # One NewsArticle, its fields nested in mainEntityOfPage, then a stray brace: a CMS's real output.
    ld = (b'{"@context": "http://schema.org", "@type": "NewsArticle", "mainEntityOfPage": {"@type": "WebPage",'
          b' "headline": "Council agrees budget", "datePublished": "2020-10-26T18:10:00+01:00"}}\n}')
    html = (b"<html><head><script type='application/ld+json'>" + ld + b"</script></head><body>"
            b"<h1>Council agrees budget</h1><div class='teaser'><span class='article-date'>09.08.2020</span></div>"
            + _STORY + b"</body></html>")
    assert extract(make_raw(html, "html")).published == date(2020, 10, 26)
    from lxml import html as lxml_html

    from morgue.extract.pagemeta import read_page_metadata

    meta = read_page_metadata(lxml_html.fromstring(html))
    assert meta.published == ["2020-10-26T18:10:00+01:00"] and "Council agrees budget" in meta.headlines
    two = (b'{"@type": "NewsArticle", "datePublished": "2019-05-02"} {"@type": "BreadcrumbList"}')
    html = b"<html><head><script type='application/ld+json'>" + two + b"</script></head><body><h1>Budget</h1>" + _STORY
    assert extract(make_raw(html + b"</body></html>", "html")).published == date(2019, 5, 2)
    assert read_page_metadata(lxml_html.fromstring(html)).published == ["2019-05-02"]


def test_a_date_line_set_over_the_headline_in_its_own_block_is_the_story_date(make_raw, extract):
    html = (b"<html><body>\n<header><div class='date'>Lunes 6 de febrero de 2017</div></header>\n"
            b"<div class='nota'>\n<div class='fecha_nota'>Domingo 05 de febrero de 2017</div>\n"
            b"<h1>El consejo aprueba el presupuesto</h1>\n" + _STORY + b"</div></body></html>")
    # The masthead's date (in the page's header) is still the day's, not the story's.
    assert extract(make_raw(html, "html")).published == date(2017, 2, 5)


def test_a_line_under_the_headline_dated_as_east_asian_papers_write(make_raw, extract):
    html = ("<html><body><h1>オープンソースの十選</h1><p class='fs12'>最新TOPICS\u30002019年3月15日 09:43</p>"
            "<div>" + "議会は火曜日の夜に予算を承認した。" * 12 + "</div></body></html>").encode()
    assert extract(make_raw(html, "html")).published == date(2019, 3, 15)


def test_metadata_that_disagree_are_settled_by_the_date_the_page_prints(make_raw, extract):
    html = (b"<html><head><meta property='article:published_time' content='2023-11-06T14:25:00+00:00'>"
            b"<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"datePublished\": "
            b"\"2023-11-03T10:25:56+00:00\"}</script></head><body><h1>Mode im Herbst</h1>"
            b"<div class='byline'>Von Katharina Schmidt, 6. November 2023, 15:25 Uhr</div>" + _STORY + b"</body></html>")
    assert extract(make_raw(html, "html")).published == date(2023, 11, 6)


def test_a_date_only_in_readers_comments_is_not_the_story_date(make_raw, extract):
    html = (b"<html><body>\n<h1 class='commentary__headline'>Why the council must act</h1>\n" + _STORY
            + b"\n<ul class='commentlist'><li class='comment-def'><div class='commentmetadata date'>"
            b"<a href='#'>December 9, 2016</a></div><p>Well said.</p></li></ul></body></html>")
    article = extract(make_raw(html, "html"))
    assert article.published is None
    assert any("comments" in r for r in reasons(article, "date"))
    # A column ("commentary") is no comment: its own date line stands.
    dated = html.replace(b"</h1>\n", b"</h1>\n<div class='article-general-info'>Dec 20, 2016</div>\n")
    assert extract(make_raw(dated, "html")).published == date(2016, 12, 20)


def test_without_an_h1_the_line_under_the_heading_that_matches_the_title(make_raw, extract):
    html = (b"<html><head><title>Megablaze brought under control</title></head><body>\n"
            b"<div class='date'>Tue, 14 Jan 2020</div>\n<div><h2>Megablaze brought under control</h2>"
            b"<p>News24<br>13 Jan 2020, 22:11 GMT+10</p>\n" + _STORY + b"</div></body></html>")
    assert extract(make_raw(html, "html")).published == date(2020, 1, 13)


@pytest.mark.parametrize("line, expected", [
    (b"<ul><li><p>Label:</p><p>Sacred Bones</p></li><li><p>Reviewed:</p><p>June 7, 2019</p></li></ul>", date(2019, 6, 7)),
    (b"<div>Filed by the desk<br>Posted on <b>March 3, 2008</b></div>", date(2008, 3, 3)),
    (b"<div class='related'><p>Published:</p><p>June 9, 2019</p></div>", None),  # another story's
])
def test_a_date_the_page_labels_is_a_date_line(make_raw, extract, line, expected):
    html = b"<html><body>\n<h1>Lust for Youth</h1>\n" + _STORY + b"\n" + line + b"\n</body></html>"
    assert extract(make_raw(html, "html")).published == expected


@pytest.mark.parametrize("name, expected", [
    ("legacy-masthead-date.html", date(2007, 12, 20)), ("legacy-masthead-date-only.html", None),
    ("legacy-masthead-time.html", None),
])
def test_a_page_written_on_one_line_keeps_its_masthead_apart(make_raw, extract, name, expected):
    # Minified, or as an old CMS printed it: every element on line 1. "Above the headline" is document order.
    from pathlib import Path

    data = (Path(__file__).parents[1] / "data" / "extract" / name).read_bytes()
    one_line = b" ".join(data.split())
    assert b"\n" not in one_line
    assert extract(make_raw(one_line, "html")).published == expected


def test_a_byline_that_opens_with_by_beats_a_list_of_names_marked_as_authors(make_raw, extract):
    html = ("<html><body>\n<div class='authors'>Auteurs <span>Pierre Puchot</span> <span>Léo Guy-Denarcy</span>"
            " <span>Barbara Stiegler</span></div>\n<h1>La démocratie en question</h1>\n"
            "<p class='byline'>Par <a>Barbara Stiegler</a></p>\n<p>" + "La ville a voté mardi soir le budget après un long débat. " * 5
            + "</p></body></html>").encode()
    assert extract(make_raw(html, "html")).authors == ("Barbara Stiegler",)
