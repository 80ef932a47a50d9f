"""Plain data that the audit stage produces: one defect in one article."""

from __future__ import annotations

from dataclasses import dataclass

# Severities, most urgent first. "info" says something was *not* checked.
HIGH = "high"
MEDIUM = "medium"
LOW = "low"
INFO = "info"
SEVERITIES = (HIGH, MEDIUM, LOW, INFO)

# The stable kind codes an editor's queue, a test or a summary can count on.
KINDS = (
    "mojibake",
    "replacement-character",
    "control-character",
    "leftover-markup",
    "truncation",
    "duplicated-content",
    "chrome-in-body",
    "misspelling",
    "spelling-not-checked",
    "checks-too-slow",  # the article's checks ran past their time budget: recorded, not retried every run
    "date-missing",
    "date-in-future",
    "date-before-founding",
    "modified-before-published",
    "date-day-month-swap",
    "headline-missing",
    "headline-boilerplate",
    "byline-not-a-name",
    "section-missing",
    "unstorable-character",  # NUL or half a character, taken out at ingest (recorded fixed, never open)
)

# Kinds whose suggestion, when there is one, can be applied without an
# editor: the fix is mechanical and cannot change what the article says.
SAFE_KINDS = frozenset({"mojibake", "leftover-markup", "duplicated-content", "control-character"})


@dataclass(frozen=True)
class Defect:
    """One thing the transfer broke (or may have broken) in one field of an article.

    ``field`` names the Article field ("headline", "byline", "body",
    "published", ...); ``paragraph`` is the body paragraph's index (None for
    other fields); ``start``/``end`` are the character span inside that field
    or paragraph (for a date field, inside its ISO form). ``suggestion`` is
    the replacement text for the span when one is known, else None; it is
    applied without an editor only for the kinds in SAFE_KINDS.
    """

    kind: str
    severity: str
    field: str
    paragraph: int | None
    start: int
    end: int
    explanation: str
    suggestion: str | None = None

    @property
    def is_safe_fix(self) -> bool:
        """Return True if the suggestion can be applied without an editor."""
        return self.suggestion is not None and self.kind in SAFE_KINDS
