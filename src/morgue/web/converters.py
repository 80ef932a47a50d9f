"""URL converters with bounds: a number too big for the database or a date is a 404, never a 500.

Django's ``<int:...>`` takes any run of digits, and
``/article/99999999999999999999/`` then overflows the database's 64-bit
integer (OverflowError, a 500). These take at most the digits that fit.
"""

from __future__ import annotations

from django.urls import register_converter


class _Digits:
    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


class IdConverter(_Digits):
    """A row's id: up to 18 digits, always below 2**63 (PostgreSQL's and SQLite's largest integer)."""

    regex = "[0-9]{1,18}"


class YearConverter(_Digits):
    """A year: up to four digits (Python's dates end at 9999)."""

    regex = "[0-9]{1,4}"


class MonthDayConverter(_Digits):
    """A month or a day of the month: one or two digits (checked against the calendar by the view)."""

    regex = "[0-9]{1,2}"


register_converter(IdConverter, "id")
register_converter(YearConverter, "year")
register_converter(MonthDayConverter, "md")
