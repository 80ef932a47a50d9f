"""The archive's side of search: feed the index from the outbox, rebuild it, answer queries.

The database is the one source of truth; the index is derived. Every change
that affects search writes a SearchOutbox entry in its own transaction
(`ingest`, `append_revision`); `catch_up` applies the entries after the
index's recorded position, in order, and records the new position with the
index's commit. Because an upsert replaces by id, re-applying entries after
a crash is harmless — so a writer killed at any moment loses nothing.
"""

from __future__ import annotations

import logging
from collections import defaultdict
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import F, Max

from morgue.archive.models import Article, ArticleQuote, ArticleTopic, EntityMention, SearchOutbox
from morgue.archive.story_clusters import searchable
from morgue.search import IndexedArticle, IndexLockedError, SearchResults, backend_problem, open_index
from morgue.search.errors import IndexVersionError

log = logging.getLogger(__name__)

BATCH = 2000
_readers: dict[object, object] = {}
_readers_lock = threading.Lock()


def backend_name() -> str:
    """Return the configured search backend: MORGUE_SEARCH_BACKEND, "tantivy" (default), "sqlite" or "postgres"."""
    name = os.environ.get("MORGUE_SEARCH_BACKEND") or "tantivy"
    problem = backend_problem(name, connections["default"].settings_dict["ENGINE"])
    if problem:
        raise ImproperlyConfigured(problem)
    return name


def index_path(home: Path | None = None):
    """Return where the search index lives: in the archive home, or (postgres) the archive's database."""
    name = backend_name()
    if name == "postgres":
        from morgue.search.backends.postgres import PostgresLocation

        return PostgresLocation(database_conninfo())
    home = Path(home or settings.HOME)
    return home / "search" / ("tantivy" if name == "tantivy" else "fts5.sqlite3")


# Django's own OPTIONS that are not libpq connection parameters.
_DJANGO_OPTIONS = {"isolation_level", "server_side_binding", "pool", "assume_role", "cursor_factory", "context"}


def database_conninfo() -> str:
    """Return a libpq conninfo string for the archive's PostgreSQL database (the test database in tests)."""
    from psycopg.conninfo import make_conninfo

    db = connections["default"].settings_dict
    params = {"dbname": db["NAME"], "user": db.get("USER"), "password": db.get("PASSWORD"),
              "host": db.get("HOST"), "port": db.get("PORT")}
    params.update({k: v for k, v in (db.get("OPTIONS") or {}).items()
                   if k not in _DJANGO_OPTIONS and isinstance(v, str | int)})
    return make_conninfo(**{k: str(v) for k, v in params.items() if v not in (None, "")})


def _make_room(path) -> None:
    """Create the folder a file index goes in (a database index needs none)."""
    if isinstance(path, Path):
        path.parent.mkdir(parents=True, exist_ok=True)


def indexed(article: Article, extras: dict[int, dict] | None = None) -> IndexedArticle:
    """Return an article's current revision as the index sees it (``extras``: ``extras_by_article``, once per batch)."""
    extras = extras_by_article([article.pk]) if extras is None else extras
    return IndexedArticle(
        id=article.pk, headline=article.headline, byline=article.byline, dateline=article.dateline,
        section=article.section, body="\n\n".join(article.body), published=article.published,
        url=article.url, language=article.language or "en", **extras.get(article.pk, {}),
    )


def extras_by_article(ids) -> dict[int, dict]:
    """Return what the index holds of the given articles beyond their text: topics, names and quotations.

    Names and quotations count only where they were found in the article's current text.
    """
    ids = list(ids)
    found: dict[int, dict] = defaultdict(dict)
    topics: dict[int, list[str]] = defaultdict(list)
    for article_id, topic in ArticleTopic.objects.filter(article_id__in=ids).order_by("article_id", "topic").values_list("article_id", "topic"):
        topics[article_id].append(topic)
    for pk, t in topics.items():
        found[pk]["topics"] = tuple(t)
    current = EntityMention.objects.filter(article_id__in=ids, article__enriched_revision=F("article__revision_count") - 1)
    names: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for article_id, kind, name in current.values_list("article_id", "entity__kind", "entity__name").order_by("article_id", "pk"):
        if name not in names[article_id][kind]:
            names[article_id][kind].append(name)
    for pk, kinds in names.items():
        found[pk].update(people=tuple(kinds.get("person", ())), organisations=tuple(kinds.get("organisation", ())),
                         places=tuple(kinds.get("place", ())))
    quotes: dict[int, list[str]] = defaultdict(list)
    rows = ArticleQuote.objects.filter(article_id__in=ids, direct=True, article__enriched_revision=F("article__revision_count") - 1)
    for article_id, text in rows.values_list("article_id", "text").order_by("article_id", "paragraph", "start"):
        quotes[article_id].append(text)
    for pk, texts in quotes.items():
        found[pk]["quotes"] = "\n".join(texts)
    return dict(found)


INDEXED_COLUMNS = ("pk", "headline", "byline", "dateline", "section", "body", "published", "url", "language")


def _indexed_row(row: tuple, extras: dict[int, dict]) -> IndexedArticle:
    pk, headline, byline, dateline, section, body, published, url, language = row
    return IndexedArticle(id=pk, headline=headline, byline=byline, dateline=dateline, section=section,
                          body="\n\n".join(body), published=published, url=url, language=language or "en",
                          **extras.get(pk, {}))


def catch_up(home: Path | None = None, *, batch: int = BATCH, progress: Callable[[int], None] | None = None) -> int:
    """Apply every outbox entry the index has not seen; return how many. 0 if another process is writing."""
    path = index_path(home)
    _make_room(path)
    try:
        index = open_index(path, backend=backend_name(), writer=True)
    except IndexLockedError:
        return 0  # the process holding the writer lock applies them
    except IndexVersionError as exc:
        # Built by an earlier morgue with other fields: built again from the archive (the old one is set aside).
        log.warning("%s; rebuilding it now", exc)
        return reindex(home, progress=progress)
    applied = 0
    with index:
        position = index.position()
        last = SearchOutbox.objects.aggregate(last=Max("pk"))["last"] or 0
        if position > last:
            # The index is ahead of this database (restored from a backup, or another
            # database): it cannot be trusted, so it is rebuilt.
            log.warning("search index at %s is ahead of the database (%s > %s); rebuilding", path, position, last)
            index.close()
            return reindex(home, progress=progress)
        while True:
            entries = list(SearchOutbox.objects.filter(pk__gt=position).order_by("pk").values_list("pk", "article_id")[:batch])
            if not entries:
                break
            ids = {article_id for _, article_id in entries}
            # Withdrawn articles and the other versions of a clustered story leave the index.
            live = list(searchable(Article.objects.filter(pk__in=ids)))
            extras = extras_by_article(a.pk for a in live)
            index.upsert(indexed(a, extras) for a in live)
            index.delete(ids - {a.pk for a in live})
            position = entries[-1][0]
            index.commit(position)
            applied += len(entries)
            if progress:
                progress(len(entries))
    return applied


def reindex(home: Path | None = None, *, chunk: int = 5000, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the index from every public article; return how many were indexed.

    The outbox position is read before the articles, so a change made while
    the rebuild runs is applied by the next `catch_up`.
    """
    path = index_path(home)
    _make_room(path)
    position = SearchOutbox.objects.aggregate(last=Max("pk"))["last"] or 0
    count = 0
    with _open_for_rebuild(path) as index:
        index.clear()
        last_pk = 0
        while True:
            # Only the indexed columns, as tuples: model instances cost more than the indexing.
            rows = list(searchable(Article.objects.filter(pk__gt=last_pk)).order_by("pk").values_list(*INDEXED_COLUMNS)[:chunk])
            if not rows:
                break
            extras = extras_by_article(row[0] for row in rows)
            index.upsert(_indexed_row(row, extras) for row in rows)
            last_pk = rows[-1][0]
            count += len(rows)
            if progress:
                progress(len(rows))
        index.commit(position)
    return count


def _open_for_rebuild(path):
    """Open the index for a rebuild; one this morgue cannot read (another version's) is set aside, never deleted."""
    from morgue.faults import explain
    from morgue.search import SearchIndexError

    try:
        return open_index(path, backend=backend_name(), writer=True)
    except SearchIndexError as exc:
        if not isinstance(path, Path) or not path.exists() or explain(exc) is not None:
            raise  # a database index, or the disk's fault: nothing to set aside
        aside = path.with_name(f"{path.name}.unreadable-{int(time.time())}")
        path.rename(aside)
        log.warning("the search index %s could not be read (%s); kept as %s and built anew", path, exc, aside)
        return open_index(path, backend=backend_name(), writer=True)


def search_archive(text: str, *, home: Path | None = None, limit: int = 20, offset: int = 0,
                   sort: str | None = None, facets: bool = True) -> SearchResults:
    """Return the results of a search in the query language (raises QueryError for text it cannot use)."""
    return reader(home).search(text, limit=limit, offset=offset, sort=sort, facets=facets)


def reader(home: Path | None = None):
    """Return this process's shared read-only index (it sees each new commit by itself)."""
    path = index_path(home)
    with _readers_lock:
        index = _readers.get(path)
        if index is None:
            _make_room(path)
            index = _readers[path] = open_index(path, backend=backend_name())
        return index


def forget_readers() -> None:
    """Close this process's read-only indexes (tests that rebuild an index in a new home)."""
    with _readers_lock:
        for index in _readers.values():
            index.close()
        _readers.clear()


class IndexFeeder(threading.Thread):
    """A background thread that applies the outbox every ``interval`` seconds (run by `morgue serve`)."""

    def __init__(self, home: Path | None = None, interval: float = 0.5):
        super().__init__(name="morgue-index-feeder", daemon=True)
        self.home, self.interval = home, interval
        self.stopped = threading.Event()

    def run(self) -> None:
        from django.db import connection

        failing = ""
        while not self.stopped.wait(self.interval if not failing else min(30.0, self.interval * 20)):
            try:
                catch_up(self.home)
                if failing:
                    log.warning("the search index is up to date again")
                failing = ""
            except Exception as exc:  # noqa: BLE001 - keep serving; the next round retries
                from morgue.faults import explain

                reason = explain(exc) or f"{type(exc).__name__}: {exc}"
                if reason != failing:  # once per cause, not every half second
                    log.warning("could not bring the search index up to date: %s", reason,
                                exc_info=explain(exc) is None)
                failing = reason
            finally:
                connection.close()
