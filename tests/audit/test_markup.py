"""Leftover markup: entities, tags, shortcodes, template variables."""

import pytest

from morgue.audit import find_defects

from .helpers import article, of_kind, span


@pytest.mark.parametrize("text, found, suggestion", [
    ("Marks &amp; Spencer shares rose.", "&amp;", "&"),
    ("The minister&#8217;s plan failed.", "&#8217;", "\u2019"),
    ("It cost 5&nbsp;million pounds.", "&nbsp;", " "),
    ("The film was <b>a hit</b> at last.", "<b>", ""),
    ("The vote was lost.<br/>The party met.", "<br/>", " "),
    ('[caption id="attachment_12" align="alignleft"]The minister in Dushanbe.', '[caption id="attachment_12" align="alignleft"]', ""),
    ("Watch the video [embed] here.", "[embed]", ""),
    ("By {{ author }} in Dushanbe.", "{{ author }}", None),
    ("%%TITLE%% was the headline.", "%%TITLE%%", None),
    ("Written by ${reporter} for the paper.", "${reporter}", None),
])
def test_markup_found(text, found, suggestion):
    art = article(text)
    defects = of_kind(find_defects(art), "leftover-markup")
    assert [span(art, d) for d in defects][0] == found
    assert defects[0].suggestion == suggestion


def test_template_variable_is_high_severity_and_not_safe():
    [defect] = of_kind(find_defects(article("By {{ author }} in Dushanbe.")), "leftover-markup")
    assert defect.severity == "high" and not defect.is_safe_fix


def test_clean_text_with_angle_brackets_and_ampersands_is_not_markup():
    art = article(
        "Shares in <AMERICAN EXPRESS CO> rose as 3 < 5 and AT&T and R&D spending grew.",
        "The [sic] quote and the {brace} stayed; 50% of 100% is half.",
    )
    assert of_kind(find_defects(art), "leftover-markup") == []


def test_ticker_symbols_in_capitals_are_not_tags():
    art = article("Ford Motor Co <F> and Du Pont <DD> and Sears <S> rose, but <B>bold</B> is markup.")
    assert [span(art, d) for d in of_kind(find_defects(art), "leftover-markup")] == ["<B>", "</B>"]
