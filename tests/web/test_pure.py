"""The site's pure parts: the date hierarchy, JSON-LD, search text refinement, page numbers."""

import json
from datetime import date, datetime, timezone

from morgue.web import dates, jsonld, querytext


def test_decades_years_months_days():
    years = [(1994, 3), (1999, 2), (2001, 5)]
    assert [(p.label, p.count, p.key) for p in dates.decades(years)] == [("1990s", 5, (1990,)), ("2000s", 5, (2000,))]
    assert [p.label for p in dates.years_in_decade(years, 1990)] == ["1994", "1999"]
    assert [(p.label, p.key) for p in dates.months(1994, [(3, 2), (11, 1)])] == [("March 1994", (1994, 3)), ("November 1994", (1994, 11))]
    days = dates.days(1994, 3, [(date(1994, 3, 15), 2), (date(1994, 3, 2), 1)])
    assert [(p.label, p.count) for p in days] == [("2 March 1994", 1), ("15 March 1994", 2)]
    assert dates.month_range(1999, 12) == (date(1999, 12, 1), date(2000, 1, 1))
    assert dates.decade_of(2009) == 2000


def test_news_article_jsonld_only_states_known_dates_and_cannot_break_out():
    correction = jsonld.PublishedCorrection(2, "correction", datetime(2024, 5, 1, 12, tzinfo=timezone.utc), "The mayor's name was misspelt.")
    data = jsonld.news_article(url="https://a.example/article/1/", headline="</script><script>alert(1)</script>",
                               byline="Jane Roe", section="News", published=None, modified=None, corrections=[correction])
    assert "datePublished" not in data and "dateModified" not in data
    assert data["correction"] == [{"@type": "CorrectionComment", "text": "The mayor's name was misspelt.",
                                   "datePublished": "2024-05-01T12:00:00+00:00"}]
    script = jsonld.jsonld_script(data)
    inner = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and json.loads(inner)["headline"] == "</script><script>alert(1)</script>"
    dated = jsonld.news_article(url="u", headline="h", byline="", section="", published=date(2004, 1, 2),
                                modified=date(2004, 1, 3), corrections=[])
    assert dated["datePublished"] == "2004-01-02" and "author" not in dated and "correction" not in dated


def test_refining_a_search():
    assert querytext.section_filter("News") == "section:News"
    assert querytext.section_filter("Local news") == 'section:"Local news"'
    assert querytext.date_filter("decade", "1990s") == "date:1990..1999"
    assert querytext.date_filter("year", "1994") == "date:1994"
    assert querytext.refine("bridge", "section:News") == "bridge section:News"
    assert querytext.refine("bridge section:News", "section:News") == "bridge section:News"


def test_page_numbers_show_gaps():
    assert querytext.page_numbers(1, 1) == [1]
    assert querytext.page_numbers(1, 3) == [1, 2, 3]
    assert querytext.page_numbers(10, 20) == [1, None, 8, 9, 10, 11, 12, None, 20]
