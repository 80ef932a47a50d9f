"""The options of one extraction run, with every default in one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class ExtractOptions:
    """How the extract stage behaves; build one per run and pass it down.

    ``today`` is the clock: a date later than it is never accepted as a
    publication date. None means the real date.today(); tests fake it here.
    ``min_date`` is the earliest publication date believed at all (older
    "dates" on a page are usually founding years or typos).
    ``day_first`` settles numeric dates such as 03/04/1987 that could be
    read either way when the document itself gives no hint: True reads
    day/month (most of the world), False month/day (the United States),
    None (the default) leaves such a date unknown rather than guess.
    ``captured_before`` is the day the archivist knows the pages were
    crawled by (``--captured-before``): no publication date after it is
    believed, as none after a WARC record's own date is.
    """

    favor_precision: bool = False
    include_tables: bool = True
    min_date: date = date(1800, 1, 1)
    today: date | None = None
    day_first: bool | None = None
    captured_before: date | None = None
    # A paragraph this short or shorter that only repeats chrome patterns is
    # dropped; the limit keeps a long paragraph that merely mentions
    # "subscribe" in the body.
    max_chrome_chars: int = 200
    # trafilatura, the fallback where the core finds too little, takes time
    # that grows faster than the page (300,000 tiny paragraphs: minutes);
    # above this many characters of HTML the core's answer stands alone.
    fallback_max_chars: int = 2_000_000

    def current_date(self) -> date:
        """Return the date treated as today (the faked one in tests)."""
        return self.today or date.today()

    def latest_date(self, captured_at: datetime | None) -> date:
        """Return the latest publication date believable for a document captured at ``captured_at`` (or unknown)."""
        from morgue.extract.dates import latest_plausible

        latest = latest_plausible(captured_at, self.current_date())
        return min(latest, self.captured_before) if self.captured_before else latest


DEFAULT_OPTIONS = ExtractOptions()
