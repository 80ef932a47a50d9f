"""`morgue stats`: what the archive holds, counted by source, year, section and rejection reason."""

from __future__ import annotations

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

from morgue.archive.models import Article, IngestRun, Original, Rejection, SourceLocation


def archive_stats(top: int | None = 20) -> dict:
    """Return the archive's counts as plain data (JSON-ready), each table cut to ``top`` rows (None: all)."""
    from morgue.archive.ingest import mark_interrupted_runs

    mark_interrupted_runs()  # a run whose process is gone is shown as interrupted, not running
    return _cut({
        "articles": Article.objects.count(),
        "withdrawn": Article.objects.filter(withdrawn=True).count(),
        "originals": Original.objects.count(),
        "original_bytes": Original.objects.aggregate(total=Sum("size"))["total"] or 0,
        "locations": SourceLocation.objects.count(),
        "rejections": Rejection.objects.count(),
        "ingest_runs": IngestRun.objects.count(),
        "runs_by_status": _counts(IngestRun.objects.values("status").annotate(n=Count("id")), "status"),
        "accounting": ingest_accounting(),
        "by_source": _counts(SourceLocation.objects.values("source").annotate(n=Count("id")), "source"),
        "by_kind": _counts(Original.objects.values("kind").annotate(n=Count("id")), "kind"),
        "by_year": _by_year(),
        "by_section": _counts(Article.objects.values("section").annotate(n=Count("id")), "section"),
        "rejected_by_reason": _counts(Rejection.objects.values("reason").annotate(n=Count("id")), "reason"),
        "rejected_examples": [
            {"location": r.key, "reason": r.reason, "detail": r.detail}
            for r in Rejection.objects.order_by("-pk")[:top]
        ],
    }, top)


def section_names() -> list[str]:
    """Return the sections the archive's articles are filed in, largest first."""
    rows = Article.objects.exclude(section="").values("section").annotate(n=Count("id")).order_by("-n", "section")
    return [row["section"] for row in rows]


def ingest_accounting() -> dict:
    """Return every document the ingest runs read, as stored + rejected + already known (+ unaccounted, always 0).

    Runs from before runs counted what they stored (no host recorded) are
    left out, and counted apart, rather than guessed at.
    """
    counted = IngestRun.objects.exclude(host="")
    sums = counted.aggregate(read=Sum("documents"), stored=Sum("stored"), rejected=Sum("rejected"), known=Sum("skipped"))
    sums = {name: value or 0 for name, value in sums.items()}
    sums["unaccounted"] = sums["read"] - sums["stored"] - sums["rejected"] - sums["known"]
    sums["runs"] = counted.count()
    sums["older_runs_not_counted"] = IngestRun.objects.filter(host="").count()
    return sums


def _counts(rows, name: str, top: int | None = None) -> list[dict]:
    items = sorted(({"name": row[name] or "", "count": row["n"]} for row in rows), key=lambda r: (-r["count"], r["name"]))
    return items[:top] if top else items


def _cut(data: dict, top: int | None) -> dict:
    """Return ``data`` with every table cut to its ``top`` rows, and how many rows each lost in ``more``."""
    if not top:
        return data
    more = {}
    for key in ("by_source", "by_kind", "by_year", "by_section", "rejected_by_reason", "runs_by_status"):
        if len(data[key]) > top:
            more[key] = len(data[key]) - top
            data[key] = data[key][:top]
    data["more"] = more
    return data


def _by_year() -> list[dict]:
    rows = Article.objects.annotate(year=ExtractYear("published")).values("year").annotate(n=Count("id"))
    # Articles with no known date are counted apart ("unknown"), never given a year.
    return sorted(({"name": row["year"] or "unknown", "count": row["n"]} for row in rows), key=lambda r: str(r["name"]))
