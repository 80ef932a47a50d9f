"""The archive's health at a glance: counts drawn as SVG bar charts, each bar a link to the list behind it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count
from django.db.models.functions import ExtractYear, TruncMonth
from django.shortcuts import render
from django.urls import reverse

from morgue.archive.models import Article, Defect, Rejection, Revision
from morgue.audit.defect import SEVERITIES
from morgue.desk.charts import Bar, bar_chart
from morgue.desk.permissions import editor_required
from morgue.web import reading

TOP = 25  # bars at most in a chart of names (sections, kinds, reasons)


def _link(name: str, **params) -> str:
    return reverse(name) + "?" + urlencode(params)


def _section_link(section: str) -> str:
    """Return the reading site's section page, or the desk's list where the site has no page for the name."""
    if not section:
        return _link("desk:queue", kind="section-missing")
    from morgue.web.reading import section_slug

    return reverse("section", args=[section_slug(section)])


def dashboard_charts() -> list[dict]:
    """Return the dashboard's charts: a title, a sentence, and the bars (each with its link)."""
    years = (Article.objects.exclude(published=None).annotate(y=ExtractYear("published"))
             .values_list("y").annotate(n=Count("id")).order_by("y"))
    by_year = [Bar(str(y), n, _link("desk:articles", year=y)) for y, n in years]
    undated = Article.objects.filter(published=None).count()
    if undated:
        by_year.append(Bar("date unknown", undated, _link("desk:articles", year="unknown")))
    sections = Article.objects.values_list("section").annotate(n=Count("id")).order_by("-n", "section")[:TOP]
    by_section = [Bar(s or "(no section)", n, _section_link(s)) for s, n in sections]
    open_defects = Defect.objects.filter(status=Defect.OPEN)
    kinds = open_defects.values_list("kind").annotate(n=Count("id")).order_by("-n", "kind")[:TOP]
    severities = dict(open_defects.values_list("severity").annotate(n=Count("id")))
    reasons = Rejection.objects.values_list("reason").annotate(n=Count("id")).order_by("-n", "reason")[:TOP]
    months = (Revision.objects.exclude(kind=Revision.EXTRACTION).annotate(m=TruncMonth("created_at"))
              .values_list("m").annotate(n=Count("id")).order_by("m"))
    return [
        {"id": "years", "title": "Articles per year", "bars": by_year},
        {"id": "sections", "title": "Articles per section", "bars": by_section},
        {"id": "kinds", "title": "Open defects by kind", "bars": [Bar(k, n, _link("desk:queue", kind=k)) for k, n in kinds]},
        {"id": "severities", "title": "Open defects by severity",
         "bars": [Bar(s, severities[s], _link("desk:queue", severity=s)) for s in SEVERITIES if severities.get(s)]},
        {"id": "rejections", "title": "Rejected documents by reason",
         "bars": [Bar(r, n, _link("desk:rejections", reason=r)) for r, n in reasons]},
        {"id": "corrections", "title": "Changes to articles per month (corrections, transfer repairs, withdrawals)",
         "bars": [Bar(f"{m:%Y-%m}", n, _link("desk:revisions", month=f"{m:%Y-%m}")) for m, n in months if m]},
    ]


@editor_required
def dashboard(request):
    """The dashboard page: headline figures, then one chart per question."""
    charts = dashboard_charts()
    for chart in charts:
        chart["svg"] = bar_chart(chart["title"], chart["bars"])
    figures = {
        "articles": Article.objects.count(),
        "withdrawn": Article.objects.filter(withdrawn=True).count(),
        "open_defects": Defect.objects.filter(status=Defect.OPEN).count(),
        "fixed": Defect.objects.filter(status=Defect.FIXED).count(),
        "dismissed": Defect.objects.filter(status=Defect.DISMISSED).count(),
        "rejections": Rejection.objects.count(),
        "changes": Revision.objects.exclude(kind=Revision.EXTRACTION).count(),
    }
    return render(request, "desk/dashboard.html", {"charts": charts, "figures": figures, "changes": reading.repair_counts()})
