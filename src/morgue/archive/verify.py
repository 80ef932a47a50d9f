"""`morgue verify`: prove every original is intact and every revision chain unbroken."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from morgue.archive.models import REVISED_FIELDS, Article, Original, Rejection, Revision, SourceLocation
from morgue.archive.store import OriginalsStore
from morgue.home import originals_dir


@dataclass(frozen=True)
class Problem:
    """One thing verify found wrong: what kind of thing, which one, and what."""

    kind: str  # original, location, article, revision, rejection
    ident: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind} {self.ident}: {self.message}"


@dataclass
class VerifyReport:
    """What verify checked, and the problems it found (empty when the archive is intact)."""

    originals: int = 0
    locations: int = 0
    articles: int = 0
    revisions: int = 0
    unreferenced_files: int = 0  # on disk with no row: left by an interrupted ingest, harmless
    temporary_files: int = 0  # half-written by a killed ingest: never originals, removed by the next ingest
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_archive(home: Path, *, rehash: bool = True, progress: Callable[[int], None] | None = None) -> VerifyReport:
    """Check the whole archive and return a report; never modifies anything."""
    report = VerifyReport()
    store = OriginalsStore(originals_dir(home))
    # 1. Every original: its file exists and its bytes still hash to its name.
    known = set()
    for sha, size in Original.objects.order_by("pk").values_list("sha256", "size").iterator(chunk_size=2000):
        known.add(sha)
        report.originals += 1
        if rehash:
            problem = store.check(sha, size)
        else:
            problem = None if store.exists(sha) else "file is missing"
        if problem:
            report.problems.append(Problem("original", sha, problem))
        if progress:
            progress(1)
    # 2. Files nobody refers to are counted, not errors (a killed ingest leaves them).
    report.unreferenced_files = sum(1 for sha in store.iter_hashes() if sha not in known)
    report.temporary_files = len(store.leftover_temporaries())
    # 3. Every location and rejection points to an original the archive has.
    for key, sha in SourceLocation.objects.values_list("key", "original__sha256").iterator(chunk_size=2000):
        report.locations += 1
        if sha not in known:
            report.problems.append(Problem("location", key, f"points to original {sha}, which the archive does not have"))
    for key, sha in Rejection.objects.exclude(original=None).values_list("key", "original__sha256").iterator(chunk_size=2000):
        if sha not in known:
            report.problems.append(Problem("rejection", key, f"points to original {sha}, which the archive does not have"))
    # 4. Every article: revisions 0..n, chained by hash, and the article shows the newest.
    _check_revision_chains(report)
    return report


def _check_revision_chains(report: VerifyReport) -> None:
    articles = Article.objects.order_by("pk").iterator(chunk_size=500)
    revisions = Revision.objects.order_by("article_id", "number").iterator(chunk_size=2000)
    pending = next(revisions, None)
    for article in articles:
        report.articles += 1
        chain = []
        while pending is not None and pending.article_id < article.pk:
            report.problems.append(Problem("revision", str(pending.pk), f"belongs to article {pending.article_id}, which does not exist"))
            pending = next(revisions, None)
        while pending is not None and pending.article_id == article.pk:
            chain.append(pending)
            pending = next(revisions, None)
        report.revisions += len(chain)
        for message in chain_problems(article, chain):
            report.problems.append(Problem("article", str(article.pk), message))


def chain_problems(article: Article, chain: list[Revision]) -> list[str]:
    """Return what is wrong with one article's revision chain (empty when it is intact)."""
    if not chain:
        return ["has no revisions (revision 0 is missing)"]
    problems = []
    if chain[0].kind != Revision.EXTRACTION:
        problems.append(f"revision 0 is a {chain[0].kind}, not the extraction")
    previous = ""
    for expected, revision in enumerate(chain):
        if revision.number != expected:
            problems.append(f"revision {expected} is missing (found {revision.number})")
            break
        if revision.previous_hash != previous:
            problems.append(f"revision {revision.number} does not follow revision {revision.number - 1} (chain broken)")
        if revision.compute_hash() != revision.content_hash:
            problems.append(f"revision {revision.number} was altered after it was written (hash mismatch)")
        previous = revision.content_hash
    newest = chain[-1]
    stale = [name for name in REVISED_FIELDS if getattr(article, name) != getattr(newest, name)]
    if stale:
        problems.append(f"shows {', '.join(stale)} different from its newest revision {newest.number}")
    if article.revision_count != len(chain):
        problems.append(f"records {article.revision_count} revisions, has {len(chain)}")
    return problems
