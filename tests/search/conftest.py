"""Every backend test runs once per search backend, on the invented corpus."""

import pytest

from morgue.search import BACKENDS, open_index

from .corpus import ARTICLES


def index_path(tmp_path, backend):
    return tmp_path / ("index" if backend == "tantivy" else "index.sqlite")


@pytest.fixture(params=BACKENDS)
def backend(request):
    """The name of the backend under test."""
    return request.param


@pytest.fixture
def path(tmp_path, backend):
    return index_path(tmp_path, backend)


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
