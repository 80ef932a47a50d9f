"""People, organisations and places found in newswire text, with titles and short forms resolved."""

from morgue.enrich.article import dateline_places, enrich_body, enrichment_record
from morgue.enrich.entities import ORGANISATION, PERSON, PLACE, find_mentions, named, ordinary_case, shouting

STORY = [
    "Russian President Dmitry Medvedev of Russia on Tuesday informed Chinese President Hu Jintao of the decision, "
    "the president's spokeswoman, Natalia Timakova, told reporters in Moscow.",
    "Mr. Medvedev \"informed\" Mr. Hu of the recognition of Abkhazia and South Ossetia, she said.",
    "A government spokesman, Dmitry Peskov, said the decision was final.",
    "\"To initiate wide support is not a primary goal,\" Mr. Peskov said.",
    "British Foreign Secretary David Miliband said he would travel to Kiev. Foreign Minister Sergei Lavrov of Russia "
    "answered him.",
    "Yevgeny Volk, an analyst in Moscow for the Washington-based Heritage Foundation, said such a decision would "
    "amount to a break with NATO.",
]


def _people(mentions):
    return {n.name: n for n in named(mentions) if n.kind == PERSON}


def test_people_organisations_and_places_are_found_with_spans():
    mentions = find_mentions(STORY)
    for m in mentions:
        assert STORY[m.paragraph][m.start:m.end] == m.text
    kinds = {(m.name, m.kind) for m in mentions}
    assert ("Natalia Timakova", PERSON) in kinds
    assert ("Moscow", PLACE) in kinds
    assert ("Heritage Foundation", ORGANISATION) in kinds
    assert ("NATO", ORGANISATION) in kinds


def test_titles_before_the_name_as_an_apposition_and_after_it():
    people = _people(find_mentions(STORY))
    assert "British Foreign Secretary" in people["David Miliband"].titles
    assert "Foreign Minister of Russia" in people["Sergei Lavrov"].titles
    assert "A government spokesman" in people["Dmitry Peskov"].titles
    assert "the president's spokeswoman" in people["Natalia Timakova"].titles
    assert any("analyst" in t for t in people["Yevgeny Volk"].titles)


def test_short_forms_point_to_the_full_name_in_the_article():
    mentions = find_mentions(STORY)
    by_text = {(m.paragraph, m.text): m.name for m in mentions}
    assert by_text[(3, "Peskov")] == "Dmitry Peskov"
    assert by_text[(1, "Hu")] == "Hu Jintao"
    assert by_text[(1, "Medvedev")] == "Dmitry Medvedev"


def test_two_people_who_share_a_surname_stay_two():
    mentions = find_mentions(["Ed Miliband met his brother David Miliband in London.", "Then Mr. Miliband left."])
    people = _people(mentions)
    assert {"Ed Miliband", "David Miliband"} <= set(people)


def test_a_title_before_two_names_is_a_person_and_honorific_titles_count():
    people = _people(find_mentions(["Sergeant Edith Amadi told a packed meeting that Dr. Aoife Iyer was safe."]))
    assert people["Edith Amadi"].titles == ["Sergeant"]
    assert people["Aoife Iyer"].titles == ["Dr."]


def test_text_set_in_capitals_is_read_in_ordinary_case():
    text = "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT ."
    assert shouting(text) and not shouting("Japan beat China 2-1 in Tokyo.")
    assert len(ordinary_case(text)) == len(text)
    places = {m.text for m in find_mentions([text]) if m.kind == PLACE}
    assert {"JAPAN", "CHINA"} <= places


def test_a_dateline_teaches_a_place_the_gazetteer_lacks():
    known = dateline_places(["EASTWICK FALLS —", "MOSCOW, Aug. 26"])
    assert known == {"Eastwick Falls", "Moscow"}
    body = ["Eastwick Falls gave its verdict on Tuesday, and Eastwick Falls will vote again."]
    kinds = {m.kind for m in enrich_body(body, known).mentions if m.text == "Eastwick Falls"}
    assert kinds == {PLACE}


def test_the_record_is_plain_data_and_an_empty_body_has_nothing():
    assert enrichment_record([]) == {"mentions": [], "quotes": []}
    record = enrichment_record(STORY)
    assert {"paragraph", "start", "end", "text", "kind", "name", "title"} <= set(record["mentions"][0])
    assert any(q["speaker"] == "Dmitry Peskov" for q in record["quotes"])


def test_hostile_text_gives_no_names_and_never_raises():
    for body in (["<script>alert(1)</script>"], ["\u0000\ufffd" * 50], ["“" * 300], ["Mr."], [" " * 10], ["A" * 5000]):
        for m in find_mentions(body):
            assert body[m.paragraph][m.start:m.end] == m.text
