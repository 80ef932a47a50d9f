"""schema.org NewsArticle JSON-LD for an article page, built as plain data and serialised safely."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.safestring import SafeString, mark_safe

# The characters that could end a <script> element or start markup inside it,
# written as JSON escapes (the same ones Django's json_script uses).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class PublishedCorrection:
    """A correction as readers see it: its revision number, when, what kind, and the public note."""

    number: int
    kind: str
    created_at: datetime
    note: str


def organisation(*, name: str, url: str = "", logo: str = "") -> dict:
    """Return the schema.org Organization that publishes the articles (what search engines read as ``publisher``)."""
    data: dict = {"@type": "NewsMediaOrganization", "name": name}
    if url:
        data["url"] = url
    if logo:
        data["logo"] = {"@type": "ImageObject", "url": logo}
    return data


def news_article(*, url: str, headline: str, byline: str, section: str, published: date | None,
                 modified: date | datetime | None, corrections: list[PublishedCorrection],
                 publisher: dict | None = None, language: str = "") -> dict:
    """Return the NewsArticle object for one article (datePublished only when the date is known)."""
    data: dict = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline, "url": url,
                  "isAccessibleForFree": True}
    if publisher:
        data["publisher"] = publisher
    if language:
        data["inLanguage"] = language
    if published:
        data["datePublished"] = published.isoformat()
    if modified:
        data["dateModified"] = modified.isoformat()
    if byline:
        data["author"] = {"@type": "Person", "name": byline}
    if section:
        data["articleSection"] = section
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": c.note, "datePublished": c.created_at.isoformat()}
            for c in corrections
        ]
    return data


_SCHEMA_TYPES = {"person": "Person", "organisation": "Organization", "place": "Place"}


def add_names(data: dict, names, url_of) -> None:
    """Add who and what an article names (``mentions``) and its quotations (``Quotation``, with their speakers)."""
    if names.entities:
        data["mentions"] = [{"@type": _SCHEMA_TYPES[e["kind"]], "name": e["name"], "url": url_of(e["kind"], e["slug"])}
                            for e in names.entities]
    quotes = []
    for q in names.quotes:
        quote: dict = {"@type": "Quotation", "text": q["text"]}
        if q["slug"]:
            quote["creator"] = {"@type": _SCHEMA_TYPES[q["kind"]], "name": q["speaker"], "url": url_of(q["kind"], q["slug"])}
        quotes.append(quote)
    if quotes:
        data["hasPart"] = quotes


def jsonld_script(data: dict) -> SafeString:
    """Return ``data`` as a <script type="application/ld+json"> element that no archive text can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above
