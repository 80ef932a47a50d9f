"""What only the PostgreSQL backend promises: tsquery syntax is text, its index is fed by the archive
in its own database, and choosing it without PostgreSQL fails at once."""

import threading
from dataclasses import replace

import pytest
from django.core.exceptions import ImproperlyConfigured

from morgue.search import backend_problem, open_index

from .conftest import ON_POSTGRES, needs_postgres
from .corpus import BY_ID

on_postgres = [needs_postgres, pytest.mark.db_backends]


def found(index, text):
    return {h.id for h in index.search(text, limit=50).hits}


@pytest.fixture
def pg_path(new_path, backend):
    if backend != "postgres":
        pytest.skip("PostgreSQL only")
    return new_path()


@pytest.mark.parametrize("backend", [pytest.param("postgres", marks=on_postgres)])
class TestTsquerySyntaxIsText:
    """User text never reaches PostgreSQL as tsquery or SQL syntax."""

    def test_tsquery_operators_inside_words_are_separators(self, index):
        phrase = found(index, '"harbour bridge"')
        assert phrase == {1, 17, 31}
        for text in ("harbour&bridge", "harbour|bridge", "harbour<->bridge", "harbour!bridge",
                     "harbour'bridge", "harbour\\bridge", "harbour:*bridge"):
            assert found(index, text) == phrase, text

    def test_quotes_and_backslashes_are_words(self, writer):
        writer.upsert([replace(BY_ID[18], body="Mr O'Brien\\Jr solved it; 'quoted' \\\\ too.")])
        writer.commit(37)
        assert found(writer, "o'brien") == {18}
        assert found(writer, "brien") == {18}
        assert found(writer, "'quoted'") == {18}

    @pytest.mark.parametrize("text", [
        "'", "''", "'harbour' & !'bridge'", "harbour & bridge", "harbour | !bridge", "!harbour",
        "harbour:*", "harbour:A", "harbour:*A & bridge", "<->", "harbour <-> bridge", "harbour <2> bridge",
        "\\", "\\\\", "harbour\\", "\\'harbour", "'\\'", "harbour\x00bridge", "\x00", "(harbour",
        "'); DROP TABLE morgue_search; --", "$$", "E'\\x00'", "harbour::tsquery", "%s", "%(x)s",
        "section:'news'", "section:news%", "section:_ews", "headline:'harbour':*", "byline:\\",
        "harbour*&*", "a:*b", "storm:*|flood:*", "'harbour bridge'",
    ])
    def test_syntax_fragments_give_results_or_a_query_error(self, index, text):
        from morgue.search import QueryError

        try:
            result = index.search(text)
        except QueryError as e:
            assert str(e).startswith("could not understand")
        else:
            assert result.total >= len(result.hits)
        assert index.count() == 36  # and nothing was dropped

    def test_like_wildcards_in_a_section_are_text(self, index):
        assert found(index, "section:new%") == set()
        assert found(index, "section:_ews") == set()
        assert found(index, "section:new*") == found(index, "section:news")


@pytest.mark.parametrize("backend", [pytest.param("postgres", marks=on_postgres)])
class TestSharedServing:
    def test_threads_sharing_a_reader_each_get_answers(self, index, writer):
        answers, errors = [], []

        def search():
            try:
                for _ in range(20):
                    answers.append(found(index, "harbour"))
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(e)

        threads = [threading.Thread(target=search) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors and len(answers) == 80
        assert all(a == {1, 5, 11, 16, 17, 19, 26, 31, 33, 36} for a in answers)

    def test_two_processes_readers_see_one_writers_commit(self, writer, path, backend):
        # Two readers with their own connections stand for two web machines.
        with open_index(path, backend=backend) as one, open_index(path, backend=backend) as two:
            writer.upsert([replace(BY_ID[18], body="A walrus solved seven across.")])
            writer.commit(37)
            assert found(one, "walrus") == found(two, "walrus") == {18}

    def test_the_lock_is_per_index(self, writer, new_path, backend):
        with open_index(new_path("other"), backend=backend, writer=True) as other:
            assert other.position() == 0

    def test_a_password_is_never_printed(self, path):
        assert "morgue:morgue" not in repr(path) and "morgue:morgue" not in str(path)


def test_postgres_is_refused_without_postgresql():
    assert "DATABASE_URL=postgres://" in backend_problem("postgres", "django.db.backends.sqlite3")
    assert backend_problem("postgres", "django.db.backends.postgresql") is None
    assert "one of tantivy, sqlite, postgres" in backend_problem("elastic", "django.db.backends.sqlite3")


@pytest.mark.skipif(ON_POSTGRES, reason="checks the SQLite run's refusal of the postgres backend")
def test_archive_on_sqlite_refuses_the_postgres_backend(monkeypatch):
    from morgue.archive.searching import index_path

    monkeypatch.setenv("MORGUE_SEARCH_BACKEND", "postgres")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL does not name one"):
        index_path()


@pytest.mark.parametrize("backend", [pytest.param("postgres", marks=on_postgres)])
def test_a_huge_body_is_indexed_up_to_its_limit_and_fails_nothing(writer):
    from morgue.search.backends.postgres import MAX_INDEXED_CHARS

    words = " ".join(f"w{i}x" for i in range(200_000))  # far past a tsvector's 1 MiB
    assert len(words) > MAX_INDEXED_CHARS
    writer.upsert([replace(BY_ID[18], body="zebra " + words + " okapi")])
    writer.commit(37)
    assert found(writer, "zebra") == {18}
    assert found(writer, "okapi") == set()  # past the limit: not indexed, and said so


@pytest.mark.parametrize("backend", [pytest.param("postgres", marks=on_postgres)])
def test_opening_never_waits_for_a_writer_at_work(writer, path, backend):
    from morgue.search import IndexLockedError

    writer.clear()  # an open transaction with its locks, as during a rebuild
    outcome = []

    def open_both():
        with open_index(path, backend=backend) as reader:
            outcome.append(reader.count())
        try:
            open_index(path, backend=backend, writer=True)
        except IndexLockedError:
            outcome.append("locked")

    thread = threading.Thread(target=open_both, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive() and outcome == [36, "locked"]
