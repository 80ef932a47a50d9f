"""The front page."""

from __future__ import annotations

from django.utils import timezone

from morgue.web import dates, reading
from morgue.web.views.parts import shared_page


def home(request):
    """The front page: the archive at a glance, on this day in earlier years, its decades, sections, recent additions, corrections."""
    today = timezone.localdate()  # in the paper's time zone

    def context():
        years = reading.year_counts()
        return {
            "size": reading.archive_size(),
            "today": today,
            "on_this_day": reading.on_this_day(today, years),
            "decades": dates.decades(years),
            "sections": reading.section_counts(),
            "recent": list(reading.public().only(*reading.LIST_FIELDS).order_by("-created_at", "-pk")[:10]),
            "corrections": reading.latest_corrections(8),
        }

    return shared_page(request, "web/home.html", "web/_home.html", f"home:{today.isoformat()}", context)
