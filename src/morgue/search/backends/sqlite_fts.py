"""The fallback search backend: SQLite FTS5 in a file of its own (a derived index).

Correct and reasonably fast, and what the benchmark compares tantivy with.
One writer holds a write transaction from open to close (a second writer
gets IndexLockedError at once); readers in WAL mode see each commit. The
outbox position is written in the same transaction as the changes.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from html import escape
from pathlib import Path

from morgue.search.backends.base import (
    Hit, IndexedArticle, SearchBackend, day_number, from_day_number, section_facets, year_facets)
from morgue.search.backends.sql_conditions import fold, topics_key
from morgue.search.backends.sqlite_query import FtsCompiler
from morgue.search.errors import IndexLockedError, IndexVersionError, SearchIndexError
from morgue.search.snippets import ELLIPSIS, lead_snippet
from morgue.search.tree import Query

SCHEMA_VERSION = 2  # 2: person, org, place, quote
# Marks the snippet function puts around matches: private-use characters,
# removed from the text when it is indexed, so they can only be ours.
OPEN, CLOSE, CUT = "\ue000", "\ue001", "\ue002"
_PRIVATE = str.maketrans({OPEN: " ", CLOSE: " ", CUT: " "})
COLUMNS = ("headline", "body", "byline", "dateline", "section", "person", "org", "place", "quote")
# bm25 weights in COLUMNS order: as tantivy's boosts; the section and the names are only filters.
WEIGHTS = (3.0, 1.0, 0.5, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0)
SNIPPET_TOKENS = 32

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS doc (id INTEGER PRIMARY KEY, headline TEXT, body TEXT, byline TEXT,
    dateline TEXT, section TEXT, day INTEGER, url TEXT, language TEXT, section_key TEXT, topics_key TEXT DEFAULT '',
    person TEXT DEFAULT '', org TEXT DEFAULT '', place TEXT DEFAULT '', quote TEXT DEFAULT '');
CREATE INDEX IF NOT EXISTS doc_day ON doc(day);
CREATE INDEX IF NOT EXISTS doc_section ON doc(section_key);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5({", ".join(COLUMNS)}, content='doc',
    content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value INTEGER);
INSERT OR IGNORE INTO state VALUES ('schema', {SCHEMA_VERSION}), ('position', 0);
"""


class SqliteFtsBackend(SearchBackend):
    """An FTS5 index in the SQLite file ``path``."""

    name = "sqlite"

    def __init__(self, path: str | Path, *, writer: bool = False):
        super().__init__(path, writer=writer)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._local.db = self._first = self._connect()
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            if not self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'state'").fetchone():
                self.db.executescript("BEGIN IMMEDIATE;" + _SCHEMA + "COMMIT;")
            if writer:
                self.db.execute("BEGIN IMMEDIATE")
                # Indexes built before topics were searchable gain the column in place (no rebuild).
                if "topics_key" not in {row[1] for row in self.db.execute("PRAGMA table_info(doc)")}:
                    self.db.execute("ALTER TABLE doc ADD COLUMN topics_key TEXT DEFAULT ''")
            version = self.db.execute("SELECT value FROM state WHERE key='schema'").fetchone()
        except sqlite3.OperationalError as e:
            self._first.close()
            if "locked" in str(e) or "busy" in str(e):
                raise IndexLockedError(f"the search index {self.path} is being written by another "
                                       "process; wait for it to finish (one writer at a time)") from None
            raise SearchIndexError(f"cannot open the search index {self.path}: {e}") from e
        if version is None or version[0] != SCHEMA_VERSION:
            raise IndexVersionError(f"the search index {self.path} was built by another version of "
                                   "morgue: run `morgue reindex` to build it again from the archive")
        self.compiler = FtsCompiler(COLUMNS)

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: transactions are ours, begun and ended explicitly.
        return sqlite3.connect(self.path, timeout=0 if self.writer else 5, isolation_level=None)

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection: readers may be shared by a web worker's threads."""
        db = getattr(self._local, "db", None)
        if db is None:
            if self.writer or self._first is None:
                raise SearchIndexError(f"the search index {self.path} is closed, or is being "
                                       "written from another thread")
            db = self._local.db = self._connect()
        return db

    def _writing(self) -> sqlite3.Connection:
        self.require_writer()
        return self.db

    def upsert(self, articles: Iterable[IndexedArticle]) -> int:
        db, n = self._writing(), 0
        for a in articles:
            self._delete(db, a.id)
            text = tuple(v.translate(_PRIVATE) for v in (a.headline, a.body, a.byline, a.dateline, a.section))
            names = tuple(v.translate(_PRIVATE) for v in ("\n".join(a.people), "\n".join(a.organisations),
                                                          "\n".join(a.places), a.quotes))
            row = (a.id, *text, day_number(a.published), a.url, a.language, fold(a.section), topics_key(a.topics), *names)
            db.execute("INSERT INTO doc VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
            db.execute(f"INSERT INTO fts (rowid, {', '.join(COLUMNS)}) VALUES (?, {', '.join('?' * len(COLUMNS))})",
                       (a.id, *text, *names))
            n += 1
        return n

    def _delete(self, db: sqlite3.Connection, id: int) -> None:
        old = db.execute(f"SELECT {', '.join(COLUMNS)} FROM doc WHERE id = ?", (id,)).fetchone()
        if old is not None:
            # An external-content FTS5 table forgets a row when told its old values.
            db.execute(f"INSERT INTO fts (fts, rowid, {', '.join(COLUMNS)}) "
                       f"VALUES ('delete', ?, {', '.join('?' * len(COLUMNS))})", (id, *old))
            db.execute("DELETE FROM doc WHERE id = ?", (id,))

    def delete(self, ids: Iterable[int]) -> None:
        db = self._writing()
        for i in ids:
            self._delete(db, int(i))

    def clear(self) -> None:
        db = self._writing()
        db.execute("DELETE FROM doc")
        db.execute("INSERT INTO fts (fts) VALUES ('delete-all')")

    def commit(self, position: int) -> None:
        db = self._writing()
        db.execute("UPDATE state SET value = ? WHERE key = 'position'", (int(position),))
        db.execute("COMMIT")
        db.execute("BEGIN IMMEDIATE")

    def close(self) -> None:
        if self._first is not None:
            if self._first.in_transaction:
                self._first.execute("ROLLBACK")
            self._first.close()
            self._first = self._local.db = None

    def position(self) -> int:
        return self.db.execute("SELECT value FROM state WHERE key = 'position'").fetchone()[0]

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM doc").fetchone()[0]

    def _search(self, query: Query, limit: int, offset: int, sort: str, facets: bool):
        plan = self.compiler.compile(query)
        try:
            return self._run(plan, limit, offset, sort, facets)
        except sqlite3.Error as e:
            raise SearchIndexError(f"the search failed in SQLite ({e}); query {query}") from e

    def _run(self, plan, limit: int, offset: int, sort: str, facets: bool):
        if plan.match is not None:
            source = "fts JOIN doc d ON d.id = fts.rowid"
            where, params = f"fts MATCH ? AND {plan.where}", [plan.match, *plan.params]
            score = f"bm25(fts, {', '.join(map(str, WEIGHTS))})"
            snippet = f"snippet(fts, 1, '{OPEN}', '{CLOSE}', '{CUT}', {SNIPPET_TOKENS})"
        else:
            source, where, params = "doc d", plan.where, list(plan.params)
            score, snippet = "0.0", "NULL"
        # 1. The page of hits, best first (bm25 is lower for better matches).
        order = {"relevance": "score, d.day IS NULL, d.day DESC",
                 "date": "d.day IS NULL, d.day DESC, score",
                 "oldest": "d.day IS NULL, d.day ASC, score"}[sort]
        rows = self.db.execute(
            f"SELECT d.id, {score} AS score, d.headline, d.day, d.section, d.byline, d.url, "
            f"{snippet}, d.body FROM {source} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, limit, offset]).fetchall()
        hits = [Hit(id=r[0], score=-float(r[1]), headline=r[2], published=from_day_number(r[3]),
                    section=r[4], byline=r[5], url=r[6],
                    snippet_html=_snippet_html(r[7]) or lead_snippet(r[8] or ""))
                for r in rows]
        # 2. Facets and the exact total by one GROUP BY over every match.
        groups = self.db.execute(f"SELECT d.section, d.day / 10000, count(*) FROM {source} "
                                 f"WHERE {where} GROUP BY 1, 2", params).fetchall() if facets else ()
        if not facets:
            total = self.db.execute(f"SELECT count(*) FROM {source} WHERE {where}",
                                    params).fetchone()[0]
            return total, hits, {}
        sections: dict[str, int] = {}
        years: dict[int, int] = {}
        for section, year, n in groups:
            sections[section] = sections.get(section, 0) + n
            if year is not None:
                years[year] = years.get(year, 0) + n
        total = sum(sections.values())
        return total, hits, {"section": section_facets(sections), **year_facets(years)}


def _snippet_html(text: str | None) -> str:
    """FTS5's snippet with our private marks, as safe HTML (or "" when nothing is marked)."""
    if not text or OPEN not in text:
        return ""
    html = escape(text, quote=False).replace(OPEN, "<mark>").replace(CLOSE, "</mark>")
    return html.replace(CUT, ELLIPSIS).strip()
