"""The front page."""

from __future__ import annotations

from morgue.web import reading
from morgue.web.views.parts import shared_page


def home(request):
    """The front page: the archive at a glance, sections, recent additions, the latest corrections."""
    return shared_page(request, "web/home.html", "web/_home.html", "home", lambda: {
        "size": reading.archive_size(),
        "sections": reading.section_counts(),
        "recent": list(reading.public().only(*reading.LIST_FIELDS).order_by("-created_at", "-pk")[:15]),
        "corrections": reading.latest_corrections(8),
    })
