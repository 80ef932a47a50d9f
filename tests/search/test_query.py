"""The search language: what each piece of text parses to, and that nothing else escapes."""

from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from morgue.errors import MorgueError
from morgue.search import AllOf, AnyOf, DateRange, Phrase, QueryError, Term, parse_query
from morgue.search.query import MAX_CLAUSES


def parsed(text):
    q = parse_query(text)
    return q.clauses, q.excluded


@pytest.mark.parametrize("text, clauses, excluded", [
    ("storm flood", (Term("storm"), Term("flood")), ()),
    ('"harbour bridge"', (Phrase("harbour bridge"),), ()),
    ("storm OR flood", (AnyOf((Term("storm"), Term("flood"))),), ()),
    ("a b OR c d", (Term("a"), AnyOf((Term("b"), Term("c"))), Term("d")), ()),
    ("(storm OR flood) damage", (AnyOf((Term("storm"), Term("flood"))), Term("damage")), ()),
    ('harbour -bridge -"town hall"', (Term("harbour"),), (Term("bridge"), Phrase("town hall"))),
    ("elect*", (Term("elect", prefix=True),), ()),
    ('section:"Local news"', (Phrase("Local news", "section"),), ()),
    ("HEADLINE:fire byline:smith dateline:portsea", (Term("fire", "headline"),
                                                     Term("smith", "byline"),
                                                     Term("portsea", "dateline")), ()),
    ("harbour -section:sport", (Term("harbour"),), (Term("sport", "section"),)),
    ("person:alice place:leeds org:nhs", (Term("alice", "person"), Term("leeds", "place"),
                                          Term("nhs", "org")), ()),
    ("NOT storm rain", (Term("rain"),), (Term("storm"),)),
    ("storm AND rain", (Term("storm"), Term("rain")), ()),
    ("(a (b OR c)) -(d e)", (Term("a"), AnyOf((Term("b"), Term("c")))),
     (AllOf((Term("d"), Term("e"))),)),
])
def test_the_language(text, clauses, excluded):
    assert parsed(text) == (clauses, excluded)


@pytest.mark.parametrize("text, start, end", [
    ("date:2008", date(2008, 1, 1), date(2008, 12, 31)),
    ("date:2008-02", date(2008, 2, 1), date(2008, 2, 29)),
    ("date:2008-08-15", date(2008, 8, 15), date(2008, 8, 15)),
    ("date:1998..2008", date(1998, 1, 1), date(2008, 12, 31)),
    ("date:1998-03..1999", date(1998, 3, 1), date(1999, 12, 31)),
    ("date:2008..1998", date(1998, 1, 1), date(2008, 12, 31)),
    ("date:1998..", date(1998, 1, 1), None),
    ("date:..1998-06", None, date(1998, 6, 30)),
    ("before:2001", None, date(2000, 12, 31)),
    ("after:1999-12-31", date(2000, 1, 1), None),
    ("after:1999", date(2000, 1, 1), None),
])
def test_dates(text, start, end):
    assert parsed(text) == ((DateRange(start, end),), ())


@pytest.mark.parametrize("text", ["date:tomorrow", "date:2008-13", "date:2008-02-30",
                                  "before:20", "date:..", "sort:random harbour", "th*", "a*"])
def test_what_cannot_be_understood_says_so(text):
    with pytest.raises(QueryError, match="^could not understand"):
        parse_query(text)


def test_sort_in_the_text():
    assert parse_query("harbour sort:oldest").sort == "oldest"
    assert parse_query("harbour sort:date").sort == "date"
    assert parse_query("harbour").sort is None


def test_a_query_prints_back_in_the_language():
    q = parse_query('a  (b OR c)  -"d e" headline:fir* date:2008-08 section:"Local news"')
    assert str(q) == ('a (b OR c) headline:fir* date:2008-08-01..2008-08-31 '
                      'section:"Local news" -"d e"')
    assert parse_query(str(q)) == q


@pytest.mark.parametrize("text, expected", [
    ('"unclosed phrase', (Phrase("unclosed phrase"),)),
    ("storm OR", (Term("storm"),)),
    ("OR storm", (Term("storm"),)),
    ("storm - rain", (Term("storm"), Term("rain"))),
    ("foo:bar", (Term("foo"), Term("bar"))),
    ("headline: storm", (Term("storm"),)),
    ("storm^2 rain~ flood~2", (Term("storm"), Term("rain"), Term("flood"))),
    ("NEAR(storm rain)", (Term("NEAR"), Term("storm"), Term("rain"))),
    ("' OR 1=1 --", (Term("1=1"),)),
    ("* storm", (Term("storm"),)),
    ("((storm", (Term("storm"),)),
    ("storm))", (Term("storm"),)),
    ("storm\x00\x07rain\u200b", (Term("storm"), Term("rain"))),
    ("elec\u00adtion", (Term("election"),)),
    ("!!! storm ???", (Term("storm"),)),
])
def test_forgiving(text, expected):
    assert parse_query(text).clauses == expected


@pytest.mark.parametrize("text", ["", "   ", "OR", "-", "*", "()", "!!!", "headline:", "AND NOT",
                                  '""', "\x00\x01"])
def test_nothing_to_search_for(text):
    with pytest.raises(QueryError, match="^could not understand"):
        parse_query(text)


def test_too_many_words_is_refused_in_plain_words():
    assert len(parse_query(" ".join(["w"] * MAX_CLAUSES)).clauses) == MAX_CLAUSES
    with pytest.raises(QueryError, match=f"at most {MAX_CLAUSES} words"):
        parse_query("storm " * 5000)
    with pytest.raises(QueryError, match=f"at most {MAX_CLAUSES} words"):
        parse_query('"' + "storm " * 100 + '"')


def test_deep_brackets_do_not_exhaust_the_stack():
    assert parse_query("(" * 5000 + "storm" + ")" * 5000).clauses == (Term("storm"),)


def test_one_giant_word_parses():
    assert parse_query("x" * 10_000).clauses == (Term("x" * 10_000),)


SYNTAX = st.sampled_from(['"', "(", ")", "-", "*", ":", "OR", "AND", "NOT", " ", "..", "^2", "~",
                          "date:", "before:", "after:", "section:", "headline:", "sort:", "'",
                          "\x00", "\u0301", "é", "2008", "-08", "NEAR(", "|", "\\", "%", "{"])


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(SYNTAX, st.text(max_size=8)), max_size=30).map("".join))
@example("*sort:*")  # once printed back as "sort:*", which did not parse again
@example("*section:*")
@example("*date:*")
@example("*date:OR*")  # a bare word with a colon once printed back as a date filter
def test_any_text_parses_or_raises_query_error(text):
    try:
        query = parse_query(text)
    except QueryError as e:
        assert str(e).startswith("could not understand")
        return
    assert query.clauses or query.excluded
    parse_query(str(query))  # what it prints parses again


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_parses_or_raises_query_error(text):
    try:
        parse_query(text)
    except MorgueError as e:
        assert isinstance(e, QueryError)
