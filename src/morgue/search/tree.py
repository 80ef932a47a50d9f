"""The query tree: what a parsed search asks for, as plain frozen data.

Backends compile a Query into their engine's own query objects. User text
appears here only as values (a word, a phrase), never as engine syntax.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from morgue.search.dates import DateRange

@dataclass(frozen=True)
class Term:
    """One word, in ``field`` (None: anywhere); ``prefix`` matches words starting with it."""

    text: str
    field: str | None = None
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    """Words that must appear together and in this order, in ``field`` (None: anywhere)."""

    text: str
    field: str | None = None


@dataclass(frozen=True)
class AllOf:
    """Every clause matches and no excluded clause does (a bracketed group)."""

    clauses: tuple = ()
    excluded: tuple = ()


@dataclass(frozen=True)
class AnyOf:
    """At least one of the options matches (terms joined by OR)."""

    options: tuple = ()


@dataclass(frozen=True)
class Query:
    """A parsed search: what must match, what must not, and the sort the text asked for."""

    clauses: tuple = ()
    excluded: tuple = ()
    sort: str | None = None
    text: str = field(default="", compare=False)

    def __str__(self) -> str:
        """The query written back in the search language, normalised."""
        out = show(AllOf(self.clauses, self.excluded))
        return f"{out} sort:{self.sort}" if self.sort else out


Clause = Term | Phrase | AllOf | AnyOf | DateRange

def has_words(query: Query) -> bool:
    """Whether the query asks for any words (not only dates, fields' absence or exclusions)."""
    def positive(clause) -> bool:
        if isinstance(clause, AllOf):
            return any(map(positive, clause.clauses))
        if isinstance(clause, AnyOf):
            return any(map(positive, clause.options))
        return isinstance(clause, Term | Phrase)
    return any(map(positive, query.clauses))


# A prefix typed past a word's stem ("electi*", while "elections" is indexed as
# "elect") matches that stem too: the prefix cut by up to this many characters,
# never shorter than three, where what is cut off begins an ending that the
# Snowball English stemmer removes. Cheaper than a second, unstemmed index.
STEM_SLACK = 3
_ENDINGS = ("s", "es", "ies", "ied", "ed", "edly", "ing", "ingly", "ion", "ions", "ation", "ator",
            "al", "alism", "ali", "ance", "ence", "ency", "ent", "ement", "ment", "er", "ers",
            "ic", "ical", "able", "ible", "ant", "ism", "ist", "ate", "ity", "iti", "ive", "ize",
            "ise", "ous", "ful", "ness", "less", "ly", "li", "y", "e")


def stem_prefixes(token: str, stemmed: bool) -> list[str]:
    """The whole terms a prefix also stands for in a stemmed field ("electi" -> "elect")."""
    if not stemmed:
        return []
    cuts = []
    for n in range(len(token) - 1, max(2, len(token) - STEM_SLACK - 1), -1):
        cut = token[n:]
        if cut[0] == token[n - 1] and len(cut) > 1:
            cut = cut[1:]  # a doubled consonant: "runni" is "run" + "n" + "ing"
        if any(ending.startswith(cut) for ending in _ENDINGS):
            cuts.append(token[:n])
    return cuts


_OPERATORS = ("OR", "AND", "NOT", "|", "||", "&&", "+")


def show(clause) -> str:
    """One clause written in the search language."""
    if isinstance(clause, Term):
        out = clause.text + ("*" if clause.prefix else "")
        text = clause.text
        if not clause.prefix and (text in _OPERATORS or text[0] in "-(" or ":" in text):
            out = f'"{text}"'  # a word that would otherwise read as syntax
        return f"{clause.field}:{out}" if clause.field else out
    if isinstance(clause, Phrase):
        return f'{clause.field}:"{clause.text}"' if clause.field else f'"{clause.text}"'
    if isinstance(clause, AnyOf):
        return " OR ".join(f"({show(o)})" if isinstance(o, AllOf) else show(o)
                           for o in clause.options)
    if isinstance(clause, DateRange):
        return str(clause)
    parts = [f"({show(c)})" if isinstance(c, AllOf | AnyOf) else show(c) for c in clause.clauses]
    parts += [f"-({show(c)})" if isinstance(c, AllOf | AnyOf) else "-" + show(c)
              for c in clause.excluded]
    return " ".join(parts)
