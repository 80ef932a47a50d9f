"""Parse a reader's search text into a small query tree that every backend compiles.

The language is web-search style::

    storm flood                 both words (AND is implicit)
    "harbour bridge"            an exact phrase
    storm OR flood              either; OR binds tighter than the implicit AND
    (storm OR flood) damage     a group
    -sport  -"town hall"        leave out a word, phrase, field or group
    elect*                      a word starting with "elect"
    headline:fire  section:"Local news"  byline:smith  dateline:northfield
    topic:earnings  topic:"interest rates"   a topic the source tagged or the topic model gave
    person:lavrov  org:nato  place:"South Ossetia"   the people, organisations and places an article names
    quote:nato                  words inside a quotation ("quote:NATO person:Lavrov": an article naming Lavrov
                                that quotes someone on NATO; the page says who)
    date:2008  date:2008-08  date:2008-08-15  date:1998..2008  date:1998-03..1999
    before:2001  after:1999-12-31
    sort:date  sort:oldest      (the sort is normally a parameter, not syntax)

Parsing is forgiving: stray punctuation, unbalanced quotes or brackets, a lone
OR or "-", unknown fields and other engines' operators (NEAR(, ^2, ~) degrade
to a words query. What cannot be understood raises QueryError with a message
that starts "could not understand". The tree holds user text only as plain
values; backends turn it into engine query objects, never into engine syntax.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from morgue.search.dates import parse_date_filter
from morgue.search.errors import QueryError
from morgue.search.tree import AllOf, AnyOf, Clause, Phrase, Query, Term

# A query with more words than this is refused: each clause costs a posting-list
# walk, and 64 covers any real question (Google caps queries at 32 words).
MAX_CLAUSES = 64
# Brackets nested deeper than this are read as plain punctuation, so a query of
# ten thousand "(" cannot exhaust the parser's stack.
MAX_DEPTH = 8
# "th*" stands for most of the dictionary: 150 ms on a million articles, and no answer.
MIN_PREFIX = 3

TEXT_FIELDS = ("headline", "byline", "dateline", "section", "topic")
# Fields matched whole (folded), not as words: a section, a topic.
KEYWORD_FIELDS = ("section", "topic")
# The names enrich found (matched as words within the names: person:lavrov finds "Sergei Lavrov") and the
# quotations' words.
ENTITY_FIELDS = ("person", "place", "org")
QUOTE_FIELD = "quote"
NAME_FIELDS = (*ENTITY_FIELDS, QUOTE_FIELD)
SORTS = {"relevance": "relevance", "date": "date", "newest": "date", "oldest": "oldest"}


def parse_query(text: str) -> Query:
    """Return the Query that ``text`` asks for; raise QueryError if it asks for nothing usable."""
    tokens = _lex(_clean(text))
    parser = _Parser(tokens)
    group = parser.group(depth=0)
    if not group.clauses and not group.excluded:
        raise QueryError("could not understand the search: type a word, a \"phrase\" or a filter")
    return Query(group.clauses, group.excluded, parser.sort, text)


def _clean(text: str) -> str:
    """Text in NFC, format characters dropped, control characters turned into spaces."""
    if not isinstance(text, str):
        raise QueryError("could not understand the search: it is not text")
    text = unicodedata.normalize("NFC", text)
    # A format character (soft hyphen, zero-width joiner) sits inside a word.
    return "".join("" if unicodedata.category(c) == "Cf"
                   else " " if unicodedata.category(c)[0] in "CZ" else c for c in text)


# Lexing: a token is a bracket, a quoted phrase (its quote may be unclosed) or a
# run of other characters, each with the "-" and "field:" written before it.
_TOKEN = re.compile(r'\s*(?P<neg>-?)(?:(?P<open>\()|(?P<close>\))|"(?P<phrase>[^"]*)"?'
                    r'|(?P<field>[A-Za-z]+):(?:"(?P<fphrase>[^"]*)"?|(?P<fvalue>[^\s()"]*))'
                    r'|(?P<word>[^\s()"]+))')


@dataclass(frozen=True)
class _Token:
    kind: str  # "open", "close", "or", "not", "phrase", "word", "field"
    text: str = ""
    field: str = ""
    negated: bool = False
    quoted: bool = False


def _lex(text: str) -> list[_Token]:
    tokens = []
    for m in _TOKEN.finditer(text):
        neg = bool(m["neg"])
        if m["open"]:
            tokens.append(_Token("open", negated=neg))
        elif m["close"]:
            tokens.append(_Token("close"))
        elif m["phrase"] is not None:
            tokens.append(_Token("phrase", m["phrase"], negated=neg))
        elif m["field"]:
            quoted = m["fphrase"] is not None
            value = m["fphrase"] if quoted else m["fvalue"]
            tokens.append(_Token("field", value, m["field"].lower(), neg, quoted))
        elif m["word"] in ("OR", "||", "|") and not neg:
            tokens.append(_Token("or"))
        elif m["word"] in ("AND", "&&", "+") and not neg:
            continue
        elif m["word"] == "NOT" and not neg:
            tokens.append(_Token("not"))
        elif m["word"]:
            tokens.append(_Token("word", m["word"], negated=neg))
    return tokens


# Other engines' operators stuck to a word: a boost ^2, fuzziness ~1.
_ENGINE_SUFFIX = re.compile(r"[\^~][\d.]*$")
_EDGE_PUNCT = re.compile(r"^[^\w]+|[^\w*]+$")


def _word(raw: str, field_name: str | None) -> Term | Phrase | None:
    """The term a bare word stands for, or None when it is only punctuation."""
    word = _ENGINE_SUFFIX.sub("", raw)
    word = _EDGE_PUNCT.sub("", word)
    prefix = word.endswith("*")
    # Punctuation the * was guarding ("sort:*") goes too, so the term prints back as it parses.
    # A colon inside a bare word ("*date:OR*" is not a field) separates words,
    # so the term never prints back as a field filter.
    word = _EDGE_PUNCT.sub("", word.replace("*", " ").replace(":", " ")).strip()
    if not word or not any(c.isalnum() for c in word):
        return None
    if " " in word:
        return Phrase(word, field_name)
    if prefix and len(word) < MIN_PREFIX:
        raise QueryError(f"could not understand {raw!r}: put at least {MIN_PREFIX} letters "
                         "before the *")
    return Term(word, field_name, prefix)


class _Parser:
    """Recursive descent over the tokens: group := item*, item := operand (OR operand)*."""

    def __init__(self, tokens: list[_Token]):
        self.tokens, self.at, self.sort, self.count = tokens, 0, None, 0

    def group(self, depth: int) -> AllOf:
        clauses, excluded = [], []
        pending_not = False
        while self.at < len(self.tokens):
            token = self.tokens[self.at]
            if token.kind == "close":
                self.at += 1
                if depth > 0:
                    break
                continue  # a stray ")" at the top level is punctuation
            if token.kind in ("or", "not"):
                self.at += 1
                pending_not = token.kind == "not"
                continue  # a lone OR is dropped; NOT is "-" for the next operand
            negated = token.negated or pending_not
            pending_not = False
            operand = self.operand(depth)
            if operand is None:
                continue
            if negated:
                excluded.append(operand)
                continue
            if isinstance(operand, AllOf) and not operand.excluded and not self._next_is_or():
                clauses.extend(operand.clauses)  # "foo:bar" stands for two words
                continue
            options = [operand]
            while self._next_is_or_then_positive():
                self.at += 1
                option = self.operand(depth)
                if option is not None:
                    options.append(option)
            clauses.append(options[0] if len(options) == 1 else AnyOf(tuple(options)))
        return AllOf(tuple(clauses), tuple(excluded))

    def _next_is_or(self) -> bool:
        return self.at < len(self.tokens) and self.tokens[self.at].kind == "or"

    def _next_is_or_then_positive(self) -> bool:
        at = self.at
        return (at + 1 < len(self.tokens) and self.tokens[at].kind == "or"
                and self.tokens[at + 1].kind not in ("or", "not", "close")
                and not self.tokens[at + 1].negated)

    def operand(self, depth: int) -> Clause | None:
        """The clause at the current token (consumed), or None if it stands for nothing."""
        token = self.tokens[self.at]
        self.at += 1
        if token.kind == "open":
            if depth >= MAX_DEPTH:
                return None
            inner = self.group(depth + 1)
            if not inner.clauses:
                return None  # "()" or a group of exclusions only: nothing to match
            if len(inner.clauses) == 1 and not inner.excluded:
                return inner.clauses[0]
            return inner
        if token.kind == "phrase":
            return self._counted(_phrase(token.text, None))
        if token.kind == "field":
            return self._field(token)
        return self._counted(_word(token.text, None))

    def _field(self, token: _Token) -> Clause | None:
        name, value = token.field, token.text
        if name in ("date", "before", "after"):
            if not value.strip():
                return None
            return self._counted(parse_date_filter(name, value))
        if name == "sort":
            self.sort = SORTS.get(value.lower(), self.sort)
            if value.lower() not in SORTS:
                raise QueryError(f"could not understand sort:{value}: use sort:date or sort:oldest")
            return None
        known = name in TEXT_FIELDS or name in NAME_FIELDS
        if not known:
            # Not a field we know ("foo:bar"): the words on both sides.
            words = [w for w in (self._counted(_word(v, None)) for v in (name, value)) if w]
            return words[0] if len(words) == 1 else AllOf(tuple(words)) if words else None
        if token.quoted:
            return self._counted(_phrase(value, name))
        return self._counted(_word(value, name))

    def _counted(self, clause: Clause | None) -> Clause | None:
        if clause is None:
            return None
        self.count += len(clause.text.split()) if isinstance(clause, Phrase) else 1
        if self.count > MAX_CLAUSES:
            raise QueryError(f"could not understand a search this long: use at most "
                             f"{MAX_CLAUSES} words, phrases and filters")
        return clause


def _phrase(text: str, field_name: str | None) -> Term | Phrase | None:
    words = [w for w in (_EDGE_PUNCT.sub("", w).replace("*", "") for w in text.split()) if w]
    words = [w for w in words if any(c.isalnum() for c in w)]
    if not words:
        return None
    if len(words) == 1:
        return _word(words[0], field_name)
    return Phrase(" ".join(words), field_name)
