"""The defect queue: open defects filtered and paginated; one defect shown in its article, accepted or dismissed."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from morgue.archive.models import Defect
from morgue.audit.defect import SEVERITIES
from morgue.archive.classify import KINDS as SECTION_KINDS
from morgue.desk.editing import DeskError, accept_fix, accept_many, dismiss_defect, span_is_current, span_text
from morgue.desk.forms import DismissForm
from morgue.desk.permissions import editor_required
from morgue.web.dates import calendar_year

PAGE_SIZE = 50
FILTERS = ("kind", "severity", "section", "year", "status")
SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}
BULK_LEVELS = (90, 80, 70, 60, 50)  # the confidences an editor may accept section suggestions from, in per cent


def filtered_defects(params) -> tuple:
    """Return the defects the queue's filters select (open ones unless ``status`` says otherwise) and the filters used."""
    chosen = {name: params.get(name, "").strip() for name in FILTERS}
    status = chosen["status"] if chosen["status"] in dict(Defect.STATUSES) else Defect.OPEN
    chosen["status"] = status
    defects = Defect.objects.filter(status=status).select_related("article")
    if chosen["kind"]:
        defects = defects.filter(kind=chosen["kind"])
    if chosen["severity"]:
        defects = defects.filter(severity=chosen["severity"])
    if chosen["section"]:
        defects = defects.filter(article__section=chosen["section"])
    if calendar_year(chosen["year"]) is not None:
        defects = defects.filter(article__published__year=calendar_year(chosen["year"]))
    elif chosen["year"] == "unknown":
        defects = defects.filter(article__published__isnull=True)
    else:
        chosen["year"] = ""
    return defects.order_by("article_id", "pk"), chosen


@editor_required
def queue(request):
    """The open defects, filtered by kind, severity, section and year, fifty to a page."""
    defects, chosen = filtered_defects(request.GET)
    page = Paginator(defects, PAGE_SIZE).get_page(request.GET.get("page"))
    open_defects = Defect.objects.filter(status=chosen["status"])
    options = {
        "kind": sorted(open_defects.values_list("kind", flat=True).distinct()),
        "severity": sorted(open_defects.values_list("severity", flat=True).distinct(), key=lambda s: SEVERITY_ORDER.get(s, 9)),
        "section": sorted(open_defects.exclude(article__section="").values_list("article__section", flat=True).distinct()),
        "year": sorted({y for y in open_defects.annotate(y=ExtractYear("article__published")).values_list("y", flat=True).distinct() if y}),
        "status": [s for s, _ in Defect.STATUSES],
    }
    if chosen["year"] == "unknown" or open_defects.filter(article__published__isnull=True).exists():
        options["year"].append("unknown")
    filters = [
        {"name": name, "any": name != "status",
         "choices": [{"value": str(v), "selected": str(v) == chosen[name]} for v in values]}
        for name, values in options.items()
    ]
    query = urlencode({k: v for k, v in chosen.items() if v and not (k == "status" and v == Defect.OPEN)})
    bulk = chosen["kind"] in SECTION_KINDS and chosen["status"] == Defect.OPEN and page.paginator.count > 0
    return render(request, "desk/queue.html", {"page": page, "chosen": chosen, "filters": filters, "query": query,
                                               "bulk": bulk, "bulk_levels": BULK_LEVELS})


@editor_required
@require_POST
def accept_sections(request):
    """Accept the section model's suggestions the queue's filters select, at or above a confidence, each its own revision."""
    params = dict(parse_qsl(request.POST.get("back", "")))
    params["kind"] = request.POST.get("kind", "")
    if params["kind"] not in SECTION_KINDS:
        messages.error(request, "Only the section model's suggestions can be accepted together.")
        return redirect(_back(request))
    try:
        least = int(request.POST.get("min_confidence", "")) / 100
    except ValueError:
        least = 1.0
    params.pop("status", None)
    defects, _ = filtered_defects(params)
    accepted, problems = accept_many(list(defects.filter(confidence__gte=least)), request.user)
    messages.success(request, f"Accepted {accepted} suggestion{'s' if accepted != 1 else ''}, each as its own recategorisation.")
    for problem in problems[:5]:
        messages.error(request, problem)
    return redirect(_back(request))


def _display(article, defect) -> list[dict]:
    """Return the article's fields and paragraphs as rows, the defect's span split out to be marked."""
    current = span_is_current(article, defect)
    rows = []
    for field in ("headline", "byline", "dateline", "published", "section"):
        value = getattr(article, field)
        text = value.isoformat() if hasattr(value, "isoformat") else (value or "")
        rows.append(_row(field, None, text, defect if current and defect.field == field else None))
    for index, paragraph in enumerate(article.body):
        marked = current and defect.field == "body" and defect.paragraph == index
        rows.append(_row("body", index, paragraph, defect if marked else None))
    return rows


def _row(field: str, paragraph, text: str, defect) -> dict:
    if defect is None:
        return {"field": field, "paragraph": paragraph, "before": text, "mark": None, "after": ""}
    return {"field": field, "paragraph": paragraph, "before": text[:defect.start], "mark": text[defect.start:defect.end],
            "after": text[defect.end:]}


@editor_required
def defect(request, pk: int):
    """One defect in its article, the span marked, with accept / edit / dismiss."""
    item = get_object_or_404(Defect.objects.select_related("article", "resolved_by"), pk=pk)
    article = item.article
    return render(request, "desk/defect.html", {
        "defect": item, "article": article, "rows": _display(article, item), "current": span_is_current(article, item),
        "span_text": span_text(article, item), "dismiss_form": DismissForm(), "back": request.GET.get("back", ""),
    })


@editor_required
@require_POST
def accept(request, pk: int):
    """Apply the defect's suggestion as a new revision of kind fix."""
    item = get_object_or_404(Defect, pk=pk)
    try:
        revision = accept_fix(item, request.user)
    except DeskError as exc:
        messages.error(request, str(exc))
        return redirect("desk:defect", pk=pk)
    messages.success(request, f"Fixed: revision {revision.number} of the article.")
    return redirect(_back(request))


@editor_required
@require_POST
def dismiss(request, pk: int):
    """Dismiss the defect with a reason; the article is not changed."""
    item = get_object_or_404(Defect, pk=pk)
    form = DismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give a reason for dismissing the defect.")
        return redirect("desk:defect", pk=pk)
    try:
        dismiss_defect(item, request.user, form.cleaned_data["reason"])
    except DeskError as exc:
        messages.error(request, str(exc))
        return redirect("desk:defect", pk=pk)
    messages.success(request, "Defect dismissed.")
    return redirect(_back(request))


def _back(request) -> str:
    """Return the queue with the filters the editor came from (only our own query string, never a URL)."""
    kept = [(k, v) for k, v in parse_qsl(request.POST.get("back", "")) if k in (*FILTERS, "page")]
    return reverse("desk:queue") + (f"?{urlencode(kept)}" if kept else "")
