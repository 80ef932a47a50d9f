"""The desk's pure helpers: word differences and SVG bar charts, escaped."""

import re
import xml.etree.ElementTree as ET

from morgue.desk.charts import Bar, bar_chart
from morgue.desk.diff import word_diff
from morgue.desk.forms import body_paragraphs


def test_word_diff_marks_only_what_changed():
    assert word_diff("the lifeboat station", "the lifeboat station (corrected)") == "the lifeboat station<ins> (corrected)</ins>"
    assert word_diff("Mayor Alice Brandt told", "Mayor Alicia Brandt told") == "Mayor <del>Alice</del><ins>Alicia</ins> Brandt told"
    assert word_diff("same", "same") == "same"


def test_word_diff_escapes_archive_text():
    html = word_diff("a <b>bold</b> & c", 'a <script>alert("x")</script> & c')
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;" in html and "<ins>script</ins>" in html and "&amp; c" in html
    assert set(re.findall(r"</?(\w+)", html)) <= {"ins", "del"}


def test_bar_chart_is_valid_svg_with_escaped_labels_and_links():
    svg = bar_chart('Defects by "kind"', [Bar("mojibake", 20, "/desk/?kind=mojibake&year=2004"), Bar("<x> & y", 3, ""), Bar("none", 0)])
    root = ET.fromstring(svg)  # well-formed XML: every label and link escaped
    ns = {"svg": "http://www.w3.org/2000/svg"}
    links = root.findall("svg:a", ns)
    assert [a.get("href") for a in links] == ["/desk/?kind=mojibake&year=2004"]
    assert root.get("role") == "img" and root.find("svg:title", ns).text == 'Defects by "kind"'
    widths = [float(r.get("width")) for r in root.iter("{http://www.w3.org/2000/svg}rect")]
    assert widths[0] > widths[1] > widths[2] == 0
    assert "Nothing to show yet." in bar_chart("Empty", [])


def test_body_paragraphs_split_on_blank_lines():
    assert body_paragraphs("One.\r\n\r\nTwo\nstill two.\n \n\n\nThree. ") == ["One.", "Two\nstill two.", "Three."]
