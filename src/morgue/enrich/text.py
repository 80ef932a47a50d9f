"""The text the enrich stage reads from an article: its headline and body as one string."""

from __future__ import annotations

from collections.abc import Iterable


def article_text(headline: str, body: Iterable[str]) -> str:
    """Return the headline and the body's paragraphs as one text, a paragraph to a line."""
    return "\n".join([headline, *body]).strip()
