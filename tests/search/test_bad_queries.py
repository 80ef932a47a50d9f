"""Whatever a reader types, each backend answers with results or a QueryError, never anything else."""

import random

import pytest

from morgue.search import QueryError, SearchResults

BAD = ['"unclosed', "storm OR", "OR", "-", "- -", "foo:bar", "NEAR(storm, rain)", "storm^2",
       "storm~", "storm~2", "' OR 1=1 --", "*", "**", "headline:", "section:", "AND", "NOT",
       "storm AND NOT rain", "x" * 10_000, "storm " * 5000, "\x00\x01\x02", "harbour\x1b[31m",
       '"', '""', "()", ")(", "(((((", "a:b:c", "headline:(storm OR rain)", "date:2008..",
       "date:tomorrow", "before:", "after:1999-02-30", "{headline}: storm", "storm NOT",
       "body:storm", "sort:random", "\\", "%", "_", "storm*rain", "*storm", "st*rm",
       'section:"', "section:*", "a*", "é*", "-*", "NEAR/3", "storm OR OR rain",
       "harbour -harbour", "-harbour -storm", '"- OR *"', "\u202e\u200d", "🚢 harbour",
       "北京 harbour", "date:1000..9999", "before:0001", "after:9999-12-31", "date:0000"]


@pytest.mark.parametrize("text", BAD)
def test_a_bad_query_gives_results_or_a_query_error(index, text):
    try:
        result = index.search(text)
    except QueryError as e:
        assert str(e).startswith("could not understand")
    else:
        assert isinstance(result, SearchResults) and result.total >= len(result.hits)


PIECES = ['"', "(", ")", "-", "*", ":", " OR ", " AND ", " NOT ", " ", "..", "^2", "~", "date:",
          "before:", "after:", "section:", "headline:", "byline:", "'", "\x00", "é", "2008",
          "-08", "harbour", "storm", "bridge", "NEAR(", "{", "}", "%", "_", "\\", ";", "--"]


def test_random_syntax_soup(index):
    rng = random.Random(1)
    for _ in range(300):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
        try:
            index.search(text, limit=5)
        except QueryError:
            pass
