"""Every backend test runs once per search backend, on the invented corpus.

The PostgreSQL backend runs only when DATABASE_URL names a PostgreSQL server
(``make test``'s second run); each test gets tables of its own, dropped after.
"""

import os
import uuid

import psycopg
import pytest

from morgue.search import BACKENDS, open_index

from .corpus import ARTICLES

POSTGRES_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = POSTGRES_URL.startswith(("postgres://", "postgresql://"))
needs_postgres = pytest.mark.skipif(not ON_POSTGRES, reason="the PostgreSQL search backend needs "
                                    "DATABASE_URL=postgres://... (make test's PostgreSQL run)")


def _param(name):
    if name == "postgres":
        return pytest.param(name, marks=[needs_postgres, pytest.mark.db_backends])
    return name


@pytest.fixture(params=[_param(b) for b in BACKENDS])
def backend(request):
    """The name of the backend under test."""
    return request.param


@pytest.fixture
def new_path(tmp_path, backend, request):
    """A function giving the place of a new, empty index of the backend under test."""
    tables = []

    def make(name="index"):
        if backend == "postgres":
            from morgue.search.backends.postgres import PostgresLocation

            tables.append(f"search_test_{uuid.uuid4().hex[:12]}")
            return PostgresLocation(POSTGRES_URL, tables[-1])
        return tmp_path / (name if backend == "tantivy" else f"{name}.sqlite")

    yield make
    if tables:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as db:
            for t in tables:
                db.execute(f'DROP TABLE IF EXISTS "{t}", "{t}_state"')


@pytest.fixture
def path(new_path):
    return new_path()


@pytest.fixture
def writer(path, backend):
    """A writable index holding the corpus, committed at outbox position 36."""
    index = open_index(path, backend=backend, writer=True)
    index.upsert(ARTICLES)
    index.commit(36)
    yield index
    index.close()


@pytest.fixture
def index(writer, path, backend):
    """A reader of the committed corpus."""
    reader = open_index(path, backend=backend)
    yield reader
    reader.close()
