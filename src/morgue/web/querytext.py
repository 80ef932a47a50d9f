"""Search text helpers for the search page: refining a query with a facet, paging windows."""

from __future__ import annotations

import re

# A section name that is a single plain word needs no quotes in the query language.
_BARE = re.compile(r"^[\w.-]+$")


def section_filter(section: str) -> str:
    """Return the query-language filter for one section (quoted unless it is one plain word)."""
    if _BARE.match(section):
        return f"section:{section}"
    return 'section:"' + section.replace('"', "") + '"'


def name_filter(field: str, name: str) -> str:
    """Return the filter for a person's, organisation's or place's name (``person:"Sergei Lavrov"``)."""
    if _BARE.match(name):
        return f"{field}:{name}"
    return f'{field}:"' + name.replace('"', "") + '"'


def date_filter(facet: str, value: str) -> str:
    """Return the date filter for a year ("1998") or decade ("1990s") facet value."""
    if facet == "decade":
        start = int(value.rstrip("s"))
        return f"date:{start}..{start + 9}"
    return f"date:{value}"


def refine(text: str, clause: str) -> str:
    """Return the search text with ``clause`` added, unless it is there already."""
    text = text.strip()
    if clause in text.split() or clause in text:
        return text
    return f"{text} {clause}".strip()


def page_numbers(current: int, last: int, around: int = 2) -> list[int | None]:
    """Return the page numbers to link, with None where a gap is shown (1 … 4 5 6 … 20)."""
    shown = sorted({1, last, *range(max(1, current - around), min(last, current + around) + 1)})
    numbers: list[int | None] = []
    previous = 0
    for n in shown:
        if previous and n - previous > 1:
            numbers.append(None)
        numbers.append(n)
        previous = n
    return numbers
