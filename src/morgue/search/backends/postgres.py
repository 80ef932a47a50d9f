"""A search backend inside the archive's PostgreSQL database: a tsvector table with a GIN index.

For an archive on PostgreSQL served from several machines: the index lives
in the database they share, so there is no local file to keep in step. Like
the other backends it is derived: ``morgue reindex`` rebuilds it and the
outbox feeds it.

- One writer at a time: a session advisory lock taken when a writer opens
  (a second writer gets IndexLockedError at once). The writer's changes and
  the outbox position are one transaction, seen by readers at ``commit``.
- Readers use one autocommitting connection per thread, so each search
  sees the latest commit.
- Words are matched with the ``morgue_english`` text search configuration,
  made on first use: Snowball English stemming with no stop words (as the
  other backends keep them) and, when the ``unaccent`` extension can be
  created, accents folded ("café" finds "cafe"). Without it, accents count.
- Ranking is ``ts_rank_cd`` over weights (headline A above body B, byline
  C and dateline D); snippets are the densest passage of the body, found by
  morgue's own code and marked by ``ts_headline``, rendered as safe HTML here.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

import psycopg
from psycopg import sql

from morgue.search.backends.base import (
    Hit, IndexedArticle, SearchBackend, day_number, from_day_number, section_facets, year_facets)
from morgue.search.backends.postgres_query import CONFIG, RANK_WEIGHTS, TSQUERY, TsqueryCompiler
from morgue.search.backends.sql_conditions import fold, topics_key
from morgue.search.errors import IndexLockedError, IndexVersionError, SearchIndexError
from morgue.search.snippets import ELLIPSIS, SNIPPET_CHARS, find_passage, lead_snippet, passage_words
from morgue.search.tree import Query

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
DEFAULT_TABLE = "morgue_search"
# Marks ts_headline puts around matches: private-use characters, removed from
# the text when it is indexed, so they can only be ours. NUL cannot be stored.
OPEN, CLOSE = "\ue000", "\ue001"
_PRIVATE = str.maketrans({OPEN: " ", CLOSE: " ", "\x00": " "})
# PostgreSQL's parser reads "<script>" as an HTML tag, "&amp;" as an entity and
# "/script" as a file path, and skips the first two; the archive's text is text, so they reach it as other
# private-use characters (separators to it, one character each) and come back.
_MARKUP = str.maketrans({"<": "\ue003", ">": "\ue004", "&": "\ue005", "/": "\ue006"})
_UNMARKUP = str.maketrans({"\ue003": "<", "\ue004": ">", "\ue005": "&", "\ue006": "/"})
_HEADLINE_OPTIONS = f'HighlightAll=true, StartSel="{OPEN}", StopSel="{CLOSE}"'
# The advisory lock ids' first half: "morg". The second is the table's hash.
_LOCK_CLASS = 0x6D6F7267
_TABLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,50}$")
# A tsvector holds at most 1 MiB (and positions stop counting at 16,383): the
# words of a body past this many characters are not indexed, so that one huge
# document cannot fail a whole batch. News articles are a few thousand.
MAX_INDEXED_CHARS = 200_000

_DOC = (f"setweight(to_tsvector('{CONFIG}', %s), 'A') || setweight(to_tsvector('{CONFIG}', %s), 'B')"
        f" || setweight(to_tsvector('{CONFIG}', %s), 'C') || setweight(to_tsvector('{CONFIG}', %s), 'D')")
# person, org, place, quote (postgres_query.NAME_WEIGHT_OF), in a tsvector of their own.
_NAMES = _DOC


@dataclass(frozen=True)
class PostgresLocation:
    """Where a PostgreSQL index lives: a database (libpq conninfo or URL) and a table name."""

    conninfo: str = field(repr=False)  # may hold a password: never printed
    table: str = DEFAULT_TABLE

    def __str__(self) -> str:
        try:
            dbname = psycopg.conninfo.conninfo_to_dict(self.conninfo).get("dbname", "?")
        except psycopg.ProgrammingError:
            dbname = "?"
        return f"PostgreSQL table {self.table} in database {dbname}"


def location(path) -> PostgresLocation:
    """``path`` as a PostgresLocation (a conninfo string or URL names the default table)."""
    if isinstance(path, PostgresLocation):
        loc = path
    elif isinstance(path, str):
        loc = PostgresLocation(path)
    else:
        raise SearchIndexError(f"the PostgreSQL search backend needs a database URL, not {type(path).__name__}: "
                               "set DATABASE_URL=postgres://...")
    if not _TABLE_NAME.match(loc.table):
        raise SearchIndexError(f"cannot use {loc.table!r} as a search table name: "
                               "use lower-case letters, digits and _")
    return loc


class PostgresBackend(SearchBackend):
    """A tsvector index in the table ``location.table`` of a PostgreSQL database."""

    name = "postgres"

    def __init__(self, path, *, writer: bool = False):
        self.location = self.path = location(path)
        self.writer = writer
        self.compiler = TsqueryCompiler()
        t = self.location.table
        self.doc, self.state = sql.Identifier(t), sql.Identifier(f"{t}_state")
        self._lock_key = f"morgue search {t}"
        self._local = threading.local()
        self._connections: list[psycopg.Connection] = []
        self._guard = threading.Lock()
        self._closed = False
        self._pid = os.getpid()
        db = self._connect()
        try:
            # Made once: CREATE ... IF NOT EXISTS would still queue behind a writer's locks.
            if db.execute("SELECT to_regclass(%s)", (f"{t}_state",)).fetchone()[0] is None:
                _ensure_schema(db, t)
            if writer:
                locked = db.execute("SELECT pg_try_advisory_lock(%s, hashtext(%s))",
                                    (_LOCK_CLASS, self._lock_key)).fetchone()[0]
                if not locked:
                    raise IndexLockedError(f"the search index {self.location} is being written by "
                                           "another process; wait for it to finish (one writer at a time)")
                # An index built before topics were searchable gains the column in place (no rebuild).
                if db.execute("SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = 'topics_key'",
                              (t,)).fetchone() is None:
                    db.execute(sql.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS topics_key text NOT NULL DEFAULT ''").format(self.doc))
                # ... and before names and quotations were: enrichment re-sends every article it reads.
                if db.execute("SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = 'names'",
                              (t,)).fetchone() is None:
                    db.execute(sql.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS names tsvector NOT NULL "
                                       "DEFAULT ''::tsvector").format(self.doc))
                db.autocommit = False  # from here on, changes wait for commit()
            version = db.execute(sql.SQL("SELECT value FROM {} WHERE key = 'schema'")
                                 .format(self.state)).fetchone()
        except psycopg.Error as e:
            self.close()
            raise SearchIndexError(f"cannot open the search index {self.location}: {e}") from e
        except SearchIndexError:
            self.close()
            raise
        if version is None or version[0] != SCHEMA_VERSION:
            self.close()
            raise IndexVersionError(f"the search index {self.location} was built by another version of "
                                   "morgue: run `morgue reindex` after dropping its tables")

    def _connect(self) -> psycopg.Connection:
        try:
            db = psycopg.connect(self.location.conninfo, autocommit=True)
        except psycopg.Error as e:
            raise SearchIndexError(f"cannot connect to the database of the search index {self.location}: "
                                   f"{e}") from e
        with self._guard:
            self._connections.append(db)
        self._local.db = db
        return db

    @property
    def db(self) -> psycopg.Connection:
        """This thread's connection: readers may be shared by a web worker's threads."""
        if os.getpid() != self._pid and not self.writer:
            # A forked worker must not talk on its parent's sockets: it forgets
            # them (closing would end the parent's sessions) and connects anew.
            with self._guard:
                self._pid, self._connections, self._local = os.getpid(), [], threading.local()
        db = getattr(self._local, "db", None)
        if db is None or db.closed:
            if self._closed or self.writer:
                raise SearchIndexError(f"the search index {self.location} is closed, or is being "
                                       "written from another thread")
            db = self._connect()
        return db

    def _writing(self) -> psycopg.Connection:
        self.require_writer()
        return self.db

    def upsert(self, articles: Iterable[IndexedArticle]) -> int:
        db = self._writing()
        rows = []
        for a in articles:
            text = [v.translate(_PRIVATE) for v in (a.headline, a.byline, a.dateline, a.section, a.body)]
            headline, byline, dateline, section, body = text
            rows.append((a.id, headline, byline, dateline, section, body, day_number(a.published),
                         a.url.translate(_PRIVATE), (a.language or "").translate(_PRIVATE),
                         fold(section), topics_key(a.topics).translate(_PRIVATE),
                         *(v[:MAX_INDEXED_CHARS].translate(_MARKUP) for v in (headline, body, byline, dateline)),
                         *(v[:MAX_INDEXED_CHARS].translate(_PRIVATE).translate(_MARKUP) for v in (
                             "\n".join(a.people), "\n".join(a.organisations), "\n".join(a.places), a.quotes))))
        if rows:
            db.cursor().executemany(sql.SQL(
                "INSERT INTO {} (id, headline, byline, dateline, section, body, day, url, language, "
                "section_key, topics_key, doc, names) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, " + _DOC + ", "
                + _NAMES + ") "
                "ON CONFLICT (id) DO UPDATE SET headline = EXCLUDED.headline, byline = EXCLUDED.byline, "
                "dateline = EXCLUDED.dateline, section = EXCLUDED.section, body = EXCLUDED.body, "
                "day = EXCLUDED.day, url = EXCLUDED.url, language = EXCLUDED.language, "
                "section_key = EXCLUDED.section_key, topics_key = EXCLUDED.topics_key, doc = EXCLUDED.doc, "
                "names = EXCLUDED.names")
                .format(self.doc), rows)
        return len(rows)

    def delete(self, ids: Iterable[int]) -> None:
        self._writing().execute(sql.SQL("DELETE FROM {} WHERE id = ANY(%s)").format(self.doc),
                                ([int(i) for i in ids],))

    def clear(self) -> None:
        # DELETE, not TRUNCATE: readers go on seeing the old rows until commit.
        self._writing().execute(sql.SQL("DELETE FROM {}").format(self.doc))

    def commit(self, position: int) -> None:
        db = self._writing()
        db.execute(sql.SQL("UPDATE {} SET value = %s WHERE key = 'position'").format(self.state),
                   (int(position),))
        db.commit()

    def close(self) -> None:
        self._closed = True
        with self._guard:
            connections, self._connections = self._connections, []
        for db in connections:
            # Closing rolls back what was not committed and frees the writer's lock.
            db.close()
        self._local = threading.local()

    def position(self) -> int:
        return self.db.execute(sql.SQL("SELECT value FROM {} WHERE key = 'position'")
                               .format(self.state)).fetchone()[0]

    def count(self) -> int:
        return self.db.execute(sql.SQL("SELECT count(*) FROM {}").format(self.doc)).fetchone()[0]

    def _search(self, query: Query, limit: int, offset: int, sort: str, facets: bool):
        plan = self.compiler.compile(query)
        db = self.db
        try:
            return self._run(db, plan, limit, offset, sort, facets)
        except psycopg.Error as e:
            if not self.writer and db.broken:
                db.close()  # the next search on this thread connects again
            raise SearchIndexError(f"the search failed in PostgreSQL ({e}); query {query}") from e

    def _run(self, db: psycopg.Connection, plan, limit: int, offset: int, sort: str, facets: bool):
        if plan.match is not None:
            where, params = f"d.doc @@ {TSQUERY} AND ({plan.where})", [plan.match, *plan.params]
            score, score_params = f"ts_rank_cd({RANK_WEIGHTS}, d.doc, {TSQUERY})", [plan.match]
        else:
            where, params = plan.where, list(plan.params)
            score, score_params = "0.0", []
        # 1. The page of hits, best first; ties newest first, then by id so pages never overlap.
        order = {"relevance": "score DESC, d.day DESC NULLS LAST, d.id DESC",
                 "date": "d.day DESC NULLS LAST, score DESC, d.id DESC",
                 "oldest": "d.day ASC NULLS LAST, score DESC, d.id"}[sort]
        query = sql.SQL(f"SELECT d.id, {score} AS score, d.headline, d.day, d.section, d.byline, d.url, "
                        f"d.body FROM {{}} d WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s")
        rows = db.execute(query.format(self.doc), [*score_params, *params, limit, offset]).fetchall()
        snippets = self._snippets(db, plan, [r[7] or "" for r in rows])
        hits = [Hit(id=r[0], score=float(r[1]), headline=r[2], published=from_day_number(r[3]),
                    section=r[4], byline=r[5], url=r[6], snippet_html=html)
                for r, html in zip(rows, snippets)]
        # 2. Facets and the exact total by one GROUP BY over every match.
        if not facets:
            total = db.execute(sql.SQL(f"SELECT count(*) FROM {{}} d WHERE {where}").format(self.doc),
                               params).fetchone()[0]
            return total, hits, {}
        groups = db.execute(sql.SQL(f"SELECT d.section, d.day / 10000, count(*) FROM {{}} d "
                                    f"WHERE {where} GROUP BY 1, 2").format(self.doc), params).fetchall()
        sections: dict[str, int] = {}
        years: dict[int, int] = {}
        for section, year, n in groups:
            sections[section] = sections.get(section, 0) + n
            if year is not None:
                years[year] = years.get(year, 0) + n
        total = sum(sections.values())
        return total, hits, {"section": section_facets(sections), **year_facets(years)}

    def _snippets(self, db: psycopg.Connection, plan, bodies: list[str]) -> list[str]:
        """Each body's densest passage with the wanted words marked, as safe HTML (or its start)."""
        if not bodies or plan.marks is None:
            return [lead_snippet(b) for b in bodies]
        # The words as the index has them (stemmed, folded), to find the passage by.
        lexemes = db.execute(f"SELECT tsvector_to_array(to_tsvector('{CONFIG}', %s))",
                             (plan.words.translate(_PRIVATE).translate(_MARKUP),)).fetchone()[0]
        words = passage_words(fold(w) for w in lexemes)
        # A body where none of them shows (the match was in the headline) gets its start.
        spans = [find_passage(body, words) if words else None for body in bodies]
        passages = [body[span[0]:span[1]].translate(_PRIVATE).translate(_MARKUP) if span else ""
                    for body, span in zip(bodies, spans)]
        # ts_headline marks the words in each passage: short text, as it parses all it is given.
        marked = db.execute(
            f"SELECT ts_headline('{CONFIG}', p, {TSQUERY}, %s) FROM unnest(%s::text[]) "
            "WITH ORDINALITY AS u(p, n) ORDER BY n",
            (plan.marks, _HEADLINE_OPTIONS, passages)).fetchall()
        out = []
        for (text,), span, body in zip(marked, spans, bodies):
            html = span and _snippet_html(text, span[0] > 0, span[1] < len(body))
            out.append(html or lead_snippet(body))
        return out


def _snippet_html(text: str | None, before: bool, after: bool) -> str:
    """ts_headline's passage with our private marks, as safe HTML (or "" when nothing is marked)."""
    if not text or OPEN not in text:
        return ""
    start, end = _densest(text)
    before, after = before or start > 0, after or end < len(text)
    text = text[start:end].translate(_UNMARKUP)
    html = escape(text, quote=False).replace(OPEN, "<mark>").replace(CLOSE, "</mark>").strip()
    return (ELLIPSIS if before else "") + html + (ELLIPSIS if after else "")


def _densest(text: str) -> tuple[int, int]:
    """The span of about SNIPPET_CHARS of ``text`` holding the most marks, cut at spaces."""
    marks = [m.start() for m in re.finditer(OPEN, text)]
    best = max(range(len(marks)), key=lambda i: sum(1 for m in marks[i:] if m < marks[i] + SNIPPET_CHARS))
    start = max(0, marks[best] - SNIPPET_CHARS // 6)
    end = min(len(text), start + SNIPPET_CHARS)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    last_open, last_close = text.rfind(OPEN, 0, end), text.rfind(CLOSE, 0, end)
    if last_open > last_close:
        end = text.find(CLOSE, last_open) + 1  # never cut a mark in two
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def _ensure_schema(db: psycopg.Connection, table: str) -> None:
    """Create the text search configuration and the index's tables if missing (idempotent, race-free)."""
    doc, state = sql.Identifier(table), sql.Identifier(f"{table}_state")
    with db.transaction():
        # One process creates at a time; the others wait, then find everything there.
        db.execute("SELECT pg_advisory_xact_lock(%s, hashtext('morgue search schema'))", (_LOCK_CLASS,))
        ensure_config(db)
        db.execute(sql.SQL("""
            CREATE TABLE IF NOT EXISTS {doc} (id bigint PRIMARY KEY, headline text NOT NULL,
                byline text NOT NULL, dateline text NOT NULL, section text NOT NULL, body text NOT NULL,
                day integer, url text NOT NULL, language text NOT NULL, section_key text NOT NULL,
                doc tsvector NOT NULL, topics_key text NOT NULL DEFAULT '', names tsvector NOT NULL DEFAULT ''::tsvector);
            CREATE INDEX IF NOT EXISTS {doc_gin} ON {doc} USING gin (doc);
            CREATE INDEX IF NOT EXISTS {doc_day} ON {doc} (day);
            CREATE INDEX IF NOT EXISTS {doc_section} ON {doc} (section_key);
            CREATE TABLE IF NOT EXISTS {state} (key text PRIMARY KEY, value bigint NOT NULL);
            INSERT INTO {state} VALUES ('schema', {version}), ('position', 0) ON CONFLICT DO NOTHING;
            """).format(doc=doc, state=state, doc_gin=sql.Identifier(f"{table}_doc"),
                        doc_day=sql.Identifier(f"{table}_day"),
                        doc_section=sql.Identifier(f"{table}_section"),
                        version=sql.Literal(SCHEMA_VERSION)))


def ensure_config(db: psycopg.Connection) -> bool:
    """Create the ``morgue_english`` text search configuration if missing; return whether it folds accents."""
    found = db.execute("SELECT oid FROM pg_ts_config WHERE cfgname = %s "
                       "AND cfgnamespace = current_schema()::regnamespace", (CONFIG,)).fetchone()
    if found is None:
        unaccent = _create_unaccent(db)
        db.execute(f"CREATE TEXT SEARCH DICTIONARY {CONFIG}_stem (TEMPLATE = snowball, Language = english)")
        db.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple)")
        db.execute(f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR asciiword, asciihword, "
                   f"hword_asciipart, word, hword, hword_part WITH "
                   f"{'unaccent, ' if unaccent else ''}{CONFIG}_stem")
        return unaccent
    return bool(db.execute(
        "SELECT 1 FROM pg_ts_config_map m JOIN pg_ts_dict d ON d.oid = m.mapdict "
        "WHERE m.mapcfg = %s AND d.dictname = 'unaccent'", (found[0],)).fetchone())


def _create_unaccent(db: psycopg.Connection) -> bool:
    """Whether the unaccent extension is there, creating it if this user may."""
    if db.execute("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'").fetchone():
        return True
    try:
        with db.transaction():  # a savepoint: a refusal leaves the rest standing
            db.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        return True
    except psycopg.Error as e:
        log.warning("cannot create the unaccent extension (%s): PostgreSQL search will not fold "
                    "accents; ask the database's owner to run CREATE EXTENSION unaccent, then "
                    "drop the morgue_english text search configuration and run `morgue reindex`",
                    str(e).strip())
        return False
