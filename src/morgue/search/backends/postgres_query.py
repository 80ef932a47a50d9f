"""The query tree compiled for PostgreSQL: one tsquery for ranking, SQL for the rest.

User words reach ``to_tsquery`` only inside single-quoted tsquery strings
(quotes and backslashes doubled), which PostgreSQL reads as text to parse
into lexemes, never as operators: ``'a&b|c'`` is the words a, b, c in a row.
That string is itself always an SQL parameter, as is every other value.
Field filters use the tsvector's weights: the headline is weight A, the body
B, the byline C and the dateline D, so ``headline:fire`` is ``'fire':A``.
"""

from __future__ import annotations

from dataclasses import dataclass

from morgue.search.backends.sql_conditions import POSTGRES, condition
from morgue.search.dates import DateRange
from morgue.search.query import KEYWORD_FIELDS
from morgue.search.tree import AllOf, AnyOf, Phrase, Query, Term, stem_prefixes

# The text search configuration the backend creates (see postgres.ensure_config).
CONFIG = "morgue_english"
WEIGHT_OF = {"headline": "A", "body": "B", "byline": "C", "dateline": "D"}
# The names and quotations live in a second tsvector, ``names``, one weight a field.
NAME_WEIGHT_OF = {"person": "A", "org": "B", "place": "C", "quote": "D"}
# ts_rank_cd's weights in {D, C, B, A} order, each at most 1: the same ratios
# as tantivy's boosts (headline 3, body 1, byline and dateline 0.5).
RANK_WEIGHTS = "ARRAY[0.1667, 0.1667, 0.3333, 1.0]::float4[]"
TSQUERY = f"to_tsquery('{CONFIG}', %s)"


@dataclass(frozen=True)
class Plan:
    """How to run a query: a tsquery to match and rank by (None: no words), an SQL condition.

    ``marks`` is a tsquery of every wanted word (OR), for highlighting, and
    ``words`` the plain text of those words, to find the passage to show.
    """

    match: str | None
    where: str
    params: tuple
    marks: str | None = None
    words: str = ""


# PostgreSQL's parser reads "<b>" as a tag, "&amp;" as an entity, "/b" as a path; the index
# sees those characters as separators (postgres._MARKUP), so queries do too.
_MARKUP = str.maketrans({"<": " ", ">": " ", "&": " ", "/": " "})


def quote(text: str) -> str:
    """``text`` as a tsquery string: parsed into lexemes, never read as operators."""
    return "'" + text.translate(_MARKUP).replace("\\", "\\\\").replace("'", "''") + "'"


class TsqueryCompiler:
    """Turns a query tree into a Plan over the table ``d``."""

    def compile(self, query: Query) -> Plan:
        # Text clauses at the top are matched and ranked by one tsquery; the rest become SQL.
        ranked = [c for c in query.clauses if self.tsquery(c) is not None]
        leaves = [leaf for c in query.clauses for leaf in _leaves(c)]
        marks = " | ".join(f"({self.tsquery(leaf)})" for leaf in leaves) or None
        words = " ".join(leaf.text for leaf in leaves)
        if not ranked:
            where, params = self._sql(AllOf(query.clauses, query.excluded))
            return Plan(None, where, tuple(params), marks, words)
        text = " & ".join(f"({self.tsquery(c)})" for c in ranked)
        excluded = []
        for c in query.excluded:
            if self.tsquery(c) is not None:
                text += f" & !({self.tsquery(c)})"
            else:
                excluded.append(c)
        others = [c for c in query.clauses if self.tsquery(c) is None]
        where, params = self._sql(AllOf(tuple(others), tuple(excluded)))
        return Plan(text, where, tuple(params), marks, words)

    def tsquery(self, clause) -> str | None:
        """The tsquery text for a clause, or None when it holds a date or a section (SQL's to match)."""
        if isinstance(clause, DateRange):
            return None
        if isinstance(clause, AnyOf):
            parts = [self.tsquery(o) for o in clause.options]
            return None if None in parts else " | ".join(f"({p})" for p in parts)
        if isinstance(clause, AllOf):
            parts = [self.tsquery(c) for c in clause.clauses]
            cuts = [self.tsquery(c) for c in clause.excluded]
            if None in parts or None in cuts or not parts:
                return None
            return " & ".join(f"({p})" for p in parts) + "".join(f" & !({c})" for c in cuts)
        if clause.field in KEYWORD_FIELDS or clause.field in NAME_WEIGHT_OF:
            return None  # a keyword, or a name or quotation (in ``names``): matched in SQL
        weight = WEIGHT_OF.get(clause.field, "")
        if isinstance(clause, Term) and clause.prefix:
            # Every field is stemmed, so a prefix typed past a stem matches the stem too.
            cuts = stem_prefixes(clause.text.lower(), True)
            return " | ".join([f"{quote(clause.text)}:*{weight}",
                               *(f"{quote(c)}{':' + weight if weight else ''}" for c in cuts)])
        return quote(clause.text) + (f":{weight}" if weight else "")

    def _sql(self, clause) -> tuple[str, list]:
        """An SQL condition on the row ``d`` for a clause, and its parameters."""
        return condition(clause, POSTGRES, self.tsquery, self._matching)

    def _matching(self, clause) -> tuple[str, list]:
        if isinstance(clause, Term | Phrase) and clause.field in NAME_WEIGHT_OF:
            return f"d.names @@ {TSQUERY}", [self._names_tsquery(clause)]
        return f"d.doc @@ {TSQUERY}", [self.tsquery(clause)]

    @staticmethod
    def _names_tsquery(clause) -> str:
        weight = NAME_WEIGHT_OF[clause.field]
        if isinstance(clause, Term) and clause.prefix:
            return f"{quote(clause.text)}:*{weight}"
        return f"{quote(clause.text)}:{weight}"


def _leaves(clause) -> list[Term | Phrase]:
    """The words and phrases a clause wants (not those it excludes), sections left out."""
    if isinstance(clause, AnyOf):
        return [leaf for o in clause.options for leaf in _leaves(o)]
    if isinstance(clause, AllOf):
        return [leaf for c in clause.clauses for leaf in _leaves(c)]
    if isinstance(clause, Term | Phrase) and clause.field not in KEYWORD_FIELDS:
        return [clause]
    return []

