"""`morgue audit`: run the pure audit over the archive, store its defects, apply the safe fixes.

Defects are derived data: an article's open defects are replaced each time
it is audited. Fixed and dismissed defects stay, as the record of what was
done; a fix is always a new revision, never an edit of revision 0 or of an
original.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.db.models.functions import ExtractYear

from morgue.archive.models import Article, ArchiveDefect, Defect, Revision, SourceLocation
from morgue.archive.revisions import append_revision
from morgue.audit import (
    AuditContext,
    Vocabulary,
    apply_safe_fixes,
    find_defects,
    one_article_many_urls,
    same_url_different_articles,
    section_size_jumps,
)
from morgue.audit.defect import SAFE_KINDS
from morgue.extract.article import Article as ArticleRecord

CHUNK = 500
# A date in a URL path: /2004/03/05/ or /2004/03/ (day unknown).
URL_DATE = re.compile(r"/((?:1[89]|20)\d\d)/(0[1-9]|1[0-2])/(?:(0[1-9]|[12]\d|3[01])/)?")

FIX_NOTE = ("Characters, markup or repeated paragraphs damaged when this article was moved to the new "
            "archive were repaired mechanically; the wording is unchanged.")


@dataclass
class AuditSummary:
    """What one audit run did."""

    audited: int = 0
    defects: int = 0
    fixed_articles: int = 0
    fixed_defects: int = 0
    archive_findings: int = 0
    by_kind: Counter = field(default_factory=Counter)


def audit_archive(*, rescan: bool = False, fix_safe: bool = False, today: date | None = None,
                  progress: Callable[[int], None] | None = None) -> AuditSummary:
    """Audit every article not yet audited at its current revision (all with ``rescan``); return the summary."""
    summary = AuditSummary()
    # 1. The archive's own vocabulary, so its names are not taken for misspellings.
    vocabulary = learn_vocabulary()
    # 2. Each article that needs it, in chunks, each chunk one transaction.
    todo = Article.objects.all() if rescan else Article.objects.filter(Q(audited_revision__isnull=True) | ~Q(audited_revision=F("revision_count") - 1))
    ids = set(todo.values_list("pk", flat=True))
    if fix_safe:
        # Articles audited before whose open defects have a safe fix waiting.
        ids |= set(Defect.objects.filter(status=Defect.OPEN, kind__in=SAFE_KINDS, suggestion__isnull=False).values_list("article_id", flat=True))
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        with transaction.atomic():
            for article in Article.objects.filter(pk__in=chunk).order_by("pk"):
                context = _context(article, vocabulary, today)
                found = find_defects(record_of(article), context)
                if fix_safe and any(d.is_safe_fix for d in found):
                    found = _fix(article, found, summary) or find_defects(record_of(article), context)
                _replace_open_defects(article, found)
                summary.audited += 1
                summary.defects += len(found)
                summary.by_kind.update(d.kind for d in found)
        if progress:
            progress(len(chunk))
    # 3. The archive as a whole: addresses and section sizes.
    summary.archive_findings = _audit_archive_level()
    return summary


def learn_vocabulary() -> Vocabulary:
    """Return the word counts of every article's current headline and body."""
    vocabulary = Vocabulary()
    for headline, body in Article.objects.order_by("pk").values_list("headline", "body").iterator(chunk_size=2000):
        vocabulary.learn([headline, *body])
    return vocabulary


def record_of(article: Article) -> ArticleRecord:
    """Return the plain article record of an article's current revision."""
    return ArticleRecord(
        headline=article.headline, byline=article.byline, dateline=article.dateline,
        published=article.published, modified=article.modified, section=article.section,
        body=tuple(article.body), language=article.language, url=article.url, notices=tuple(article.notices),
    )


def _context(article: Article, vocabulary: Vocabulary, today: date | None) -> AuditContext:
    captured = article.original.locations.aggregate(first=Min("captured_at"))["first"]
    return AuditContext(vocabulary=vocabulary, captured_at=captured, url_date=url_date(article.url), today=today)


def url_date(url: str) -> date | None:
    """Return the date a URL's path states (/2004/03/05/), or None; a month alone is not a date."""
    match = URL_DATE.search(url or "")
    if not match or not match.group(3):
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _fix(article: Article, found: list, summary: AuditSummary) -> list | None:
    """Apply the safe fixes as a new revision; return None so the caller re-audits the new text."""
    fields = {"headline": article.headline, "byline": article.byline, "dateline": article.dateline, "body": list(article.body)}
    new_fields, fixed = apply_safe_fixes(fields, found)
    changes = {name: value for name, value in new_fields.items() if value != fields[name]}
    if not changes:
        return found
    kinds = sorted({d.kind for d in fixed})
    revision = append_revision(article, Revision.FIX, changes, reason=f"audit --fix safe: {', '.join(kinds)}", public_note=FIX_NOTE)
    Defect.objects.bulk_create(
        _row(article, d, revision.number - 1, status=Defect.FIXED, resolved_by=revision, note="fixed by audit --fix safe")
        for d in fixed
    )
    summary.fixed_articles += 1
    summary.fixed_defects += len(fixed)
    return None


def _replace_open_defects(article: Article, found: list) -> None:
    Defect.objects.filter(article=article, status=Defect.OPEN).delete()
    # An editor's dismissal stands: the same finding on the same text is not raised again.
    dismissed = set(Defect.objects.filter(article=article, status=Defect.DISMISSED).values_list("kind", "field", "paragraph", "excerpt"))
    rows = [_row(article, d, article.revision_count - 1) for d in found]
    Defect.objects.bulk_create(r for r in rows if (r.kind, r.field, r.paragraph, r.excerpt) not in dismissed)
    Article.objects.filter(pk=article.pk).update(audited_revision=article.revision_count - 1)


def _row(article: Article, d, revision_number: int, status: str = Defect.OPEN, resolved_by=None, note: str = "") -> Defect:
    return Defect(
        article=article, revision_number=revision_number, kind=d.kind, severity=d.severity, field=d.field,
        paragraph=d.paragraph, start=d.start, end=d.end, explanation=d.explanation,
        excerpt=_excerpt(article, d), suggestion=d.suggestion, status=status, resolved_by=resolved_by, resolution_note=note,
    )


def _excerpt(article: Article, d) -> str:
    if d.field == "body" and d.paragraph is not None and d.paragraph < len(article.body):
        text = article.body[d.paragraph]
    else:
        value = getattr(article, d.field, "") if d.field else ""
        text = value.isoformat() if hasattr(value, "isoformat") else str(value or "")
    return text[d.start:d.end][:500]


def fingerprint(body: list[str]) -> str:
    """Return a fingerprint of an article's text that ignores case and spacing."""
    text = " ".join(" ".join(body).lower().split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _address_rows() -> Iterator[tuple[str, str, str]]:
    prints = {pk: fingerprint(body) for pk, body in Article.objects.values_list("pk", "body").iterator(chunk_size=2000)}
    seen = set()
    for pk, url in Article.objects.exclude(url="").values_list("pk", "url").iterator(chunk_size=2000):
        seen.add((url, pk))
        yield url, str(pk), prints[pk]
    locations = SourceLocation.objects.exclude(url="").filter(original__article__isnull=False)
    for url, pk in locations.values_list("url", "original__article__pk").iterator(chunk_size=2000):
        if (url, pk) not in seen:
            yield url, str(pk), prints[pk]


def _audit_archive_level() -> int:
    rows = list(_address_rows())
    findings = same_url_different_articles(rows) + one_article_many_urls(rows)
    counts = (
        Article.objects.exclude(section="").exclude(published=None).annotate(year=ExtractYear("published"))
        .values_list("section", "year").annotate(n=Count("id"))
    )
    findings += section_size_jumps((section, year, n) for section, year, n in counts)
    with transaction.atomic():
        ArchiveDefect.objects.all().delete()
        ArchiveDefect.objects.bulk_create(
            ArchiveDefect(kind=f.kind, severity=f.severity, subject=f.key, explanation=f.explanation, members=list(f.members))
            for f in findings
        )
    return len(findings)


def audit_report(*, kinds: list[str] | None = None, since: date | None = None, section: str | None = None, worst: int = 10) -> dict:
    """Return the open defects counted by kind and severity, articles affected and the worst articles (JSON-ready)."""
    defects = Defect.objects.filter(status=Defect.OPEN)
    if kinds:
        defects = defects.filter(kind__in=kinds)
    if since:
        defects = defects.filter(article__published__gte=since)
    if section:
        defects = defects.filter(article__section=section)
    table = [
        {"kind": row["kind"], "severity": row["severity"], "defects": row["n"], "articles": row["articles"]}
        for row in defects.values("kind", "severity").annotate(n=Count("id"), articles=Count("article", distinct=True)).order_by("-n", "kind")
    ]
    weight = Count("id", filter=Q(severity="high")) * 100 + Count("id", filter=Q(severity="medium")) * 10 + Count("id", filter=Q(severity="low"))
    worst_rows = (
        defects.exclude(severity="info").values("article", "article__headline").annotate(score=weight, n=Count("id")).order_by("-score", "article")[:worst]
    )
    return {
        "open_defects": defects.count(),
        "articles_affected": defects.exclude(severity="info").values("article").distinct().count(),
        "articles": Article.objects.count(),
        "by_kind": table,
        "worst_articles": [{"article": r["article"], "headline": r["article__headline"], "defects": r["n"], "score": r["score"]} for r in worst_rows],
        "archive_findings": [
            {"kind": f.kind, "severity": f.severity, "subject": f.subject, "explanation": f.explanation, "members": f.members}
            for f in ArchiveDefect.objects.order_by("kind", "subject")
        ],
        "fixed": Defect.objects.filter(status=Defect.FIXED).count(),
        "dismissed": Defect.objects.filter(status=Defect.DISMISSED).count(),
    }


def open_defects(kinds=None, since=None, section=None):
    """Return the open defects as a queryset, filtered (for `audit --json` and the editors' desk)."""
    defects = Defect.objects.filter(status=Defect.OPEN).select_related("article")
    if kinds:
        defects = defects.filter(kind__in=kinds)
    if since:
        defects = defects.filter(article__published__gte=since)
    if section:
        defects = defects.filter(article__section=section)
    return defects.order_by("article_id", "pk")


__all__ = ["SAFE_KINDS", "AuditSummary", "audit_archive", "audit_report", "open_defects", "url_date"]
