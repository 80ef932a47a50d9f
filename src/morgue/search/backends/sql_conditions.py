"""The SQL half of a compiled query, shared by the SQLite FTS5 and PostgreSQL compilers.

A full-text index matches words and phrases; dates, sections, and boolean
mixes of those with words are conditions on the row ``d`` (its ``day``
number and folded ``section_key``). Both SQL backends build them the same
way and differ only in the dialect (placeholders, true and false) and in
how a text clause is matched, which each passes in.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from morgue.search.backends.base import day_number
from morgue.search.dates import DateRange
from morgue.search.tree import AllOf, AnyOf, Phrase, Term


@dataclass(frozen=True)
class Dialect:
    """How a database spells a parameter, true and false."""

    placeholder: str
    true: str
    false: str


SQLITE = Dialect("?", "1", "0")
POSTGRES = Dialect("%s", "TRUE", "FALSE")


def fold(text: str) -> str:
    """A keyword as compared: lower-case, no accents, single spaces ("Local  News" -> "local news")."""
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def condition(clause, dialect: Dialect, text_of: Callable[[object], str | None],
              matching: Callable[[object], tuple[str, list]]) -> tuple[str, list]:
    """Return an SQL condition on the row ``d`` for ``clause``, and its parameters.

    ``text_of(clause)`` is the backend's full-text expression for a clause
    (None when it holds a date or a section); ``matching(clause)`` the
    condition that a row matches such an expression.
    """
    if isinstance(clause, DateRange):
        return dates(clause, dialect)
    if isinstance(clause, AllOf) and not clause.clauses and not clause.excluded:
        return dialect.true, []
    if isinstance(clause, AnyOf | AllOf) and (text_of(clause) is None or not (
            clause.options if isinstance(clause, AnyOf) else clause.clauses)):
        joiner = " OR " if isinstance(clause, AnyOf) else " AND "
        parts = clause.options if isinstance(clause, AnyOf) else clause.clauses
        sqls, params = [], []
        for c in parts:
            sql, p = condition(c, dialect, text_of, matching)
            sqls.append(f"({sql})")
            params += p
        for c in getattr(clause, "excluded", ()):
            sql, p = condition(c, dialect, text_of, matching)
            # NOT on an undated article's NULL is NULL: it still matches no date.
            sqls.append(f"NOT ({sql})")
            params += p
        return (joiner.join(sqls) or dialect.true), params
    if isinstance(clause, Term | Phrase) and clause.field == "section":
        if isinstance(clause, Term) and clause.prefix:
            key = fold(clause.text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            return f"d.section_key LIKE {dialect.placeholder} ESCAPE '\\'", [key + "%"]
        return f"d.section_key = {dialect.placeholder}", [fold(clause.text)]
    if isinstance(clause, Term | Phrase) and clause.field == "topic":
        # topics_key holds the folded topics between bars: "|earn|interest rates|".
        key = fold(clause.text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%|{key}%" if isinstance(clause, Term) and clause.prefix else f"%|{key}|%"
        return f"d.topics_key LIKE {dialect.placeholder} ESCAPE '\\'", [pattern]
    return matching(clause)


def topics_key(topics) -> str:
    """Return the folded topics as the SQL backends store them: "|earn|interest rates|" ("" for none)."""
    return "|" + "|".join(fold(t).replace("|", " ") for t in topics) + "|" if topics else ""


def dates(r: DateRange, dialect: Dialect) -> tuple[str, list]:
    """Return the condition that the row's day falls in ``r`` (an undated row never does)."""
    p = dialect.placeholder
    if r.empty:
        return dialect.false, []
    if r.start is None and r.end is None:
        return "d.day IS NOT NULL", []
    if r.start is None:
        return f"d.day <= {p}", [day_number(r.end)]
    if r.end is None:
        return f"d.day >= {p}", [day_number(r.start)]
    return f"d.day BETWEEN {p} AND {p}", [day_number(r.start), day_number(r.end)]
