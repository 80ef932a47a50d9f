"""What the audit may know beyond the article itself: one context per run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from morgue.audit.vocabulary import Vocabulary


@dataclass(frozen=True)
class AuditContext:
    """Optional facts about the archive and the capture an article came from.

    Every field may be left out; a check that needs a missing fact is
    skipped rather than guessed. ``today`` defaults to the real date, and is
    a field so that tests (and re-audits of old runs) can fix the clock.
    """

    vocabulary: Vocabulary | None = None  # learned from the archive's own articles
    captured_at: date | datetime | None = None  # when the source page was fetched
    url_date: date | None = None  # a date read from the article's URL (/2004/03/05/...)
    founded: int | None = None  # the year the newspaper (site) began publishing
    today: date | None = None
    site_name: str = ""  # the paper's name, so a headline that is only the name is caught
    check_spelling: bool = True


def as_date(value: date | datetime | None) -> date | None:
    """Return the calendar date of a date or datetime (None stays None)."""
    if isinstance(value, datetime):
        return value.date()
    return value
