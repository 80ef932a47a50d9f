"""Injected damage: the shares asked for, recorded exactly, and visible on the pages."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from html import escape

import pytest

from morgue.demo.damage import KINDS, mojibake, page_body
from morgue.demo.generate import DemoOptions, generate_demo
from morgue.demo.sites import section_name
from morgue.demo.templates import human_date

from .pages import read_page


def _shown_text(record: dict, page: bytes) -> str:
    """Return the page's text with runs of whitespace made single spaces."""
    text = page.decode("utf-8")
    if record["format"] == "jsonl":
        text = json.loads(text)["body_html"]
    return " ".join(text.split())


def _as_shown(record: dict, paragraph: str) -> str:
    flat = " ".join(paragraph.split())
    return flat if record["format"] == "text" else escape(flat, quote=False)


def _kinds(record: dict) -> set[str]:
    return {d["kind"] for d in record["damage"]}


def test_damage_shares_are_near_the_default_rates(demo):
    summary, truth = demo
    for kind in KINDS:
        share = sum(kind in _kinds(r) for r in truth) / len(truth)
        assert 0.025 <= share <= 0.08, (kind, share)
        assert summary.damage[kind] == sum(kind in _kinds(r) for r in truth)


def test_damage_follows_the_rates_given(tmp_path):
    options = DemoOptions(articles=500, seed=4, truncation_rate=0.3, mojibake_rate=0,
                          duplicated_paragraph_rate=0, missing_date_rate=0,
                          misfiled_section_rate=0, leftover_entities_rate=0)
    summary = generate_demo(tmp_path, options)
    assert 0.22 <= summary.damage["truncation"] / 500 <= 0.38
    assert all(summary.damage[k] == 0 for k in KINDS if k != "truncation")


def test_replayed_damage_is_the_body_the_page_shows(demo):
    summary, truth = demo
    checked = 0
    for record in truth:
        if not record["damage"]:
            continue
        shown = _shown_text(record, read_page(summary.sources, record))
        body = page_body(record["body"], record["damage"])
        for paragraph in body:
            assert _as_shown(record, paragraph) in shown, (record["id"], paragraph)
        for d in record["damage"]:
            if d["kind"] in ("mojibake", "leftover_entities") and d["field"] == "body":
                # The clean paragraph is gone from the page; its damaged span is there.
                assert body[d["paragraph"]][d["start"]:d["end"]] == d["text"]
                clean = record["body"][d["true_paragraph"]]
                assert _as_shown(record, clean) not in shown
        checked += 1
    assert checked > 200


def test_each_kind_of_damage_looks_like_itself(demo):
    _, truth = demo
    for record in truth:
        body = page_body(record["body"], record["damage"])
        for d in record["damage"]:
            if d["kind"] == "mojibake":
                assert re.search("[âÃÂ]", d["text"]), d
            elif d["kind"] == "leftover_entities":
                assert re.search(r"&(#\d+|[a-z]+);", d["text"]), d
            elif d["kind"] == "truncation":
                kept = record["body"][d["true_paragraph"]][:d["cut_at"]]
                if any(m.get("scope") == "article" for m in record["damage"]):
                    kept = mojibake(kept)  # article-wide mojibake covers the cut paragraph too
                assert body[-1] == kept
                assert body[-1][-1] not in ".”" and d["original"].strip()
                duplicated = "duplicated_paragraph" in _kinds(record)
                assert len(body) == d["true_paragraph"] + 1 + duplicated
                assert d["dropped"] == len(record["body"]) - d["true_paragraph"] - 1
            elif d["kind"] == "duplicated_paragraph":
                assert body[d["paragraph"]] == body[d["copy_of"]]
                assert d["paragraph"] != d["copy_of"]


def test_a_misfiled_page_shows_the_wrong_section(demo):
    summary, truth = demo
    misfiled = [r for r in truth if "misfiled_section" in _kinds(r)]
    assert len(misfiled) > 20
    marks = {"html": '<li><a href="/{s}/">{S}</a></li></ol>',
             "zip": '<li><a href="/{s}/">{S}</a></li></ol>',
             "text": "You are here: Home > {S}\n",
             "warc": '<div class="section-label">{S}</div>',
             "nitf": 'position.section="{S}"',
             "jsonl": '"section": "{S}"'}
    for record in misfiled:
        assert record["page_section"] != record["section"]
        page = read_page(summary.sources, record).decode("utf-8")
        mark = marks[record["format"]]
        assert mark.format(s=record["page_section"], S=record["page_section_name"]) in page
        if record["published"]:
            true_name = section_name(record["section"], int(record["published"][:4]))
            assert mark.format(s=record["section"], S=true_name) not in page
    # A page that was not misfiled shows its true section in the same place.
    record = next(r for r in truth if not r["damage"] and r["format"] == "html")
    page = read_page(summary.sources, record).decode("utf-8")
    assert marks["html"].format(s=record["section"], S=record["page_section_name"]) in page


def _renderings(day: date) -> list[str]:
    when = datetime(day.year, day.month, day.day)
    return [human_date(when, style) for style in range(7)] + [
        day.isoformat(), f"{day:%Y%m%d}", f"{day:%d/%m/%Y}", f"{day:%m/%d/%Y}",
        f"/{day:%Y/%m}/"]


def test_a_page_without_its_date_shows_no_date_of_the_article(demo):
    summary, truth = demo
    undated = [r for r in truth if r["published"] is None]
    assert len(undated) > 20
    for record in undated:
        original = next(d["original"] for d in record["damage"] if d["kind"] == "missing_date")
        page = read_page(summary.sources, record).decode("utf-8")
        where = record["source"]["path"] + record["source"]["member"] + (record["url"] or "")
        day = date.fromisoformat(original)
        for rendering in _renderings(day):
            assert rendering not in page, (record["id"], rendering)
            assert rendering not in where, (record["id"], rendering)
        assert f"/{day:%Y}/" not in where


@pytest.mark.parametrize("fmt", ["html", "zip", "text", "jsonl", "warc", "nitf"])
def test_a_dated_page_does_show_its_date(demo, fmt):
    # The check above could fail: with the date kept, some rendering of it is found.
    summary, truth = demo
    dated = [r for r in truth if r["published"] and r["format"] == fmt][:20]
    assert dated
    for record in dated:
        page = read_page(summary.sources, record).decode("utf-8")
        assert any(r in page for r in _renderings(date.fromisoformat(record["published"])))
