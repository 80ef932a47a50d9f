"""Plain data that the extract stage produces: one article record."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass(frozen=True)
class RemovedBlock:
    """A block of the source that extraction did not keep as body, and why."""

    text: str
    reason: str  # e.g. "navigation", "copyright", "sign-in prompt", "site chrome"


@dataclass(frozen=True)
class Article:
    """One article as extracted from a raw document.

    ``published`` is None when the source gives no evidence of a date:
    a date is never invented. ``section`` is the section as the source gave it.
    """

    headline: str = ""
    byline: str = ""
    authors: tuple[str, ...] = ()  # the byline's people, one name each ("By Jane Doe and John Roe" → 2)
    credit: str = ""  # a news agency or desk credited beside or instead of people ("AP", "Reuters", "dpa")
    dateline: str = ""
    published: date | None = None
    modified: date | None = None
    section: str = ""
    body: tuple[str, ...] = ()
    language: str = ""
    url: str = ""
    notices: tuple[str, ...] = ()  # e.g. "This article is from the archive of ..."
    removed: tuple[RemovedBlock, ...] = field(default_factory=tuple)
    extractor: str = ""  # which extractor produced it: "html", "text", "nitf", "jsonl"
    encoding: str = ""  # the character encoding the bytes were decoded with
    encoding_source: str = ""  # "declared" (HTTP header, meta, XML prolog), "detected" or "utf-8"
    source_id: str = ""  # the publisher's own identifier, when the source gives one (NITF doc-id, JSON "id")
    tags: tuple[str, ...] = ()  # the source's own subject tags (a CMS's topics, NITF keywords, news_keywords)

    def to_dict(self) -> dict:
        """Return the article as JSON-ready plain data (dates as ISO strings)."""
        data = asdict(self)
        data["published"] = self.published.isoformat() if self.published else None
        data["modified"] = self.modified.isoformat() if self.modified else None
        data["body"] = list(self.body)
        data["authors"] = list(self.authors)
        data["notices"] = list(self.notices)
        data["tags"] = list(self.tags)
        data["removed"] = [asdict(block) for block in self.removed]
        return data
