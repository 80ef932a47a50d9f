"""Safe fixes: what they change, and what they leave for an editor."""

from morgue.audit import apply_safe_fixes, find_defects

from .helpers import article

LONG = "The government said the agreement would be signed in Dushanbe next week, officials confirmed."


def fields(art):
    return {"headline": art.headline, "byline": art.byline, "body": list(art.body)}


def test_safe_fixes_produce_the_expected_text():
    art = article(
        "Russiaâ€™s economy &amp; the <b>rouble</b> grew.",
        LONG,
        "The vote was lost.<br/>The party met\x00 later.",
        LONG,
        "<p>",
        headline="CafÃ© owners protest",
    )
    original = fields(art)
    new, fixed = apply_safe_fixes(original, find_defects(art))
    assert new["headline"] == "Café owners protest"
    assert new["body"] == [
        "Russia’s economy & the rouble grew.",
        LONG,
        "The vote was lost. The party met later.",
    ]
    assert {d.kind for d in fixed} == {"mojibake", "leftover-markup", "duplicated-content", "control-character"}
    assert original == fields(art)  # the input is not touched


def test_unsafe_defects_are_left_for_an_editor():
    art = article("By {{ author }} in Dushanbe.", "Sign in to continue reading", "Officials said the goverment was")
    new, fixed = apply_safe_fixes(fields(art), find_defects(art))
    assert fixed == [] and new == fields(art)


def test_clean_article_is_returned_unchanged():
    art = article("The  talks   ended.", LONG)
    new, fixed = apply_safe_fixes(fields(art), find_defects(art))
    assert fixed == [] and new == fields(art)


def test_overlapping_fixes_apply_the_longer_span():
    art = article("He said â€œnoâ€\x9d twice.")
    new, fixed = apply_safe_fixes(fields(art), find_defects(art))
    assert new["body"] == ["He said “no” twice."] and len(fixed) == 1


def test_tuple_body_stays_a_tuple():
    art = article(LONG, LONG)
    new, _ = apply_safe_fixes({"body": art.body}, find_defects(art))
    assert new["body"] == (LONG,)
