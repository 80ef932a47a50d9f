"""One article's enrichment: its people, organisations and places, and its quotations with their speakers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from morgue.enrich.entities import Mention, find_mentions
from morgue.enrich.quotes import Quote, find_quotes


@dataclass(frozen=True)
class Enrichment:
    """What the enrich stage finds in an article's body (offsets index its paragraphs)."""

    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]


def enrich_body(body: Sequence[str]) -> Enrichment:
    """Return the mentions (names resolved within the article) and quotations of an article's body paragraphs."""
    paragraphs = list(body)
    mentions = find_mentions(paragraphs) if paragraphs else []
    return Enrichment(tuple(mentions), tuple(find_quotes(paragraphs, mentions)))


def enrichment_record(body: Sequence[str]) -> dict:
    """Return ``enrich_body`` as JSON-ready plain data: ``mentions`` (with titles) and ``quotes`` (with speakers)."""
    found = enrich_body(body)
    return {"mentions": [m.as_dict() for m in found.mentions], "quotes": [q.as_dict() for q in found.quotes]}
