"""Mojibake, replacement characters and control characters."""

from morgue.audit import find_defects

from .helpers import article, of_kind, span

CLEAN = "Russia’s economy grew by 3% in the year to March, the café owners said."


def test_mojibake_found_with_ftfy_fix():
    art = article("Russiaâ€™s economy grew by 3% in the year to March.")
    [defect] = of_kind(find_defects(art), "mojibake")
    assert span(art, defect) == "Russiaâ€™s"
    assert (defect.start, defect.severity, defect.suggestion) == (0, "high", "Russia’s")


def test_mojibake_in_headline_and_pound_sign():
    art = article("The loan was Â£479m.", headline="CafÃ© owners protest")
    found = {(d.field, span(art, d), d.suggestion) for d in of_kind(find_defects(art), "mojibake")}
    assert found == {("headline", "CafÃ©", "Café"), ("body", "Â£479m.", "£479m.")}


def test_clean_unicode_is_not_mojibake():
    assert of_kind(find_defects(article(CLEAN, "Привет, мир. Il était une fois à Paris.")), "mojibake") == []


def test_replacement_character_and_question_mark_inside_word():
    art = article("The caf\ufffd was closed. Russia?s economy and the na?ve plan.")
    found = [span(art, d) for d in of_kind(find_defects(art), "replacement-character")]
    assert found == ["caf\ufffd", "Russia?s", "na?ve"]


def test_question_mark_ending_a_word_mid_sentence():
    art = article("They met at the caf? in the old town.")
    [defect] = of_kind(find_defects(art), "replacement-character")
    assert span(art, defect) == "caf?"
    assert defect.severity == "medium"


def test_real_questions_and_urls_are_not_replacement_characters():
    art = article('"Why?" he asked. Is it over? Nobody knows. See https://example.org/a?id=3 for more.')
    assert of_kind(find_defects(art), "replacement-character") == []


def test_control_characters_found_and_fixable():
    art = article("The minister\x00 resigned\x1b on Monday.")
    found = of_kind(find_defects(art), "control-character")
    assert [(d.start, d.end, d.suggestion) for d in found] == [(12, 13, ""), (22, 23, "")]


def test_c1_byte_inside_mojibake_is_reported_once():
    art = article("He said â€œnoâ€\x9d to the plan.")
    defects = find_defects(art)
    assert of_kind(defects, "control-character") == []
    assert [d.suggestion for d in of_kind(defects, "mojibake")] == ["“no”"]


def test_mojibake_with_no_break_space_byte():
    art = article("Prices were unchanged, BÃ\u00a0rnes said.")
    [defect] = of_kind(find_defects(art), "mojibake")
    assert (span(art, defect), defect.suggestion) == ("BÃ\u00a0rnes", "Bàrnes")
