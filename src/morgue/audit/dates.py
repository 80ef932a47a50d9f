"""Dates: missing, in the future, before the paper existed, out of order, day and month swapped."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from morgue.audit.context import AuditContext, as_date
from morgue.audit.defect import HIGH, MEDIUM, Defect
from morgue.extract.article import Article


def find_date_defects(article: Article, context: AuditContext) -> Iterator[Defect]:
    """Yield the date defects of one article; checks whose facts the context lacks are skipped."""
    published = article.published
    if published is None:
        yield Defect(
            "date-missing", MEDIUM, "published", None, 0, 0,
            "The article has no publication date; the source gave none, and none is invented.",
            None,
        )
        return
    iso = published.isoformat()
    limit = _latest_possible(context)
    if limit is not None and published > limit:
        yield Defect(
            "date-in-future", HIGH, "published", None, 0, len(iso),
            f"Published {iso}, after {limit.isoformat()} "
            + ("(when the page was captured)." if as_date(context.captured_at) == limit else "(today)."),
            None,
        )
    if context.founded is not None and published.year < context.founded:
        yield Defect(
            "date-before-founding", HIGH, "published", None, 0, len(iso),
            f"Published {iso}, before the paper was founded in {context.founded}.",
            None,
        )
    if article.modified is not None and article.modified < published:
        yield Defect(
            "modified-before-published", MEDIUM, "modified", None, 0, len(article.modified.isoformat()),
            f"Modified {article.modified.isoformat()}, before it was published ({iso}).",
            None,
        )
    swapped = _swapped(published)
    if swapped is not None:
        reason = _swap_evidence(published, swapped, article.modified, context, limit)
        if reason:
            yield Defect(
                "date-day-month-swap", MEDIUM, "published", None, 0, len(iso),
                f"Published {iso} may have its day and month swapped ({swapped.isoformat()}): {reason}",
                swapped.isoformat(),
            )


def _latest_possible(context: AuditContext) -> date | None:
    """Return the latest date an article can have: its capture, else today."""
    captured = as_date(context.captured_at)
    today = context.today or date.today()
    return min(captured, today) if captured else today


def _swapped(published: date) -> date | None:
    """Return the date with day and month exchanged, if that is another valid date."""
    if published.day > 12 or published.day == published.month:
        return None
    try:
        return published.replace(month=published.day, day=published.month)
    except ValueError:
        return None


def _swap_evidence(
    published: date, swapped: date, modified: date | None, context: AuditContext, limit: date | None
) -> str | None:
    """Return what the source's other dates say in favour of the swapped reading, or None."""
    if context.url_date is not None and context.url_date != published:
        if context.url_date == swapped:
            return f"the URL says {context.url_date.isoformat()}."
        return None  # the URL disagrees with both readings: a different problem
    if limit is not None and published > limit and swapped <= limit:
        return "read the other way round, it is no longer in the future."
    if modified is not None and modified < published and swapped <= modified:
        return f"read the other way round, it comes before the modified date {modified.isoformat()}."
    return None

