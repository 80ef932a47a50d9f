"""The extract stage: raw document → article record (pure: bytes in, plain data out)."""

from __future__ import annotations

from collections.abc import Callable

from morgue.errors import ExtractionError
from morgue.extract.article import Article, RemovedBlock
from morgue.extract.options import DEFAULT_OPTIONS, ExtractOptions
from morgue.read.document import RawDocument

__all__ = ["Article", "ExtractOptions", "RemovedBlock", "extract_article"]


def _extractors() -> dict[str, Callable[[RawDocument, ExtractOptions], Article]]:
    """Return the extractor for each document kind (imported here so importing the package stays cheap)."""
    from morgue.extract.html import extract_html
    from morgue.extract.jsonl import extract_jsonl
    from morgue.extract.nitf import extract_nitf
    from morgue.extract.text import extract_text

    return {"html": extract_html, "text": extract_text, "nitf": extract_nitf, "jsonl": extract_jsonl}


def extract_article(doc: RawDocument, options: ExtractOptions | None = None) -> Article:
    """Return the article in a raw document.

    Raises ExtractionError with a stable ``reason``: "no-text" (nothing that
    reads as an article), "undecodable" (bytes that are not text),
    "bad-json" (a JSON export line that is not a JSON object), "bad-html"
    (a page the HTML extractor cannot process),
    "bad-xml" (a NITF file that is not XML) or "unknown-kind".
    """
    extractor = _extractors().get(doc.kind)
    if extractor is None:
        raise ExtractionError("unknown-kind", f"There is no extractor for documents of kind {doc.kind!r}.")
    if not doc.data.strip():
        raise ExtractionError("no-text", "The document is empty.")
    return extractor(doc, options or DEFAULT_OPTIONS)
