"""The tantivy index's schema and analyzers, and the query tree compiled into tantivy queries.

Every user value goes through an analyzer and into a term, phrase or regex
object whose special characters are escaped; no user text ever reaches
tantivy's query-string parser.
"""

from __future__ import annotations

import tantivy

from morgue.search.backends.base import day_number
from morgue.search.dates import DateRange
from morgue.search.query import NAME_FIELDS
from morgue.search.tree import AllOf, AnyOf, Phrase, Query, Term, stem_prefixes

# Bumped when the schema or analyzers change: an index built before must be rebuilt.
SCHEMA_VERSION = 3  # 2: topics; 3: person, org, place, quote

# English text: words split at anything not a letter or digit, words over 40
# characters dropped (tantivy's own default), lower-cased, accents folded to
# ASCII ("café" -> "cafe"), Snowball English stemming ("elections" -> "elect").
# Names are folded but not stemmed; a section is one keyword ("local news").
STEMMED, FOLDED, KEYWORD = "morgue_en", "morgue_fold", "morgue_keyword"


def _analyzer(kind: str) -> tantivy.TextAnalyzer:
    if kind == KEYWORD:
        builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.raw())
    else:
        builder = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                   .filter(tantivy.Filter.remove_long(40)))
    builder = builder.filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold())
    return (builder.filter(tantivy.Filter.stemmer("english")) if kind == STEMMED else builder).build()


ANALYZERS = {kind: _analyzer(kind) for kind in (STEMMED, FOLDED, KEYWORD)}

# BM25 weight of a match in each field searched by a bare word: a headline
# names what the story is about; a byline or dateline only where it ran.
BOOSTS = {"headline": 3.0, "body": 1.0, "byline": 0.5, "dateline": 0.5}
# Which analyzer each searchable field uses. Names are not stemmed ("Jones").
ANALYZER_OF = {"headline": STEMMED, "body": STEMMED, "byline": FOLDED, "dateline": FOLDED,
               "section": KEYWORD, "topic": KEYWORD,
               # The names an article's text gives (enrich), matched as words; the words of its quotations.
               "person": FOLDED, "org": FOLDED, "place": FOLDED, "quote": STEMMED}


def build_schema() -> tantivy.Schema:
    """The index's fields: searchable text, stored fields for hits, fast fields for facets."""
    sb = tantivy.SchemaBuilder()
    sb.add_integer_field("id", stored=True, indexed=True, fast=True)
    for name, analyzer in ANALYZER_OF.items():
        sb.add_text_field(name, stored=name not in NAME_FIELDS, tokenizer_name=analyzer)  # names: searched, not shown
    # The publication date as yyyymmdd; absent when unknown.
    sb.add_integer_field("day", stored=True, indexed=True, fast=True)
    # "2008|Sport": one terms aggregation over this key counts sections, years
    # and the total in a single pass over the matches (3x faster than three).
    sb.add_text_field("facet", tokenizer_name="raw", fast=True, index_option="basic")
    sb.add_text_field("url", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("language", stored=True, tokenizer_name="raw", index_option="basic")
    return sb.build()


def register_analyzers(index: tantivy.Index) -> None:
    """Teach an opened index our analyzers (tantivy does not store them with the index)."""
    for name, analyzer in ANALYZERS.items():
        index.register_tokenizer(name, analyzer)


def _escape(token: str) -> str:
    """``token`` as a regex matching itself: every character but ASCII letters and digits escaped."""
    return "".join(c if c.isascii() and c.isalnum() else f"\\x{{{ord(c):x}}}" for c in token)


def prefix_regex(token: str, stemmed: bool) -> str:
    """A regex for the terms a prefix matches: those starting with it, and its stem cuts."""
    return "|".join([_escape(token) + ".*", *map(_escape, stem_prefixes(token, stemmed))])


class Compiler:
    """Turns a query tree into one tantivy Query for a schema."""

    def __init__(self, schema: tantivy.Schema):
        self.schema = schema

    def compile(self, query: Query) -> tantivy.Query:
        return self._all(AllOf(query.clauses, query.excluded))

    def _clause(self, clause) -> tantivy.Query:
        if isinstance(clause, AllOf):
            return self._all(clause)
        if isinstance(clause, AnyOf):
            return tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, self._clause(o)) for o in clause.options])
        if isinstance(clause, DateRange):
            return self._dates(clause)
        fields = self._fields(clause.field)
        if isinstance(clause, Term) and clause.prefix:
            return self._prefix(clause.text, fields)
        parts = []
        for name in fields:
            tokens = ANALYZERS[ANALYZER_OF[name]].analyze(clause.text)
            if not tokens:
                continue
            if len(tokens) == 1:
                q = tantivy.Query.term_query(self.schema, name, tokens[0])
            else:
                q = tantivy.Query.phrase_query(self.schema, name, tokens)
            parts.append(self._boost(q, name, len(fields)))
        return _any(parts)

    def _all(self, group: AllOf) -> tantivy.Query:
        must = [(tantivy.Occur.Must, self._clause(c)) for c in group.clauses]
        if not must:
            must = [(tantivy.Occur.Must, tantivy.Query.all_query())]
        must_not = []
        for c in group.excluded:
            must_not.append((tantivy.Occur.MustNot, self._clause(c)))
            if isinstance(c, DateRange):
                # "-date:2008" still means dated articles: undated ones never match dates.
                must.append((tantivy.Occur.Must, tantivy.Query.exists_query("day")))
        if len(must) == 1 and not must_not:
            return must[0][1]
        return tantivy.Query.boolean_query(must + must_not)

    def _fields(self, field: str | None) -> tuple[str, ...]:
        if field is None:
            return tuple(BOOSTS)
        return (field,)

    def _boost(self, q: tantivy.Query, name: str, nfields: int) -> tantivy.Query:
        boost = BOOSTS.get(name, 1.0) if nfields > 1 else 1.0
        return q if boost == 1.0 else tantivy.Query.boost_query(q, boost)

    def _prefix(self, text: str, fields: tuple[str, ...]) -> tantivy.Query:
        keyword = len(fields) == 1 and ANALYZER_OF[fields[0]] == KEYWORD
        tokens = ANALYZERS[KEYWORD if keyword else FOLDED].analyze(text)
        if not tokens:
            return tantivy.Query.empty_query()
        # "e-ma*": the whole words before the last must match too.
        whole = [self._clause(Term(t, None if len(fields) > 1 else fields[0])) for t in tokens[:-1]]
        parts = [self._boost(tantivy.Query.regex_query(
                     self.schema, name, prefix_regex(tokens[-1], ANALYZER_OF[name] == STEMMED)),
                     name, len(fields)) for name in fields]
        last = _any(parts)
        if not whole:
            return last
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in [*whole, last]])

    def _dates(self, r: DateRange) -> tantivy.Query:
        if r.empty:
            return tantivy.Query.empty_query()
        low, high = day_number(r.start), day_number(r.end)
        if low is None and high is None:
            return tantivy.Query.exists_query("day")
        return tantivy.Query.range_query(self.schema, "day", tantivy.FieldType.Integer, low, high)

    def highlight(self, query: Query, searcher: tantivy.Searcher) -> set[str]:
        """The body terms (stemmed) that a snippet should mark."""
        terms: set[str] = set()
        self._collect(AllOf(query.clauses), searcher, terms)
        return terms

    def terms_query(self, terms: set[str]) -> tantivy.Query:
        """A query for any of these body terms (what the snippet maker marks)."""
        return _any([tantivy.Query.term_query(self.schema, "body", t) for t in sorted(terms)])

    def _collect(self, clause, searcher: tantivy.Searcher, terms: set[str]) -> None:
        if isinstance(clause, AllOf):
            for c in clause.clauses:
                self._collect(c, searcher, terms)
        elif isinstance(clause, AnyOf):
            for c in clause.options:
                self._collect(c, searcher, terms)
        elif isinstance(clause, Term | Phrase) and (clause.field is None or clause.field in NAME_FIELDS):
            if isinstance(clause, Term) and clause.prefix:
                tokens = ANALYZERS[FOLDED].analyze(clause.text)
                # The commonest body terms with the prefix, and its stem cuts.
                if tokens:
                    found = searcher.terms_with_prefix("body", tokens[-1], limit=16)
                    terms.update(term for term, _ in found)
                    terms.update(stem_prefixes(tokens[-1], True))
            else:
                terms.update(ANALYZERS[STEMMED].analyze(clause.text))


def _any(parts: list[tantivy.Query]) -> tantivy.Query:
    if not parts:
        return tantivy.Query.empty_query()
    if len(parts) == 1:
        return parts[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in parts])
