"""The front page."""

from __future__ import annotations

from django.shortcuts import render

from morgue.web import reading


def home(request):
    """The front page: the archive at a glance, sections, recent additions, the latest corrections."""
    recent = list(reading.public().only(*reading.LIST_FIELDS).order_by("-created_at", "-pk")[:15])
    return render(request, "web/home.html", {
        "size": reading.archive_size(),
        "sections": reading.section_counts(),
        "recent": recent,
        "corrections": reading.latest_corrections(8),
    })
