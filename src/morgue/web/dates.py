"""The date hierarchy of the archive (decade → year → month → day) as plain data, no database."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Period:
    """One step of the hierarchy: its label, how many articles it holds, and its URL arguments."""

    label: str
    count: int
    key: tuple[int, ...]


def calendar_year(text: str) -> int | None:
    """Return the year a query parameter names, if a date can hold it (1 to 9999); else None ("0", "99999", "x")."""
    text = text.strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 4):
        return None
    year = int(text)
    return year if year >= 1 else None


def decade_of(year: int) -> int:
    """Return the first year of the decade ``year`` falls in (1994 → 1990)."""
    return year - year % 10


def decades(year_counts: Iterable[tuple[int, int]]) -> list[Period]:
    """Return decades with their article counts, oldest first, from (year, count) pairs."""
    totals: dict[int, int] = {}
    for year, count in year_counts:
        totals[decade_of(year)] = totals.get(decade_of(year), 0) + count
    return [Period(f"{start}s", n, (start,)) for start, n in sorted(totals.items())]


def years_in_decade(year_counts: Iterable[tuple[int, int]], start: int) -> list[Period]:
    """Return the years of the decade beginning ``start`` that hold articles, oldest first."""
    return [Period(str(year), n, (year,)) for year, n in sorted(year_counts) if decade_of(year) == start and n]


def months(year: int, month_counts: Iterable[tuple[int, int]]) -> list[Period]:
    """Return the months of ``year`` that hold articles, January first."""
    return [Period(f"{calendar.month_name[m]} {year}", n, (year, m)) for m, n in sorted(month_counts) if n]


def days(year: int, month: int, day_counts: Iterable[tuple[date, int]]) -> list[Period]:
    """Return the days of a month that hold articles, first day first."""
    return [Period(f"{d.day} {calendar.month_name[month]} {year}", n, (year, month, d.day))
            for d, n in sorted(day_counts) if n and (d.year, d.month) == (year, month)]


def month_range(year: int, month: int) -> tuple[date, date]:
    """Return the first day of a month and the first day of the next (raises ValueError for no such month)."""
    first = date(year, month, 1)
    return first, date(year + month // 12, month % 12 + 1, 1)
