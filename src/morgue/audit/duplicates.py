"""Duplicated content: a paragraph or a sentence that the transfer repeated."""

from __future__ import annotations

import re
from collections.abc import Iterator

from morgue.audit.defect import LOW, MEDIUM, Defect

# Sentences end at . ! ? (with closing quotes) followed by a space.
_SENTENCE = re.compile(r"(?:[^.!?]|\.(?=\d))+(?:[.!?]+[\"'\u2019\u201d)]*|$)")  # "12.50" does not end one
# Short sentences ("He said no.", "Shares rose 2%.") recur in honest prose;
# eight words is long enough that a repeat is almost never the writer's.
_MIN_SENTENCE_WORDS = 8
# A one-line paragraph ("Q:", "Results:", a score line) may honestly recur.
_MIN_PARAGRAPH_WORDS = 5


def _is_data(text: str) -> bool:
    """Return True for a short line of figures ("Avg shrs 11.4 mln vs 11.6 mln"): tables repeat such lines honestly."""
    tokens = text.split()
    return 0 < len(tokens) <= 12 and sum(any(c.isdigit() for c in t) for t in tokens) >= 0.25 * len(tokens)


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def find_duplicated_content(headline: str, body: tuple[str, ...]) -> Iterator[Defect]:
    """Yield `duplicated-content` defects for repeated paragraphs, sentences, and a headline copied into the body."""
    seen_paragraphs: dict[str, int] = {}
    repeated: set[int] = set()
    for index, paragraph in enumerate(body):
        key = _normal(paragraph)
        if len(key.split()) < _MIN_PARAGRAPH_WORDS or _is_data(paragraph):
            continue
        first = seen_paragraphs.setdefault(key, index)
        if first == index:
            continue
        repeated.add(index)
        exact = paragraph.strip() == body[first].strip()
        yield Defect(
            "duplicated-content", MEDIUM, "body", index, 0, len(paragraph),
            f"Paragraph {index + 1} repeats paragraph {first + 1}"
            + ("" if exact else " (apart from spacing or capitals)") + ".",
            "" if exact else None,
        )
    yield from _sentences(body, repeated)
    if headline and body and _normal(headline) == _normal(body[0]) and len(body) > 1:
        yield Defect(
            "duplicated-content", LOW, "body", 0, 0, len(body[0]),
            "The first paragraph only repeats the headline.",
            None,
        )


def _sentences(body: tuple[str, ...], skip: set[int]) -> Iterator[Defect]:
    """Yield a defect for each long sentence that already appeared earlier in the body."""
    seen: set[str] = set()
    for index, paragraph in enumerate(body):
        if index in skip:
            continue
        for match in _SENTENCE.finditer(paragraph):
            sentence = match.group()
            key = _normal(sentence)
            if len(key.split()) < _MIN_SENTENCE_WORDS or _is_data(sentence):
                continue
            if key in seen:
                start = match.start() + (len(sentence) - len(sentence.lstrip()))
                yield Defect(
                    "duplicated-content", MEDIUM, "body", index, start, match.end(),
                    "This sentence already appears earlier in the article.",
                    None,
                )
            else:
                seen.add(key)
