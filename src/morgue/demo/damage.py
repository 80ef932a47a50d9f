"""Inject transfer damage into a story's page, and record exactly what was done.

Damage is applied in a fixed order — truncation, duplicated paragraph, mojibake,
leftover entities — and each record's paragraph index refers to the body as the
page finally shows it. Mojibake and entity spans are true in the final text:
such damage never lands on a paragraph another damage already touched, except
that article-wide mojibake covers every paragraph (a truncation's ``cut_at``
is therefore counted in the clean paragraph). ``page_body`` replays the records.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from .phrases import SECTIONS
from .stories import Story

KINDS = ("mojibake", "truncation", "duplicated_paragraph", "missing_date",
         "misfiled_section", "leftover_entities")

# Characters a broken export would leave as entities, and what it left.
_ENTITIES = (
    ("&", ("&amp;", "&amp;amp;")),
    ("’", ("&#8217;", "&rsquo;")),
    ("“", ("&#8220;", "&ldquo;")),
    ("”", ("&#8221;", "&quot;")),
    ("—", ("&#8212;", "&mdash;")),
    ("£", ("&pound;", "&#163;")),
)


@dataclass(frozen=True)
class Damage:
    """One injected defect. Spans are [start, end) in the damaged paragraph or headline."""

    kind: str
    field: str  # "body", "headline", "date" or "section"
    paragraph: int | None = None  # index in the body as the page shows it
    true_paragraph: int | None = None  # index in the story's clean paragraphs
    start: int | None = None
    end: int | None = None
    text: str | None = None  # the damaged span as shown
    original: str | None = None  # what the span was before damage
    scope: str | None = None  # mojibake: "paragraph" or "article"
    copy_of: int | None = None  # duplicated paragraph: page index of the first copy
    cut_at: int | None = None  # truncation: offset in the clean paragraph where it ends
    dropped: int | None = None  # truncation: clean paragraphs lost after the cut

    def to_dict(self) -> dict:
        """Return the record as JSON-ready data, without the fields that do not apply."""
        return {k: v for k, v in vars(self).items() if v is not None}


@dataclass(frozen=True)
class Page:
    """What a site shows for a story once damage is done."""

    headline: str
    paragraphs: tuple[str, ...]
    section: str  # the section the page files the story under
    dated: bool  # False: no date of the story appears anywhere on the page
    damage: tuple[Damage, ...]


def mojibake(text: str) -> str:
    """Return text as it reads when its UTF-8 bytes are decoded as cp1252."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


def _span(before: str, after: str) -> tuple[int, int, int]:
    """Return (start, end in after, end in before) of the part that differs."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    tail = 0
    while (tail < limit - start and before[-1 - tail] == after[-1 - tail]):
        tail += 1
    return start, len(after) - tail, len(before) - tail


def _text_damage(kind: str, field: str, index: int | None, origin: int | None,
                 before: str, after: str, scope: str | None = None) -> Damage:
    start, end, old_end = _span(before, after)
    if kind == "leftover_entities":
        # "&" → "&amp;": the common prefix holds the "&", but the entity starts there.
        if start > 0 and after[start - 1] == "&" and before[start - 1] == "&":
            start -= 1
    return Damage(kind, field, index, origin, start, end, after[start:end],
                  before[start:old_end], scope)


def _truncate(rng: random.Random, body: list[str], origin: list[int]) -> Damage | None:
    """Cut the body mid-sentence in its second half; return the record or None."""
    index = rng.randrange(max(1, len(body) // 2), len(body))
    text = body[index]
    # A cut right after a full stop would look like a clean ending.
    cuts = [i for i in range(int(len(text) * 0.3), int(len(text) * 0.85))
            if text[i] == " " and text[i - 1] not in ".”:"]
    if not cuts:
        return None
    cut = rng.choice(cuts)
    dropped = len(body) - index - 1
    body[index] = text[:cut]
    del body[index + 1:], origin[index + 1:]
    return Damage("truncation", "body", index, index, cut, cut, "", text[cut:],
                  cut_at=cut, dropped=dropped)


def _duplicate(rng: random.Random, body: list[str], origin: list[int],
               truncated: bool) -> Damage | None:
    """Repeat one paragraph (next to itself, or at the end); return the record."""
    last = len(body) - 1 if truncated else len(body)  # keep a cut paragraph last
    if last < 1:
        return None
    index = rng.randrange(last)
    where = index + 1 if truncated or rng.random() < 0.7 else len(body)
    body.insert(where, body[index])
    origin.insert(where, origin[index])
    return Damage("duplicated_paragraph", "body", where, origin[index], copy_of=index)


def damage_story(rng: random.Random, story: Story, rates: dict[str, float]) -> Page:
    """Return the page for a story after drawing each kind of damage at its rate."""
    roll = {kind: rng.random() < rates.get(kind, 0.0) for kind in KINDS}
    body = list(story.paragraphs)
    origin = list(range(len(body)))
    headline = story.headline
    records: list[Damage] = []
    untouchable: set[int] = set()  # paragraphs text damage must leave alone

    # 1. Truncation and duplication change which paragraphs there are.
    truncated = False
    if roll["truncation"] and len(body) > 1:
        record = _truncate(rng, body, origin)
        if record:
            records.append(record)
            truncated = True
    if roll["duplicated_paragraph"]:
        record = _duplicate(rng, body, origin, truncated)
        if record:
            records.append(record)
            untouchable.update((record.paragraph, record.copy_of))
    if truncated:
        # The cut paragraph stays last; a duplicate inserted before it moved it down,
        # and later text damage would move the recorded cut, so it is left alone.
        records[0] = replace(records[0], paragraph=len(body) - 1)
        untouchable.add(len(body) - 1)

    # 2. Mojibake: one paragraph, or the whole article including its headline.
    whole_article = False
    if roll["mojibake"]:
        whole_article = rng.random() < 0.4
        if whole_article:
            for i, text in enumerate(body):
                broken = mojibake(text)
                if broken != text:
                    records.append(_text_damage("mojibake", "body", i, origin[i], text, broken,
                                                "article"))
                    body[i] = broken
            broken = mojibake(headline)
            if broken != headline:
                records.append(_text_damage("mojibake", "headline", None, None, headline,
                                            broken, "article"))
                headline = broken
        else:
            candidates = [i for i, t in enumerate(body)
                          if i not in untouchable and not t.isascii()]
            if candidates:
                i = rng.choice(candidates)
                broken = mojibake(body[i])
                records.append(_text_damage("mojibake", "body", i, origin[i], body[i], broken,
                                            "paragraph"))
                body[i] = broken
                untouchable.add(i)

    # 3. Leftover entities, in a paragraph no other damage has touched.
    if roll["leftover_entities"] and not whole_article:
        candidates = [i for i in range(len(body)) if i not in untouchable]
        if candidates:
            i = rng.choice(candidates)
            text = body[i]
            present = [(char, forms) for char, forms in _ENTITIES if char in text]
            if present:
                char, forms = rng.choice(present)
                broken = text.replace(char, rng.choice(forms))
            else:
                broken = text.replace(" ", "&nbsp;", 1 + rng.randrange(3))
            records.append(_text_damage("leftover_entities", "body", i, origin[i], text,
                                        broken))
            body[i] = broken

    # 4. Page-level damage: the date left off, the story filed under another section.
    dated = not roll["missing_date"]
    if not dated:
        records.append(Damage("missing_date", "date", original=story.published.date().isoformat()))
    section = story.section
    if roll["misfiled_section"]:
        section = rng.choice([s for s in SECTIONS if s != story.section])
        records.append(Damage("misfiled_section", "section", text=section,
                              original=story.section))
    return Page(headline, tuple(body), section, dated, tuple(records))


def page_body(paragraphs: list[str], damage: list[dict]) -> list[str]:
    """Return the body a page shows, rebuilt from clean paragraphs and damage records.

    ``damage`` is the list of records as written to truth.jsonl; applying them in
    order reproduces the damaged body exactly.
    """
    body = list(paragraphs)
    for record in damage:
        kind, index = record["kind"], record.get("paragraph")
        if record["field"] != "body":
            continue
        if kind == "truncation":
            # Truncation came first, so it is replayed on the clean paragraph numbers.
            index = record["true_paragraph"]
            body[index] = body[index][:record["cut_at"]]
            del body[index + 1:]
        elif kind == "duplicated_paragraph":
            body.insert(index, body[record["copy_of"]])
        else:
            text = body[index]
            start = record["start"]
            body[index] = text[:start] + record["text"] + text[start + len(record["original"]):]
    return body
