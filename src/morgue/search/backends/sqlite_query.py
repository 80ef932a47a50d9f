"""The query tree compiled for SQLite FTS5: one MATCH expression for ranking, SQL for the rest.

User words reach FTS5 only inside double-quoted strings (quotes doubled),
which FTS5 reads as plain text to tokenize, never as operators; every other
value is an SQL parameter.
"""

from __future__ import annotations

from dataclasses import dataclass

from morgue.search.backends.sql_conditions import SQLITE, condition
from morgue.search.dates import DateRange
from morgue.search.query import ENTITY_FIELDS, KEYWORD_FIELDS
from morgue.search.tree import AllOf, AnyOf, Query, Term, stem_prefixes

# The columns a bare word searches (the section is matched only by section:).
ANYWHERE = "{headline body byline dateline}"
# Porter stems only these columns' words in a way that matters for prefixes.
_STEMMED_FIELDS = (None, "headline", "body", *ENTITY_FIELDS)


@dataclass(frozen=True)
class Plan:
    """How to run a query: ``match`` for FTS5 (None: no words to rank by) and an SQL condition."""

    match: str | None
    where: str
    params: tuple


def quote(text: str) -> str:
    """``text`` as an FTS5 string: read as words to tokenize, never as syntax."""
    return '"' + text.replace('"', '""') + '"'


class FtsCompiler:
    """Turns a query tree into a Plan over the tables ``fts`` and ``doc d``."""

    def __init__(self, columns: tuple[str, ...]):
        self.columns = columns

    def compile(self, query: Query) -> Plan:
        # Text clauses at the top are ranked by one MATCH; the rest become SQL.
        ranked = [c for c in query.clauses if self.match(c) is not None]
        if not ranked:
            where, params = self._sql(AllOf(query.clauses, query.excluded))
            return Plan(None, where, tuple(params))
        text = " AND ".join(f"({self.match(c)})" for c in ranked)
        others, excluded = [], []
        for c in query.excluded:
            if self.match(c) is not None:
                text += f" NOT ({self.match(c)})"
            else:
                excluded.append(c)
        others = [c for c in query.clauses if self.match(c) is None]
        where, params = self._sql(AllOf(tuple(others), tuple(excluded)))
        return Plan(text, where, tuple(params))

    def match(self, clause) -> str | None:
        """The FTS5 expression for a clause, or None when it holds a date (not FTS5's to match)."""
        if isinstance(clause, DateRange):
            return None
        if isinstance(clause, AnyOf):
            parts = [self.match(o) for o in clause.options]
            return None if None in parts else " OR ".join(f"({p})" for p in parts)
        if isinstance(clause, AllOf):
            parts = [self.match(c) for c in clause.clauses]
            cuts = [self.match(c) for c in clause.excluded]
            if None in parts or None in cuts:
                return None
            return " AND ".join(f"({p})" for p in parts) + "".join(f" NOT ({c})" for c in cuts)
        if clause.field in KEYWORD_FIELDS:
            return None  # a keyword, matched in SQL
        field = clause.field if clause.field in self.columns else None
        columns = "{" + field + "}" if field else ANYWHERE
        if isinstance(clause, Term) and clause.prefix:
            cuts = stem_prefixes(clause.text.lower(), field in _STEMMED_FIELDS)
            words = " OR ".join([quote(clause.text) + " *", *map(quote, cuts)])
            return f"{columns} : ({words})"
        return f"{columns} : {quote(clause.text)}"

    def _sql(self, clause) -> tuple[str, list]:
        """An SQL condition on the row ``d`` for a clause, and its parameters."""
        return condition(clause, SQLITE, self.match,
                         lambda c: ("d.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)", [self.match(c)]))
