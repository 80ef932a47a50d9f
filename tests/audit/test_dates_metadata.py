"""Dates and metadata."""

from datetime import date, datetime

import pytest

from morgue.audit import AuditContext, find_defects

from .helpers import article, of_kind

TEXT = "The talks in Dushanbe ended on Tuesday."
TODAY = date(2024, 6, 1)


def kinds(art, **context):
    return {d.kind for d in find_defects(art, AuditContext(today=TODAY, **context))}


def test_clean_dates_and_metadata_raise_nothing():
    art = article(TEXT, published=date(2004, 3, 20), modified=date(2004, 3, 21))
    assert kinds(art, founded=1990, captured_at=datetime(2010, 1, 1, 12)) == set()


def test_date_missing():
    [defect] = of_kind(find_defects(article(TEXT, published=None)), "date-missing")
    assert defect.field == "published"


def test_date_in_future_of_capture_and_of_today():
    art = article(TEXT, published=date(2012, 3, 20))
    assert "date-in-future" in kinds(art, captured_at=date(2010, 1, 1))
    assert "date-in-future" in kinds(article(TEXT, published=date(2030, 3, 20)))


def test_date_before_founding():
    assert "date-before-founding" in kinds(article(TEXT, published=date(1880, 3, 20)), founded=1903)
    assert "date-before-founding" not in kinds(article(TEXT, published=date(1880, 3, 20)))


def test_modified_before_published():
    assert "modified-before-published" in kinds(article(TEXT, published=date(2004, 3, 20), modified=date(2004, 3, 1)))


def test_day_month_swap_from_url_date():
    art = article(TEXT, published=date(2004, 3, 5))
    [defect] = of_kind(find_defects(art, AuditContext(today=TODAY, url_date=date(2004, 5, 3))), "date-day-month-swap")
    assert defect.suggestion == "2004-05-03"


def test_day_month_swap_from_modified_date():
    art = article(TEXT, published=date(2004, 11, 2), modified=date(2004, 2, 15))
    [defect] = of_kind(find_defects(art, AuditContext(today=TODAY)), "date-day-month-swap")
    assert defect.suggestion == "2004-02-11"


def test_no_swap_without_contradicting_evidence():
    assert "date-day-month-swap" not in kinds(article(TEXT, published=date(2004, 3, 5)), url_date=date(2004, 3, 5))
    assert "date-day-month-swap" not in kinds(article(TEXT, published=date(2004, 3, 25)), url_date=date(2004, 5, 3))


@pytest.mark.parametrize("headline, kind", [
    ("", "headline-missing"),
    ("Home", "headline-boilerplate"),
    ("Untitled", "headline-boilerplate"),
    ("index", "headline-boilerplate"),
    ("The Daily Courier", "headline-boilerplate"),
])
def test_headline_defects(headline, kind):
    assert kind in kinds(article(TEXT, headline=headline), site_name="The Daily Courier")


@pytest.mark.parametrize("byline", ["Email the author", "Staff", "By Staff", "March 5, 2004", "2004-03-05", "news@example.com"])
def test_bylines_that_are_not_names(byline):
    assert "byline-not-a-name" in kinds(article(TEXT, byline=byline))


@pytest.mark.parametrize("byline", ["Anna Smith", "By John O'Neill and Maria García", "Dmitry Peskov, Moscow correspondent"])
def test_real_bylines(byline):
    assert "byline-not-a-name" not in kinds(article(TEXT, byline=byline))


def test_section_missing():
    assert "section-missing" in kinds(article(TEXT, section=""))
