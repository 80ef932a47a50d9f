"""The default search backend: a tantivy index in a folder, shared by many processes.

One process writes at a time (tantivy's lock file; a second writer gets
IndexLockedError at once). Readers notice a new commit by a change to the
index's meta.json, checked with one stat() per search, and reload then.
The outbox position lives beside the index in morgue-position.json, written
atomically after tantivy's commit: after a crash between the two the index
is ahead of the recorded position, and replaying upserts is harmless.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import tantivy

from morgue.search.backends.base import (
    Hit, IndexedArticle, SearchBackend, day_number, from_day_number, read_position,
    section_facets, write_position, year_facets)
from morgue.search.backends.tantivy_query import (
    SCHEMA_VERSION, Compiler, build_schema, register_analyzers)
from morgue.search.errors import IndexLockedError, IndexVersionError, SearchIndexError
from morgue.search.snippets import (
    SNIPPET_CHARS, find_passage, lead_snippet, passage_words, render_snippet)
from morgue.search.tree import Query

POSITION_FILE = "morgue-position.json"
# The writer's memory budget, split between its threads (tantivy needs >= 15 MB
# a thread); a bigger heap means fewer, larger segments while building.
WRITER_HEAP = 256_000_000
WRITER_THREADS = 2
# tantivy's own ceiling on buckets: a century of years in 650 sections.
_FACET_BUCKETS = 65_000
_AGGREGATIONS = {"facet": {"terms": {"field": "facet", "size": _FACET_BUCKETS}}}
# Facets of the last searches, for the next pages of each (dropped oldest first).
_FACET_CACHE = 64
_pools: dict[int, ThreadPoolExecutor] = {}


def _pool() -> ThreadPoolExecutor:
    """This process's helper thread for facets (a forked web worker starts its own)."""
    pool = _pools.get(os.getpid())
    if pool is None:
        _pools.clear()
        pool = _pools[os.getpid()] = ThreadPoolExecutor(1, thread_name_prefix="morgue-facets")
    return pool


class TantivyBackend(SearchBackend):
    """A tantivy index in the folder ``path``."""

    name = "tantivy"

    def __init__(self, path: str | Path, *, writer: bool = False):
        super().__init__(path, writer=writer)
        self.schema = build_schema()
        self.path.mkdir(parents=True, exist_ok=True)
        try:
            self.index = tantivy.Index(self.schema, str(self.path), reuse=True)
        except ValueError as e:
            if "os error" in str(e) or "IO error" in str(e):  # the disk, not the index: a full or read-only disk
                raise SearchIndexError(f"cannot open the search index in {self.path}: {e}") from e
            error = IndexVersionError if "schema does not match" in str(e) else SearchIndexError
            raise error(
                f"the search index in {self.path} cannot be opened ({e}); it was probably built "
                "by another version of morgue: run `morgue reindex` to build it again from the archive") from e
        register_analyzers(self.index)
        self.index.config_reader("Manual")
        self.compiler = Compiler(self.schema)
        self._seen_meta = None
        self._facet_cache: dict = {}
        self._writer = None
        if writer:
            try:
                self._writer = self.index.writer(WRITER_HEAP, WRITER_THREADS)
            except ValueError as e:
                if "LockBusy" not in str(e):
                    raise SearchIndexError(f"cannot write the search index in {self.path}: {e}") from e
                raise IndexLockedError(
                    f"the search index in {self.path} is being written by another process; "
                    "wait for it to finish (one writer at a time)") from None

    # Writing

    def _w(self) -> tantivy.IndexWriter:
        self.require_writer()
        if self._writer is None:
            raise SearchIndexError(f"the search index in {self.path} is closed")
        return self._writer

    def upsert(self, articles: Iterable[IndexedArticle]) -> int:
        writer, n = self._w(), 0
        for a in articles:
            writer.delete_documents_by_term("id", a.id)
            writer.add_document(_document(a))
            n += 1
        return n

    def delete(self, ids: Iterable[int]) -> None:
        writer = self._w()
        for i in ids:
            writer.delete_documents_by_term("id", int(i))

    def clear(self) -> None:
        self._w().delete_all_documents()

    def commit(self, position: int) -> None:
        self._w().commit()
        write_position(self.path / POSITION_FILE, position, schema=SCHEMA_VERSION)

    def close(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.rollback()
            # Let background merges finish so the next reader finds few segments.
            writer.wait_merging_threads()

    # Reading

    def position(self) -> int:
        return read_position(self.path / POSITION_FILE)

    def count(self) -> int:
        return self._searcher().num_docs

    def _searcher(self) -> tantivy.Searcher:
        """A searcher on the latest commit: reload when meta.json changed (one stat call)."""
        try:
            st = os.stat(self.path / "meta.json")
            seen = (st.st_ino, st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            seen = None
        if seen != self._seen_meta:
            self.index.reload()
            self._seen_meta = seen
        return self.index.searcher()

    def _search(self, query: Query, limit: int, offset: int, sort: str, facets: bool):
        try:
            return self._run(query, limit, offset, sort, facets)
        except ValueError as e:  # how the binding reports tantivy's errors
            raise SearchIndexError(f"the search failed in tantivy ({e}); query {query}") from e

    def _run(self, query: Query, limit: int, offset: int, sort: str, facets: bool):
        searcher = self._searcher()
        q = self.compiler.compile(query)
        # 1. Facets and the exact total: one aggregation over every match, run
        #    on another core (tantivy releases the GIL) while this thread finds
        #    the page and makes its snippets. Pages of one search share it.
        key = (str(query), self._seen_meta)
        counted = self._facet_cache.get(key) if facets else None
        if facets and counted is None:
            counted = _pool().submit(lambda: _facets(searcher.aggregate(q, _AGGREGATIONS)["facet"]))
        # 2. The page of hits. Without a count, tantivy can skip blocks that
        #    cannot reach the top (block-WAND); the aggregation counts instead.
        if sort == "relevance":
            found = searcher.search(q, limit, count=not facets, offset=offset)
        else:
            order = tantivy.Order.Desc if sort == "date" else tantivy.Order.Asc
            found = searcher.search(q, limit, count=not facets, order_by_field="day",
                                    offset=offset, order=order)
        # 3. Stored fields and a snippet for each hit.
        docs = [(score, searcher.doc(address)) for score, address in found.hits]
        snippets = _Snippets(self.compiler, self.compiler.highlight(query, searcher), searcher)
        hits = [_hit(doc, score if sort == "relevance" else 0.0, snippets) for score, doc in docs]
        if sort == "relevance":
            # Equal scores: the newer article first.
            hits.sort(key=lambda h: (-h.score, -(day_number(h.published) or 0)))
        if not facets:
            return found.count, hits, {}
        if isinstance(counted, Future):
            counted = counted.result()
            if len(self._facet_cache) >= _FACET_CACHE:
                self._facet_cache.pop(next(iter(self._facet_cache)))
            self._facet_cache[key] = counted
        return counted[0], hits, dict(counted[1])


def _facets(agg: dict) -> tuple[int, dict]:
    """The total and the section, year and decade facets from the "year|section" buckets."""
    sections: dict[str, int] = {}
    years: dict[int, int] = {}
    # Past the ceiling the facets leave out the rarest pairs; the total stays exact.
    total = agg.get("sum_other_doc_count") or 0
    for bucket in agg["buckets"]:
        year, _, section = bucket["key"].partition("|")
        n = bucket["doc_count"]
        total += n
        sections[section] = sections.get(section, 0) + n
        if year:
            years[int(year)] = years.get(int(year), 0) + n
    return total, {"section": section_facets(sections), **year_facets(years)}


def _document(a: IndexedArticle) -> tantivy.Document:
    fields = dict(id=a.id, headline=a.headline, byline=a.byline, dateline=a.dateline,
                  section=a.section, body=a.body, url=a.url, language=a.language,
                  facet=f"{a.published.year if a.published else ''}|{a.section}")
    if a.topics:
        fields["topic"] = list(a.topics)
    for name, values in (("person", a.people), ("org", a.organisations), ("place", a.places)):
        if values:
            fields[name] = list(values)
    if a.quotes:
        fields["quote"] = a.quotes
    if a.published is not None:
        fields["day"] = day_number(a.published)
    return tantivy.Document(**fields)


class _Snippets:
    """Snippets for one page of hits: the densest passage of each body, marked by tantivy."""

    def __init__(self, compiler, terms: set[str], searcher: tantivy.Searcher):
        self.words = passage_words(terms)
        self.generator = None
        if terms:
            self.generator = tantivy.SnippetGenerator.create(
                searcher, compiler.terms_query(terms), compiler.schema, "body")
            self.generator.set_max_num_chars(SNIPPET_CHARS)

    def html(self, body: str, doc: tantivy.Document) -> str:
        """The marked passage as safe HTML, or the body's start when nothing is marked."""
        if self.generator is None:
            return lead_snippet(body)
        span = find_passage(body, self.words)
        if span is not None:
            html = self._marked(body, span[0], tantivy.Document(body=body[span[0]:span[1]]))
            if html:
                return html
        # The guess missed (a stem unlike its words): let tantivy read the whole body.
        return self._marked(body.strip(), 0, doc) or lead_snippet(body)

    def _marked(self, body: str, offset: int, doc: tantivy.Document) -> str:
        snippet = self.generator.snippet_from_doc(doc)
        ranges = [(r.start, r.end) for r in snippet.highlighted()]
        if not ranges:
            return ""
        fragment, where = snippet.fragment(), snippet.fragment_range()
        start = offset + len(body[offset:].encode("utf-8")[:where.start].decode("utf-8", "replace"))
        end = start + len(fragment)
        rest = body[end:]
        more = any(c.isalnum() for c in rest)
        # The fragment stops at a word: keep the full stop that ends the body.
        return render_snippet(fragment + ("" if more else rest.rstrip()), ranges, utf8_offsets=True,
                              before=any(c.isalnum() for c in body[:start]), after=more)


def _hit(doc: tantivy.Document, score: float, snippets: _Snippets) -> Hit:
    body = doc.get_first("body") or ""
    return Hit(id=doc.get_first("id"), score=float(score), headline=doc.get_first("headline") or "",
               published=from_day_number(doc.get_first("day")),
               section=doc.get_first("section") or "", byline=doc.get_first("byline") or "",
               snippet_html=snippets.html(body, doc), url=doc.get_first("url") or "")
