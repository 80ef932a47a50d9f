"""The same searches against every backend (tantivy, SQLite FTS5, PostgreSQL) on the invented corpus."""

from dataclasses import replace
from datetime import date

import pytest

from morgue.search import IndexLockedError, QueryError, open_index

from .corpus import ARTICLES, BY_ID


def ids(index, text, **kw):
    return [h.id for h in index.search(text, limit=50, **kw).hits]


def found(index, text, **kw):
    return set(ids(index, text, **kw))


class TestWords:
    def test_a_word_finds_every_article_with_it(self, index):
        assert found(index, "trawlermen") == {26}
        assert found(index, "harbour") == {1, 5, 11, 16, 17, 19, 26, 31, 33, 36}

    def test_words_are_all_required(self, index):
        assert found(index, "harbour bridge") == {1, 17, 31, 35} - {35}

    def test_stemming_finds_other_forms(self, index):
        assert found(index, "elections") >= {2, 13, 30}
        assert 2 in found(index, "election")

    def test_accents_are_folded_both_ways(self, index):
        assert found(index, "cafe") == {3, 19, 28}
        assert found(index, "café") == {3, 19, 28}
        assert found(index, "theatre") == {25}
        assert found(index, "zoe brandt") == {3, 28}

    def test_case_does_not_matter(self, index):
        assert found(index, "ROVERS") == found(index, "rovers") == {6, 7}

    def test_a_word_nowhere_finds_nothing(self, index):
        result = index.search("xylophone")
        assert result.total == 0 and result.hits == ()

    def test_headline_matches_rank_above_body_matches(self, index):
        # "library" is in the headline of 8 and 19 and only in the body of none else.
        assert ids(index, "storm")[:3] != [] and set(ids(index, "storm")[:3]) <= {4, 14, 22}
        assert ids(index, "harbour")[0] == 36  # the headline says it three times

    def test_equal_scores_put_the_newer_article_first(self, index):
        assert ids(index, "-harbour")[:3] == [30, 29, 28]


class TestOperators:
    def test_phrase(self, index):
        assert found(index, '"harbour bridge"') == {1, 17, 31}
        assert found(index, '"bridge harbour"') == set()

    def test_or(self, index):
        assert found(index, "trawlermen OR sourdough") == {26, 15}
        assert found(index, "(storm OR flood) valley") == {10, 14}

    def test_exclude_word_phrase_and_field(self, index):
        assert found(index, "harbour -bridge") == {5, 11, 16, 19, 26, 33, 36}
        assert found(index, 'harbour -"harbour bridge"') == {5, 11, 16, 19, 26, 33, 36}
        assert found(index, "harbour -section:news") == {5, 11, 16, 17, 19, 26, 33}

    def test_only_exclusions_match_everything_else(self, index):
        assert len(found(index, "-harbour")) == len(ARTICLES) - 10

    def test_prefix(self, index):
        assert found(index, "trawl*") == {5, 26}
        assert found(index, "electi*") == {2, 9, 13, 30}  # "elections" is stemmed "elect"
        # A prefix also matches its stem cuts, so "electo*" reaches "elect" too.
        assert found(index, "electo*") == {2, 9, 13, 30, 34}
        assert found(index, "electr*") == {14}

    def test_field_filters(self, index):
        assert found(index, "headline:harbour") == {1, 5, 33, 36}
        assert found(index, "byline:smith") == {2, 8, 13, 27, 30, 34}
        assert found(index, "dateline:portsea") == {4, 7, 21}
        assert found(index, 'section:"local news"') == {3, 11, 12, 19, 21}
        assert found(index, "section:sport rovers") == {6, 7}

    def test_a_section_is_matched_whole(self, index):
        assert found(index, "section:news") == {1, 4, 10, 14, 20, 22, 29, 31, 32, 35, 36}
        assert found(index, 'section:"LOCAL NEWS"') == found(index, "section:local*")
        assert found(index, "section:local") == set()

    def test_entity_fields_search_only_the_names_enrichment_found(self, index):
        # The corpus has no enrichment: a name in the text alone is not a person: match (tests/search/test_names.py).
        assert found(index, "Zoë Brandt") and found(index, 'person:"Zoë Brandt"') == set()
        assert found(index, "place:portsea") == set()


class TestDates:
    @pytest.mark.parametrize("text, expected", [
        ("date:2008-08", {1, 2, 17, 33, 34, 35, 36}),
        ("date:2008-08-15", {1}),
        ("date:2008", {1, 2, 3, 17, 33, 34, 35, 36}),
        ("date:1998..1999", {4, 5, 10, 13, 14, 16}),
        ("date:1998-03..1998", {5, 13, 16}),
        ("before:1990", {21, 22}),
        ("after:2019-03-01", {28, 29, 30}),
        ("after:1999-12-30 before:2000-01-02", {10, 8}),
        ("harbour date:1998..2008", {1, 5, 11, 16, 17, 33, 36}),
    ])
    def test_date_filters(self, index, text, expected):
        assert found(index, text) == expected

    def test_undated_articles_never_match_a_date_filter(self, index):
        assert not found(index, "date:1000..9999") & {12, 32}
        assert not found(index, "-date:2008") & {12, 32}
        assert {12, 32} <= found(index, "clipping OR lifeboat")

    def test_sort_by_date(self, index):
        assert ids(index, "harbour", sort="date") == [26, 19, 31, 36, 33, 17, 1, 11, 5, 16]
        assert ids(index, "harbour", sort="oldest") == [16, 5, 11, 1, 17, 33, 36, 31, 19, 26]
        assert ids(index, "harbour sort:oldest") == ids(index, "harbour", sort="oldest")

    def test_undated_articles_come_last_in_date_order(self, index):
        assert ids(index, "town hall", sort="date")[-1] == 12
        assert ids(index, "town hall", sort="oldest")[-1] == 12

    def test_hits_carry_their_date(self, index):
        hit = index.search("trawlermen").hits[0]
        assert hit.published == date(2019, 2, 2) and hit.section == "Business"
        assert hit.byline == "Priya Nair" and hit.headline == BY_ID[26].headline


class TestPagesAndFacets:
    def test_total_is_exact_and_pages_do_not_overlap(self, index):
        first = index.search("harbour", limit=4)
        second = index.search("harbour", limit=4, offset=4)
        assert first.total == second.total == 10
        assert not {h.id for h in first.hits} & {h.id for h in second.hits}
        assert len(first.hits) == len(second.hits) == 4

    def test_facets_count_every_match(self, index):
        result = index.search("harbour", limit=1)
        assert dict(result.facets["section"]) == {"News": 3, "Business": 2, "Local news": 2,
                                                  "Culture": 1, "Obituaries": 1, "Opinion": 1}
        assert result.facets["section"][0] == ("News", 3)
        assert dict(result.facets["year"]) == {"1998": 2, "2000": 1, "2008": 4, "2009": 1,
                                               "2012": 1, "2019": 1}
        assert result.facets["decade"] == (("1990s", 2), ("2000s", 6), ("2010s", 2))

    def test_undated_articles_count_in_sections_not_years(self, index):
        result = index.search("clipping")
        assert result.total == 2 and dict(result.facets["section"]) == {"Local news": 1, "News": 1}
        assert result.facets["year"] == ()

    def test_no_facets_when_not_asked(self, index):
        result = index.search("harbour", facets=False)
        assert result.facets == {} and result.total == 10

    def test_bad_pages_are_query_errors(self, index):
        for kw in ({"limit": 0}, {"offset": -1}, {"offset": 20_000}, {"sort": "random"}):
            with pytest.raises(QueryError, match="^could not understand"):
                index.search("harbour", **kw)


class TestSnippets:
    def test_matches_are_marked(self, index):
        hit = index.search("trawlermen").hits[0]
        assert "<mark>Trawlermen</mark> in the harbour" in hit.snippet_html

    def test_markup_in_the_text_comes_out_as_text(self, index):
        html = index.search("script").hits[0].snippet_html
        assert "<script>" not in html and "<b>" not in html
        assert "&lt;<mark>script</mark>&gt;alert('x')&lt;/<mark>script</mark>&gt;" in html
        assert "&lt;b&gt;bold&lt;/b&gt;" in html

    def test_accented_match_is_marked_as_written(self, index):
        html = {h.id: h.snippet_html for h in index.search("cafe").hits}[3]
        assert "<mark>café</mark>" in html and "façade" in html

    def test_no_words_gives_the_start_of_the_body(self, index):
        hit = index.search("date:2008-08-15").hits[0]
        assert hit.snippet_html.startswith("The town council voted") and "<mark>" not in hit.snippet_html

    def test_long_body_is_cut_around_the_match(self, writer, backend):
        long = replace(BY_ID[18], id=99, body="Filler words here. " * 60 + "The walrus arrived. "
                       + "More filler after. " * 60)
        writer.upsert([long])
        writer.commit(37)
        html = writer.search("walrus").hits[0].snippet_html
        assert "<mark>walrus</mark>" in html and len(html) < 400 and "\u2026" in html


class TestWriting:
    def test_upsert_replaces_by_id_and_is_idempotent(self, writer):
        changed = replace(BY_ID[26], headline="Quotas anger fishermen", body="Fishermen protest.")
        for _ in range(2):
            writer.upsert([changed])
            writer.commit(40)
        assert writer.count() == len(ARTICLES)
        assert found(writer, "trawlermen") == set()
        assert found(writer, "fishermen") == {26}

    def test_replaying_the_whole_corpus_changes_nothing(self, writer):
        writer.upsert(ARTICLES)
        writer.commit(36)
        assert writer.count() == len(ARTICLES)
        assert found(writer, "harbour") == {1, 5, 11, 16, 17, 19, 26, 31, 33, 36}

    def test_delete(self, writer):
        writer.delete([26, 5, 12345])
        writer.commit(41)
        assert found(writer, "trawl*") == set() and writer.count() == len(ARTICLES) - 2

    def test_clear_takes_effect_at_commit(self, writer, path, backend):
        reader = open_index(path, backend=backend)
        writer.clear()
        assert reader.count() == len(ARTICLES)
        writer.commit(0)
        assert reader.count() == 0 and writer.count() == 0
        reader.close()

    def test_position_survives_reopening(self, writer, path, backend):
        assert writer.position() == 36
        writer.commit(52)
        writer.close()
        with open_index(path, backend=backend) as reader:
            assert reader.position() == 52 and reader.count() == len(ARTICLES)

    def test_a_new_index_is_at_position_zero(self, new_path, backend):
        with open_index(new_path("new"), backend=backend) as index:
            assert index.position() == 0 and index.count() == 0
            assert index.search("harbour").total == 0

    def test_a_second_writer_gets_a_clear_error(self, writer, path, backend):
        with pytest.raises(IndexLockedError, match="one writer at a time"):
            open_index(path, backend=backend, writer=True)

    def test_the_writer_lock_is_released_on_close(self, writer, path, backend):
        writer.close()
        with open_index(path, backend=backend, writer=True) as again:
            assert again.position() == 36

    def test_a_reader_sees_a_new_commit(self, writer, index):
        assert found(index, "walrus") == set()
        writer.upsert([replace(BY_ID[18], body="A walrus solved seven across.")])
        assert found(index, "walrus") == set()  # not committed yet
        writer.commit(37)
        assert found(index, "walrus") == {18}
        assert index.position() == 37

    def test_a_reader_cannot_write(self, index):
        with pytest.raises(Exception, match="opened for reading"):
            index.upsert(ARTICLES[:1])
