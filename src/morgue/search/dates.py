"""Date filters of the search language: date:2008-08, date:1998..2008, before:, after:."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from morgue.search.errors import QueryError

_WHEN = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
_HELP = ("write a year (2008), a month (2008-08), a day (2008-08-15) "
         "or a range (1998..2008)")


@dataclass(frozen=True)
class DateRange:
    """Articles published from ``start`` to ``end``, both included; None leaves a side open.

    An undated article never matches a DateRange. ``start > end`` matches nothing.
    """

    start: date | None = None
    end: date | None = None

    @property
    def empty(self) -> bool:
        return self.start is not None and self.end is not None and self.start > self.end

    def __str__(self) -> str:
        if self.start is None:
            return f"before:{self.end + timedelta(days=1)}" if self.end else "date:.."
        if self.end is None:
            return f"after:{self.start - timedelta(days=1)}"
        return f"date:{self.start}..{self.end}"


def parse_date_filter(name: str, value: str) -> DateRange:
    """The DateRange that ``name:value`` (name being date, before or after) stands for."""
    value = value.strip()
    if name == "date":
        if ".." in value:
            low, _, high = value.partition("..")
            start = _period(low, value)[0] if low else None
            end = _period(high, value)[1] if high else None
            if start is None and end is None:
                raise QueryError(f"could not understand the date '{value}': {_HELP}")
            if start and end and start > end:
                start, end = _period(high, value)[0], _period(low, value)[1]
            return DateRange(start, end)
        return DateRange(*_period(value, value))
    first, last = _period(value, value)
    nothing = DateRange(date.max, date.min)
    if name == "before":
        # "before:2001" ends on the last day of 2000; date.min has no day before it.
        return DateRange(None, first - timedelta(days=1)) if first > date.min else nothing
    # "after:1999-12-31" starts on 2000-01-01.
    return DateRange(last + timedelta(days=1), None) if last < date.max else nothing


def _period(text: str, whole: str) -> tuple[date, date]:
    """The first and last day of the year, month or day written in ``text``."""
    m = _WHEN.match(text.strip())
    if not m:
        raise QueryError(f"could not understand the date '{whole}': {_HELP}")
    year = int(m[1])
    month = int(m[2]) if m[2] else None
    day = int(m[3]) if m[3] else None
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, day), date(year, month, day)
    except ValueError as e:
        raise QueryError(f"could not understand the date '{whole}': {e}; {_HELP}") from None
