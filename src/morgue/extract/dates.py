"""Dates as newspapers write them → datetime.date, without guessing.

Understands ISO 8601 (and its compact NITF form 19870303T000000), 1987.03.03,
1987年3月3日,
"3 March 1987", "Tuesday, March 3, 1987", "Mar. 3 1987" and numeric
03/03/1987. A numeric date that reads both ways is read month-first only when
that is the only valid reading or when the document writes its other dates the
American way.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # German, French, Spanish, Italian, Portuguese and Dutch names, as old European pages print them.
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12, "janvier": 1, "février": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "enero": 1, "febrero": 2, "marzo": 3,
    "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
    "noviembre": 11, "diciembre": 12, "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6,
    "luglio": 7, "settembre": 9, "ottobre": 10, "dicembre": 12, "janeiro": 1, "fevereiro": 2, "março": 3,
    "maio": 5, "junho": 6, "julho": 7, "setembro": 9, "outubro": 10, "dezembro": 12, "januari": 1,
    "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"

_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?![\d])")
# Year first reads one way only, with slashes or (as East Asian and Hungarian papers print it) dots.
_ISO_SLASH = re.compile(r"\b(?P<year>\d{4})(?P<sep>[/.])(?P<month>[01]?\d)(?P=sep)(?P<day>[0-3]?\d)\b(?![.]\d)")
# Chinese and Japanese 2019年3月15日, Korean 2019년 3월 15일.
_CJK = re.compile(r"(?P<year>\d{4})\s*[年년]\s*(?P<month>[01]?\d)\s*[月월]\s*(?P<day>[0-3]?\d)\s*[日일]")
_COMPACT = re.compile(r"^(?P<year>\d{4})(?P<month>[01]\d)(?P<day>[0-3]\d)(?:T\d{4,6})?")
_DAY_MONTH = re.compile(rf"\b{_DAY}\.?\s+(?:of\s+|de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}\b", re.I)
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)
# A dateline's "Jan. 8" or "8 January" without the year still shows the order the paper writes.
_MONTH_DAY_NO_YEAR = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+\d{{4}})(?![:.]\d)", re.I)
_DAY_MONTH_NO_YEAR = re.compile(rf"\b{_DAY}\.?\s+(?:of\s+|de\s+)?{_MONTH}\b(?!,?\s+(?:de\s+)?\d{{4}})", re.I)
_NUMERIC = re.compile(r"\b(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>\d{4}|\d{2})\b")

# Dates from a structured source may carry a time and a zone; the date part
# as written is the newspaper's date, so only it is read.
_STRUCTURED = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?(\d{4})", re.I)


def parse_date(text: str, day_first: bool | None = None, *, today: date | None = None) -> date | None:
    """Return the first date written in ``text``, or None if there is none.

    ``day_first`` settles numeric dates that read both ways (03/04/1987);
    None means nothing settles it, and such a date is unknown (None): the
    archive never guesses a day. ``today`` pivots two-digit years.
    """
    if not text:
        return None
    text = text.strip()
    match = _COMPACT.match(text)
    if match:
        return _make(match["year"], match["month"], match["day"])
    found = _first_match(text)
    if found is None:
        return None
    pattern, match = found
    if pattern is _NUMERIC:
        return _numeric(match, day_first, today or date.today())
    if pattern in (_DAY_MONTH, _MONTH_DAY):
        return _make(match["year"], MONTHS[match["month"].lower()], match["day"])
    return _make(match["year"], match["month"], match["day"])


def find_date_span(text: str) -> tuple[int, int] | None:
    """Return (start, end) of the first date written in ``text``, or None."""
    found = _first_match(text)
    if found is None:
        return None
    return found[1].span()


def parse_structured_date(value: object) -> date | None:
    """Return the date of a machine-written value (ISO string, NITF compact form, Unix time)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        # Exports write Unix time in seconds or milliseconds.
        seconds = value / 1000 if value > 10_000_000_000 else value
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    match = _STRUCTURED.match(value)
    if match:
        return _make(*match.groups())
    return parse_date(value)


def day_first_hint(text: str) -> bool | None:
    """Return whether the document writes dates day-first (True), month-first (False), or None if it does not say.

    "March 3, 1987" is American and so is an unambiguous 12/25/1987;
    "3 March 1987" and 25/12/1987 are not.
    """
    us = len(_MONTH_DAY.findall(text)) + len(_MONTH_DAY_NO_YEAR.findall(text))
    world = len(_DAY_MONTH.findall(text)) + len(_DAY_MONTH_NO_YEAR.findall(text))
    for match in _NUMERIC.finditer(text):
        a, b = int(match["a"]), int(match["b"])
        if a > 12 >= b:
            world += 1
        elif b > 12 >= a:
            us += 1
    if us == world:
        return None
    return world > us


def latest_plausible(captured_at: datetime | None, today: date) -> date:
    """Return the latest publication date believable for a document.

    A page cannot be published after it was captured, nor after today. The
    capture time is UTC while the page writes its own local date, which can
    be up to 14 hours ahead (UTC+14, Line Islands), hence the margin.
    """
    if captured_at is None:
        return today
    local = (captured_at + timedelta(hours=14)).date()
    return min(local, today)


def is_plausible(value: date | None, earliest: date, latest: date) -> bool:
    """Return True if ``value`` is a date within [earliest, latest]."""
    return value is not None and earliest <= value <= latest


def _first_match(text: str) -> tuple[re.Pattern, re.Match] | None:
    """Return the pattern and match of the date that starts first in ``text``."""
    best = None
    for pattern in (_ISO, _ISO_SLASH, _CJK, _DAY_MONTH, _MONTH_DAY, _NUMERIC):
        match = pattern.search(text)
        if match and (best is None or match.start() < best[1].start()):
            best = (pattern, match)
    return best


def _numeric(match: re.Match, day_first: bool | None, today: date) -> date | None:
    """Return the date of a numeric match such as 03/04/1987 or 3.4.87."""
    a, b = int(match["a"]), int(match["b"])
    year = int(match["year"])
    if len(match["year"]) == 2:
        # Two-digit years: the latest century that does not put it in the future.
        year += 2000 if year <= today.year % 100 else 1900
    if match["sep"] == ".":
        # Dotted dates are European: 3.4.1987 is 3 April.
        day_first = True
    if a > 12:
        return _make(year, b, a)
    if b > 12:
        return _make(year, a, b)
    if a == b:
        return _make(year, a, b)
    if day_first is None:
        return None  # 03/04/1987 with nothing to say which is the day: unknown, not guessed
    if day_first is False:
        return _make(year, a, b)
    return _make(year, b, a)


def is_ambiguous(text: str) -> bool:
    """Return True if the first date in ``text`` is numeric and reads as two different days (03/04/1987)."""
    found = _first_match(text)
    if found is None or found[0] is not _NUMERIC:
        return False
    match = found[1]
    a, b = int(match["a"]), int(match["b"])
    return match["sep"] != "." and a != b and a <= 12 and b <= 12


def day_first_for_language(language: str) -> bool | None:
    """Return the day/month order a page's language and country imply (en-US month first), or None.

    English without a country says nothing (American and British pages share it).
    """
    language = (language or "").replace("_", "-").lower()
    primary, _, country = language.partition("-")
    if not primary:
        return None
    if country in ("us", "ph", "fm", "mh", "pw") or (primary == "en" and country == "us"):
        return False
    if primary == "en" and not country:
        return None
    return True


def _make(year: object, month: object, day: object) -> date | None:
    """Return date(year, month, day), or None if that day does not exist."""
    try:
        return date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


_DATE_LINE_FILLER = re.compile(
    r"\b(?:first |last |originally )?(?:published|posted|updated|modified|filed|printed|dated?|issued?|edition"
    r"|on|at|in|of|the|gmt|bst|utc|est|edt|cst|cdt|pst|pdt|cet|cest|am|pm|a\.m\.|p\.m\.|noon|midnight"
    r"|mon|tue|tues|wed|thu|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|today|yesterday|local time)\b|\d{1,2}[:.]\d{2}|[\s\d:,.|/\-–—()+]"
    # Any time zone's abbreviation in capitals ("PT", "ET", "AMT", "IST").
    r"|(?-i:\b[A-Z]{2,4}\b)",
    re.I,
)
_MODIFIED_LEAD = re.compile(r"^\W*(?:last )?(?:updated|modified|revised)\b", re.I)


def read_date_line(line: str, day_first: bool | None = None, *, today: date | None = None) -> tuple[str, date] | None:
    """Return ("published" or "modified", date) if the line is only a date, else None.

    "Published 3 March 1987", "Updated: Tuesday, March 3, 1987 5:00 pm" and
    "1987-03-03" are date lines; a sentence that mentions a date is not.
    """
    line = line.strip()
    if not line or len(line) > 100:
        return None
    span = find_date_span(line)
    if span is None:
        return None
    leftover = _DATE_LINE_FILLER.sub("", line[: span[0]] + " " + line[span[1]:])
    if len(leftover) > 2:
        return None
    value = parse_date(line[span[0]: span[1]], day_first, today=today)
    if value is None:
        return None
    return ("modified" if _MODIFIED_LEAD.match(line) else "published"), value


def guess_published(tree: HtmlElement, url: str | None, earliest: date, latest: date) -> date | None:
    """Return htmldate's guess at a parsed page's publication date within [earliest, latest], or None.

    A guess of 1 January of a year the page's copyright line names is only
    that copyright year, and no date.
    """
    from htmldate import find_date  # a heavy import, needed only for HTML pages that state no date

    try:
        found = find_date(
            tree,
            url=url,
            original_date=True,
            # Extensive search guesses from free text and returns copyright years.
            extensive_search=False,
            min_date=earliest.isoformat(),
            max_date=latest.isoformat(),
            outputformat="%Y-%m-%d",
        )
    except (RecursionError, ValueError, TypeError, AttributeError):
        return None
    parsed = parse_structured_date(found) if found else None
    if not is_plausible(parsed, earliest, latest):
        return None
    if (parsed.month, parsed.day) == (1, 1) and parsed.year in _copyright_years(tree):
        return None
    return parsed


def _copyright_years(tree: HtmlElement) -> set[int]:
    """Return the years a parsed page's copyright lines name."""
    years: set[int] = set()
    for text in tree.xpath("//text()[contains(., '©') or contains(., 'opyright') or contains(., '(c)')]"):
        years.update(int(y) for y in _COPYRIGHT_YEAR.findall(text))
    return years
