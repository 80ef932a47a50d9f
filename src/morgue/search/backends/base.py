"""What every search backend takes in, gives back, and promises.

A backend is a derived index of the archive: it can always be rebuilt from
the articles. The archive feeds it through an outbox; ``commit(position)``
records how far into the outbox the index has applied, and because ``upsert``
replaces by id, replaying entries after an older position is harmless.
"""

from __future__ import annotations

import json
import os
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from morgue.search.errors import QueryError, SearchIndexError
from morgue.search.query import parse_query
from morgue.search.tree import Query, has_words

SORTS = ("relevance", "date", "oldest")
MAX_LIMIT = 1000
# Deep pages cost a top-(offset+limit) collection; nobody reads past page 500.
MAX_WINDOW = 10_000


@dataclass(frozen=True)
class IndexedArticle:
    """One article as the index sees it: plain text and its date (None when unknown)."""

    id: int
    headline: str
    byline: str
    dateline: str
    section: str
    body: str
    published: date | None
    url: str
    language: str = "en"
    topics: tuple[str, ...] = ()  # the source's tags and the topic model's (archive/topics.py)
    # Who and what it names, and its quotations run together (archive/entities.py): person:, org:, place:, quote:.
    people: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    quotes: str = ""


@dataclass(frozen=True)
class Hit:
    """One matching article, with its body passage as safe HTML (matches in <mark>)."""

    id: int
    score: float
    headline: str
    published: date | None
    section: str
    byline: str
    snippet_html: str
    url: str = ""
    versions: int = 0  # how many versions the story has when it is clustered (filled in by the archive, not the index)


@dataclass(frozen=True)
class SearchResults:
    """A page of hits, the exact number of matches, and facet counts over all matches.

    ``facets`` maps "section", "year" and "decade" to (name, count) pairs:
    sections by count, years ("2008") and decades ("2000s") in time order.
    It is empty when the search asked for no facets.
    """

    query: Query
    total: int
    hits: tuple[Hit, ...]
    facets: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    took_ms: float = 0.0
    sort: str = "relevance"


class SearchBackend(ABC):
    """The search index: one writer at a time, any number of readers.

    Open with ``Backend.open(path, writer=True)`` to change it (upsert, delete,
    clear, then commit) or with ``writer=False`` to search it. Changes are
    seen by searches only after ``commit``.
    """

    name = "base"

    def __init__(self, path: str | Path, *, writer: bool = False):
        self.path = Path(path)
        self.writer = writer

    @classmethod
    def open(cls, path: str | Path, writer: bool = False) -> "SearchBackend":
        """The index at ``path`` (created if missing), writable when ``writer`` is true."""
        return cls(path, writer=writer)

    def require_writer(self) -> None:
        """Raise SearchIndexError unless the index was opened to be changed (``writer=True``)."""
        if not self.writer:
            raise SearchIndexError(f"the search index {self.path} was opened for reading; "
                                   "open it with writer=True to change it")

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @abstractmethod
    def upsert(self, articles: Iterable[IndexedArticle]) -> int:
        """Add or replace (by id) each article; return how many. Seen after commit()."""

    @abstractmethod
    def delete(self, ids: Iterable[int]) -> None:
        """Remove the articles with these ids (absent ids are fine). Seen after commit()."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every article. Seen after commit(), so readers never see it half-built."""

    @abstractmethod
    def commit(self, position: int) -> None:
        """Make the changes durable and visible; record the outbox ``position`` they reach."""

    @abstractmethod
    def position(self) -> int:
        """The outbox position of the last commit (0 for a new index)."""

    @abstractmethod
    def count(self) -> int:
        """How many articles a search can find now."""

    def close(self) -> None:
        """Release the index (and the writer's lock); uncommitted changes are dropped."""

    def search(self, query: Query | str, *, limit: int = 20, offset: int = 0,
               sort: str | None = None, facets: bool = True) -> SearchResults:
        """Find articles matching ``query`` (search text or a parsed Query).

        ``sort`` is "relevance" (BM25, newer first on ties), "date" (newest
        first) or "oldest"; None takes the text's ``sort:`` or relevance.
        Undated articles come last in date order. Raises QueryError for
        text that cannot be understood.
        """
        started = time.perf_counter()
        if isinstance(query, str):
            query = parse_query(query)
        sort = sort or query.sort or "relevance"
        if sort == "relevance" and not has_words(query):
            sort = "date"  # filters alone score every match alike: newest first instead
        if sort not in SORTS:
            raise QueryError(f"could not understand sort {sort!r}: use one of {', '.join(SORTS)}")
        if not 0 < limit <= MAX_LIMIT or offset < 0:
            raise QueryError(f"could not understand limit {limit} and offset {offset}: "
                             f"ask for 1 to {MAX_LIMIT} hits from offset 0 on")
        if offset + limit > MAX_WINDOW:
            raise QueryError(f"could not understand a page this deep: results stop at the "
                             f"{MAX_WINDOW:,}th; narrow the search")
        total, hits, counts = self._search(query, limit, offset, sort, facets)
        took = (time.perf_counter() - started) * 1000
        return SearchResults(query, total, tuple(hits), counts, round(took, 3), sort)

    @abstractmethod
    def _search(self, query: Query, limit: int, offset: int, sort: str,
                facets: bool) -> tuple[int, list[Hit], dict]:
        """The total, the page of hits and the facets (or {}) for a checked query."""


def year_facets(years: dict[int, int]) -> dict[str, tuple[tuple[str, int], ...]]:
    """The "year" and "decade" facets from counts per year, in time order."""
    decades: dict[int, int] = {}
    for year, n in years.items():
        decades[year // 10 * 10] = decades.get(year // 10 * 10, 0) + n
    return {"year": tuple((str(y), n) for y, n in sorted(years.items())),
            "decade": tuple((f"{d}s", n) for d, n in sorted(decades.items()))}


def section_facets(sections: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """Sections by count, most first, then by name."""
    return tuple(sorted(((s, n) for s, n in sections.items() if s), key=lambda p: (-p[1], p[0])))


def day_number(published: date | None) -> int | None:
    """A date as the integer yyyymmdd that both backends store (None stays None)."""
    return None if published is None else published.year * 10000 + published.month * 100 + published.day


def from_day_number(day: int | None) -> date | None:
    """The date an integer yyyymmdd stands for."""
    return None if day is None else date(day // 10000, day // 100 % 100, day % 100)


def read_position(path: Path) -> int:
    """The position recorded in the JSON file at ``path`` (0 when there is none)."""
    try:
        return int(json.loads(path.read_text())["position"])
    except FileNotFoundError:
        return 0
    except (ValueError, KeyError, TypeError) as e:
        raise SearchIndexError(f"the search index's position file {path} is damaged ({e}); "
                               "rebuild the index") from e


def write_position(path: Path, position: int, **extra) -> None:
    """Record ``position`` in ``path`` atomically: a reader sees the old file or the new one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w") as f:
        json.dump({"position": int(position), **extra}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    # The rename itself is durable only once the directory is synced (POSIX).
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
