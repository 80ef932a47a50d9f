"""One article's enrichment: its people, organisations and places, and its quotations with their speakers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from morgue.enrich.entities import Mention, find_mentions
from morgue.enrich.quotes import Quote, find_quotes


@dataclass(frozen=True)
class Enrichment:
    """What the enrich stage finds in an article's body (offsets index its paragraphs)."""

    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]


def enrich_body(body: Sequence[str], known_places: frozenset[str] = frozenset()) -> Enrichment:
    """Return the mentions (names resolved within the article) and quotations of an article's body paragraphs.

    ``known_places``: place names the archive knows beyond the gazetteer (its datelines; ``dateline_places``).
    """
    paragraphs = list(body)
    mentions = find_mentions(paragraphs, known_places) if paragraphs else []
    return Enrichment(tuple(mentions), tuple(find_quotes(paragraphs, mentions)))


def dateline_places(datelines: Iterable[str]) -> frozenset[str]:
    """The places an archive's datelines name, in ordinary case ("EASTWICK FALLS, May 3" → "Eastwick Falls")."""
    names = set()
    for dateline in datelines:
        place = re.split(r"[,—–(]|\s-\s|\d", dateline, maxsplit=1)[0].strip(" .")
        if 2 <= len(place) <= 60 and not any(c.isdigit() for c in place):
            names.add(place.title() if place.isupper() else place)
    return frozenset(names)


def enrichment_record(body: Sequence[str]) -> dict:
    """Return ``enrich_body`` as JSON-ready plain data: ``mentions`` (with titles) and ``quotes`` (with speakers)."""
    found = enrich_body(body)
    return {"mentions": [m.as_dict() for m in found.mentions], "quotes": [q.as_dict() for q in found.quotes]}
