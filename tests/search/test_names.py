"""person:, org:, place: and quote: against every backend: words within names, phrases, exclusion, prefixes."""

from datetime import date

import pytest

from morgue.search import IndexedArticle, open_index

ARTICLES = [
    IndexedArticle(1, "Lavrov warns", "", "MOSCOW", "World", "Sergei Lavrov spoke of NATO.", date(2008, 8, 26), "",
                   people=("Sergei Lavrov",), places=("Moscow", "Georgia"), organisations=("NATO",),
                   quotes="“NATO is making a grave mistake,”"),
    IndexedArticle(2, "Brothers", "", "", "World", "Ed Miliband and David Miliband in London.", date(2008, 9, 10), "",
                   people=("Ed Miliband", "David Miliband"), places=("London",), quotes="“It was a family matter,”"),
    IndexedArticle(3, "Georgia votes", "", "", "World", "The vote in Georgia went ahead; NATO watched.",
                   date(2008, 9, 12), "", places=("Georgia",), organisations=("NATO",)),
]


@pytest.fixture
def names_index(new_path, backend):
    path = new_path("names")
    with open_index(path, backend=backend, writer=True) as writer:
        writer.upsert(ARTICLES)
        writer.commit(3)
    reader = open_index(path, backend=backend)
    yield reader
    reader.close()


def ids(index, text):
    return {h.id for h in index.search(text, limit=20).hits}


def test_a_word_of_a_name_and_a_whole_name(names_index):
    assert ids(names_index, "person:lavrov") == {1}
    assert ids(names_index, 'person:"david miliband"') == {2}
    assert ids(names_index, "person:miliband") == {2}
    assert ids(names_index, "person:mili*") == {2}


def test_kinds_are_apart_and_the_body_alone_is_not_a_name(names_index):
    assert ids(names_index, "place:georgia") == {1, 3}
    assert ids(names_index, "person:georgia") == set()
    assert ids(names_index, "org:nato") == {1, 3}
    assert ids(names_index, "org:nato -place:moscow") == {3}


def test_quote_searches_only_inside_quotations(names_index):
    assert ids(names_index, "quote:nato") == {1}
    assert ids(names_index, "quote:nato person:lavrov") == {1}
    assert ids(names_index, 'quote:"family matter"') == {2}
    assert ids(names_index, "quote:mistakes") == {1}  # stemmed, as the body is
    assert ids(names_index, "quote:vote") == set()
