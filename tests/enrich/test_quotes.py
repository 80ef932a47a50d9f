"""Quotations with their speakers: split, running over paragraphs, partial; pronouns and short forms resolved."""

from morgue.enrich.entities import find_mentions
from morgue.enrich.quotes import find_quotes


def _quotes(body):
    return find_quotes(body, find_mentions(body))


def _direct(body):
    return [q for q in _quotes(body) if q.direct]


def test_a_quote_split_around_said_has_one_speaker():
    body = ["Dmitry Peskov spoke in Moscow.",
            "“To initiate wide support is not a primary goal,” Mr. Peskov said. “It is a question of principle.”"]
    quotes = _direct(body)
    assert [q.speaker for q in quotes] == ["Dmitry Peskov", "Dmitry Peskov"]
    assert quotes[0].cue == "said"
    assert body[1][quotes[0].start:quotes[0].end].startswith("“To initiate")


def test_inverted_cue_before_cue_and_according_to():
    body = ["“The data are clear,” said Aoife Iyer, a researcher.",
            "Jonas Berg told reporters: “We will not move.”",
            "According to Maria Lind, “the vote was lost in March.”"]
    speakers = [q.speaker for q in _direct(body)]
    assert speakers == ["Aoife Iyer", "Jonas Berg", "Maria Lind"]


def test_a_pronoun_is_the_latest_person_named():
    body = ["Natalia Timakova spoke to reporters on Tuesday.", "“Nothing has changed,” she said."]
    assert _direct(body)[0].speaker == "Natalia Timakova"


def test_a_quote_over_several_paragraphs_keeps_its_speaker():
    body = ["Edith Marlowe said: “We have sandbagged our houses four times since Christmas.",
            "“Nobody should have to live like that, and nobody will any more.”"]
    quotes = _direct(body)
    assert len(quotes) == 2 and {q.speaker for q in quotes} == {"Edith Marlowe"}


def test_a_partial_quote_inside_a_sentence():
    body = ["Hu Jintao asked Dmitry Medvedev to “reconsider this irresponsible decision” at once, officials said."]
    quotes = _direct(body)
    assert len(quotes) == 1 and "reconsider" in quotes[0].text


def test_a_title_or_scare_quote_is_not_a_quotation_and_no_cue_is_unattributed():
    assert _direct(["She sang “American Skin” to the crowd in Ohio."]) == []
    lone = _direct(["“The harbour wall will not last another winter and everyone here knows it.”"])
    assert len(lone) == 1 and lone[0].speaker == ""


def test_indirect_attribution_is_marked_indirect():
    body = ["Yevgeny Volk said such a decision would amount to a break with the West."]
    quotes = _quotes(body)
    assert any(not q.direct and q.speaker == "Yevgeny Volk" for q in quotes)


def test_unbalanced_marks_never_raise():
    for body in (["“" * 50], ["”one” two “three"], ['"', '""""'], ["‘don’t’ it’s ‘x"]):
        for q in _quotes(body):
            assert 0 <= q.start <= q.end


def test_a_quote_closed_with_the_other_mark_still_ends_there():
    body = ["Doctors were eager to talk about him.",
            "\"Oz has a huge bully pulpit, with the entire empire behind him,” said David Gorski, a surgeon.",
            "“Immunity deals should not be a requirement,\" Chairman Jason Chaffetz said in a statement."]
    quotes = _direct(body)
    assert [q.speaker for q in quotes] == ["David Gorski", "Jason Chaffetz"]
    assert body[1][quotes[0].start:quotes[0].end].endswith("behind him,”")


def test_a_description_between_said_and_the_name_and_an_adverb_before_said():
    body = ["“They are wrong,” said 9/11 widow Terry Strada.",
            "Her father spoke at length. “We live in hard times,” my father often said."]
    quotes = _direct(body)
    assert quotes[0].speaker == "Terry Strada"
    assert quotes[1].speaker == "my father"


def test_a_text_quoted_by_what_it_reads():
    body = ["The union sent a letter to the board.", "“We see schools offering hope,” the letter reads."]
    assert _direct(body)[0].speaker == "the letter"
