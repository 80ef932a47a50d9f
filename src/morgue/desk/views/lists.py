"""The lists behind the dashboard's bars: articles by year or section, revisions by month, rejected documents by reason."""

from __future__ import annotations

import re

from django.core.paginator import Paginator
from django.shortcuts import render

from morgue.archive.models import Article, Rejection, Revision
from morgue.desk.permissions import editor_required
from morgue.web.dates import calendar_year

PAGE_SIZE = 50
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@editor_required
def articles(request):
    """Articles (withdrawn ones too), filtered by year, section or withdrawal, newest first."""
    items = Article.objects.only("pk", "headline", "published", "section", "withdrawn", "revision_count")
    year, section = request.GET.get("year", ""), request.GET.get("section", "")
    title = "Articles"
    if calendar_year(year) is not None:  # "0" or a longer number is no year a date can hold
        items, title = items.filter(published__year=calendar_year(year)), f"Articles published in {year}"
    elif year == "unknown":
        items, title = items.filter(published__isnull=True), "Articles with no known date"
    if section:
        items, title = items.filter(section=section), f"{title} in {section}"
    if request.GET.get("withdrawn") == "1":
        items, title = items.filter(withdrawn=True), f"{title} (withdrawn)"
    page = Paginator(items.order_by("-published", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "desk/articles.html", {"page": page, "title": title, "query": _query(request)})


@editor_required
def revisions(request):
    """Revisions made after extraction (corrections, fixes, withdrawals, ...), newest first, optionally of one month or kind."""
    items = Revision.objects.exclude(kind=Revision.EXTRACTION).select_related("article", "author").defer("body", "article__body")
    title = "Changes to articles"
    match = MONTH.match(request.GET.get("month", ""))
    if match and calendar_year(match.group(1)) is not None:
        items = items.filter(created_at__year=int(match.group(1)), created_at__month=int(match.group(2)))
        title = f"{title} in {match.group(0)}"
    kind = request.GET.get("kind", "")
    if kind in dict(Revision.KINDS):
        items, title = items.filter(kind=kind), f"{title}: {kind}"
    page = Paginator(items.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "desk/revisions.html", {"page": page, "title": title, "query": _query(request)})


@editor_required
def rejections(request):
    """Documents not taken in, where they were and why, optionally of one reason."""
    items = Rejection.objects.all()
    reason = request.GET.get("reason", "")
    title = "Rejected documents"
    if reason:
        items, title = items.filter(reason=reason), f"{title}: {reason}"
    page = Paginator(items.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    reasons = Rejection.objects.values_list("reason", flat=True).distinct().order_by("reason")
    return render(request, "desk/rejections.html", {"page": page, "title": title, "reasons": reasons, "reason": reason,
                                                     "query": _query(request)})


def _query(request) -> str:
    """Return the request's filters without the page number, for the pager's links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
