"""`morgue audit`: run the pure audit over the archive, store its defects, apply the safe fixes.

Defects are derived data: an article's open defects are replaced each time
it is audited. Fixed and dismissed defects stay, as the record of what was
done; a fix is always a new revision, never an edit of revision 0 or of an
original.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import multiprocessing
import re
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.db.models.functions import ExtractYear

from morgue.archive.models import Article, ArchiveDefect, Defect, Revision, SourceLocation
from morgue.archive.audit_vocabulary import keep_vocabulary, learn_vocabulary
from morgue.archive.classify import KINDS as CLASSIFY_KINDS
from morgue.archive.classify import SUGGESTED as SECTION_SUGGESTED
from morgue.archive.audit_workers import CheckFailed, check_article, check_batch, start_worker
from morgue.archive.revisions import append_revision
from morgue.audit import (
    AuditContext,
    Vocabulary,
    apply_safe_fixes,
    one_article_many_urls,
    same_url_different_articles,
    section_size_jumps,
)
from morgue.audit.defect import SAFE_KINDS
from morgue.extract.article import Article as ArticleRecord

log = logging.getLogger(__name__)

# A date in a URL path: /2004/03/05/ or /2004/03/ (day unknown).
URL_DATE = re.compile(r"/((?:1[89]|20)\d\d)/(0[1-9]|1[0-2])/(?:(0[1-9]|[12]\d|3[01])/)?")

FIX_NOTE = ("Characters, markup or repeated paragraphs damaged when this article was moved to the new "
            "archive were repaired mechanically; the wording is unchanged.")
# Failures listed in the summary (all are counted and logged).
FAILURES_LISTED = 100


@dataclass(frozen=True)
class AuditOptions:
    """Everything one audit run needs; defaults in one place."""

    # Where the learned vocabulary is kept between runs; None learns it afresh and keeps nothing.
    home: Path | None = None
    # Processes for the per-article checks; 1 checks in this process. (In-process callers such as
    # the demo and the tests keep one process unless they ask; `morgue audit` defaults to all cores.)
    workers: int = 1
    batch_size: int = 500  # articles per worker task and per transaction
    rescan: bool = False  # audit every article, not only new and changed ones
    fix_safe: bool = False  # apply the safe fixes as new revisions
    relearn: bool = False  # learn the vocabulary afresh even if the kept one is usable
    today: date | None = None  # fixes the clock for the date checks (tests, re-runs)
    founded: int | None = None  # the year the paper began (the paper's settings): earlier dates are flagged


@dataclass
class AuditSummary:
    """What one audit run did."""

    audited: int = 0
    defects: int = 0
    fixed_articles: int = 0
    fixed_defects: int = 0
    archive_findings: int = 0
    by_kind: Counter = field(default_factory=Counter)
    to_audit: int = 0  # articles this run set out to audit
    failed: int = 0  # articles whose check raised: not marked audited, tried again next run
    failures: list[tuple[int, str]] = field(default_factory=list)  # (article id, what raised where), the first few
    vocabulary: str = ""  # reused, updated or learned
    vocabulary_reason: str = ""  # why it was learned afresh
    vocabulary_changed: int = 0  # articles an update forgot and learned again
    seconds: float = 0.0


def audit_archive(options: AuditOptions | None = None, *, progress: Callable[[AuditSummary], None] | None = None,
                  **changes) -> AuditSummary:
    """Audit every article not yet audited at its current revision (all with ``rescan``); return the summary.

    ``changes`` override fields of ``options`` (``audit_archive(rescan=True)``).
    """
    options = dataclasses.replace(options or AuditOptions(), **changes)
    summary = AuditSummary()
    started = time.monotonic()
    # 1. The archive's own vocabulary, so its names are not taken for misspellings: kept, updated or learned.
    kept = keep_vocabulary(options.home, relearn=options.relearn)
    summary.vocabulary, summary.vocabulary_reason, summary.vocabulary_changed = kept.how, kept.reason, kept.changed_articles
    # 2. The articles that need it.
    ids = _articles_to_audit(options)
    summary.to_audit = len(ids)
    # 3. Check them in batches, in the pool with a bounded number of batches in flight; write each batch's
    #    defects from here, one transaction per batch, in order.
    with _executor(options.workers, kept.vocabulary) as pool:
        pending: deque[tuple[list[Article], dict[int, AuditContext], Future | list]] = deque()
        for start in range(0, len(ids), options.batch_size):
            # The blocks extraction removed are never read here: not decoding them spares the parent, the pool's bottleneck.
            batch = Article.objects.filter(pk__in=ids[start:start + options.batch_size]).defer("removed").order_by("pk")
            articles = list(batch)
            contexts = _contexts(articles, options.today, options.founded)
            items = [(a.pk, record_of(a), contexts[a.pk]) for a in articles]
            result = pool.submit(check_batch, items) if pool else check_batch(items, kept.vocabulary)
            pending.append((articles, contexts, result))
            while len(pending) > max(2, 2 * options.workers):
                _write_batch(*pending.popleft(), kept.vocabulary, options, summary)
                _report(summary, started, progress)
        while pending:
            _write_batch(*pending.popleft(), kept.vocabulary, options, summary)
            _report(summary, started, progress)
    # 4. The archive as a whole: addresses and section sizes.
    summary.archive_findings = _audit_archive_level()
    summary.seconds = time.monotonic() - started
    return summary


def _articles_to_audit(options: AuditOptions) -> list[int]:
    todo = Article.objects.all() if options.rescan else Article.objects.filter(Q(audited_revision__isnull=True) | ~Q(audited_revision=F("revision_count") - 1))
    ids = set(todo.values_list("pk", flat=True))
    if options.fix_safe:
        # Articles audited before whose open defects have a safe fix waiting.
        ids |= set(Defect.objects.filter(status=Defect.OPEN, kind__in=SAFE_KINDS, suggestion__isnull=False).values_list("article_id", flat=True))
    return sorted(ids)


def _executor(workers: int, vocabulary: Vocabulary) -> Executor | _NoPool:
    # "spawn": workers start clean, inheriting no database connections or threads; each gets the vocabulary once.
    if workers <= 1:
        return _NoPool()
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=start_worker, initargs=(vocabulary,))


class _NoPool:
    """Stands in for a pool when checking in-process (workers=1): submit is not used."""

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def _write_batch(articles: list[Article], contexts: dict[int, AuditContext], result: Future | list, vocabulary: Vocabulary,
                 options: AuditOptions, summary: AuditSummary) -> None:
    """Record one batch's defects (and safe fixes) in one transaction; an article whose check raised is only counted."""
    outcomes = dict(result.result() if isinstance(result, Future) else result)
    audited: list[tuple[Article, list]] = []
    with transaction.atomic():
        for article in articles:
            found = outcomes[article.pk]
            if fix_safe_due(options, found):
                found = _fix(article, found, summary)
                if found is None:  # fixed: audit the new text (here: a fix is rare)
                    found = check_article(record_of(article), dataclasses.replace(contexts[article.pk], vocabulary=vocabulary))
            if isinstance(found, CheckFailed):
                _count_failure(article, found, summary)
                continue
            audited.append((article, found))
            summary.audited += 1
            summary.defects += len(found)
            summary.by_kind.update(d.kind for d in found)
        _replace_open_defects(audited)


def _report(summary: AuditSummary, started: float, progress: Callable[[AuditSummary], None] | None) -> None:
    summary.seconds = time.monotonic() - started
    if progress:
        progress(summary)


def fix_safe_due(options: AuditOptions, found) -> bool:
    """Return True if the run fixes safe defects and the article has one."""
    return options.fix_safe and not isinstance(found, CheckFailed) and any(d.is_safe_fix for d in found)


def _count_failure(article: Article, failed: CheckFailed, summary: AuditSummary) -> None:
    # Not marked audited and its open defects left as they were: the next run tries it again.
    log.error("audit of article %s failed: %s (%s)", article.pk, failed.error, failed.where)
    summary.failed += 1
    if len(summary.failures) < FAILURES_LISTED:
        summary.failures.append((article.pk, f"{failed.error} ({failed.where})"))


def record_of(article: Article) -> ArticleRecord:
    """Return the plain article record of an article's current revision."""
    return ArticleRecord(
        headline=article.headline, byline=article.byline, dateline=article.dateline,
        published=article.published, modified=article.modified, section=article.section,
        body=tuple(article.body), language=article.language, url=article.url, notices=tuple(article.notices),
    )


def _contexts(articles: list[Article], today: date | None, founded: int | None = None) -> dict[int, AuditContext]:
    """Return each article's context (without the vocabulary): its first capture, its URL's date, the clock, the founding."""
    captured = dict(
        SourceLocation.objects.filter(original_id__in=[a.original_id for a in articles])
        .values("original_id").annotate(first=Min("captured_at")).values_list("original_id", "first")
    )
    return {a.pk: AuditContext(captured_at=captured.get(a.original_id), url_date=url_date(a.url), today=today, founded=founded)
            for a in articles}


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


def _replace_open_defects(audited: list[tuple[Article, list]]) -> None:
    """Replace the open defects of a batch's articles with those just found, and mark them audited."""
    ids = [article.pk for article, _ in audited]
    # The section model's findings are `morgue classify`'s to replace, not the audit's.
    Defect.objects.filter(article_id__in=ids, status=Defect.OPEN).exclude(kind__in=CLASSIFY_KINDS).delete()
    # Where the section model already suggests a section, "no section" would only say it twice.
    suggested = set(Defect.objects.filter(article_id__in=ids, status=Defect.OPEN, kind=SECTION_SUGGESTED).values_list("article_id", flat=True))
    # An editor's dismissal stands: the same finding on the same text is not raised again.
    dismissed = set(Defect.objects.filter(article_id__in=ids, status=Defect.DISMISSED).values_list("article_id", "kind", "field", "paragraph", "excerpt"))
    rows = [_row(article, d, article.revision_count - 1) for article, found in audited for d in found
            if not (d.kind == "section-missing" and article.pk in suggested)]
    Defect.objects.bulk_create(r for r in rows if (r.article_id, r.kind, r.field, r.paragraph, r.excerpt) not in dismissed)
    by_revision: dict[int, list[int]] = defaultdict(list)
    for article, _ in audited:
        by_revision[article.revision_count - 1].append(article.pk)
    for revision, pks in by_revision.items():
        Article.objects.filter(pk__in=pks).update(audited_revision=revision)


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
    # str(): a damaged row (a number for a paragraph) must not stop the archive-level checks.
    text = " ".join(" ".join(p if isinstance(p, str) else str(p) for p in body).lower().split())
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
    defects = _open(kinds, since, section)
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
    return _open(kinds, since, section).select_related("article").order_by("article_id", "pk")


def _open(kinds=None, since=None, section=None):
    """Return the open defects of these kinds, in articles published since ``since``, in ``section``."""
    defects = Defect.objects.filter(status=Defect.OPEN)
    if kinds:
        defects = defects.filter(kind__in=kinds)
    if since:
        defects = defects.filter(article__published__gte=since)
    if section:
        defects = defects.filter(article__section=section)
    return defects


__all__ = ["SAFE_KINDS", "AuditOptions", "AuditSummary", "audit_archive", "learn_vocabulary", "audit_report", "open_defects", "url_date"]
