"""Search: the query language and the search index, with no Django in sight.

The index is derived from the archive: plain IndexedArticle records go in,
SearchResults come out. Writing (one process at a time)::

    from morgue.search import IndexedArticle, open_index

    with open_index(path, writer=True) as index:        # IndexLockedError if taken
        if index.position() < outbox_last:
            index.upsert(articles)       # replaces by id: replaying is harmless
            index.delete(withdrawn_ids)
            index.commit(outbox_last)    # durable; readers see it from now on
    # A rebuild: index.clear(); index.upsert(all_articles); index.commit(pos)

Reading (any number of processes, and threads sharing one reader; each
search sees the latest commit)::

    index = open_index(path)
    results = index.search('"harbour bridge" -toll date:1998..2008', limit=20,
                           offset=0, sort=None, facets=True)
    results.total, results.took_ms           # exact count of matches
    for hit in results.hits:                 # Hit(id, score, headline, published,
        hit.snippet_html                     #     section, byline, snippet_html, url)
    results.facets["section"]                # (("News", 12), ...) most first
    results.facets["year"], results.facets["decade"]   # (("1998", 3), ...) in time order

``sort`` is "relevance" (BM25: headline 3x, body 1x, byline and dateline
0.5x; newer first on ties), "date" (newest first) or "oldest"; None takes the
text's ``sort:date``/``sort:oldest``, else relevance (filters alone: newest
first). Undated articles never match a date filter and come last in date order.

``search`` raises QueryError (a MorgueError whose message starts "could not
understand") for text it cannot use, or a page past MAX_WINDOW; show that
message to the reader. Opening raises IndexLockedError when another process
writes, SearchIndexError when the index is unusable (the message says what to do).
``parse_query(text)`` gives the Query tree alone; ``str(query)`` writes it back.

Backends: "tantivy" (default; ``path`` is a folder), "sqlite" (SQLite FTS5;
``path`` is a file), the fallback and the benchmark's comparison, and
"postgres" (a tsvector table in the archive's own PostgreSQL database, for
an archive served from several machines; ``path`` is a database URL or a
``backends.postgres.PostgresLocation``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from morgue.search.backends.base import Hit, IndexedArticle, SearchBackend, SearchResults
from morgue.search.dates import DateRange
from morgue.search.errors import IndexLockedError, QueryError, SearchIndexError
from morgue.search.query import parse_query
from morgue.search.tree import AllOf, AnyOf, Phrase, Query, Term

if TYPE_CHECKING:
    from morgue.search.backends.postgres import PostgresLocation

BACKENDS = ("tantivy", "sqlite", "postgres")

__all__ = ["BACKENDS", "AllOf", "AnyOf", "DateRange", "Hit", "IndexLockedError", "IndexedArticle",
           "Phrase", "Query", "QueryError", "SearchBackend", "SearchIndexError", "SearchResults",
           "Term", "backend_class", "backend_problem", "open_index", "parse_query"]


def backend_class(name: str) -> type[SearchBackend]:
    """The SearchBackend class called ``name`` ("tantivy", "sqlite" or "postgres")."""
    if name == "tantivy":
        from morgue.search.backends.tantivy import TantivyBackend

        return TantivyBackend
    if name == "sqlite":
        from morgue.search.backends.sqlite_fts import SqliteFtsBackend

        return SqliteFtsBackend
    if name == "postgres":
        from morgue.search.backends.postgres import PostgresBackend

        return PostgresBackend
    raise SearchIndexError(f"no search backend called {name!r}: use one of {', '.join(BACKENDS)}")


def backend_problem(name: str, database_engine: str) -> str | None:
    """What is wrong with choosing the backend ``name`` for an archive on ``database_engine``, or None."""
    if name not in BACKENDS:
        return (f"MORGUE_SEARCH_BACKEND={name!r} is not a search backend: "
                f"use one of {', '.join(BACKENDS)} (or leave it unset for tantivy)")
    if name == "postgres" and "postgresql" not in database_engine:
        return ("MORGUE_SEARCH_BACKEND=postgres keeps the search index in the archive's PostgreSQL "
                "database, but DATABASE_URL does not name one: set DATABASE_URL=postgres://... "
                "or use MORGUE_SEARCH_BACKEND=tantivy or sqlite")
    return None


def open_index(path: str | Path | PostgresLocation, *, backend: str = "tantivy", writer: bool = False) -> SearchBackend:
    """The search index at ``path``, created if missing; writable when ``writer`` is true.

    ``path`` is a folder (tantivy), a file (sqlite) or, for "postgres", a
    database URL or a PostgresLocation (a database and a table name).
    """
    return backend_class(backend).open(path, writer=writer)
