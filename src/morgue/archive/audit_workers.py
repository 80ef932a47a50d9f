"""The audit's per-article checks, run in worker processes (or in-process with one worker).

Pure: plain article records and contexts in, defects out; no Django, no
database, so a ``spawn`` worker imports only this and the audit stage. The
vocabulary is sent once per worker (``start_worker``), not with every batch.
"""

from __future__ import annotations

import dataclasses
import traceback
from dataclasses import dataclass

from morgue.audit import AuditContext, Defect, Vocabulary, find_defects
from morgue.audit.defect import INFO
from morgue.extract.article import Article as ArticleRecord
from morgue.bounds import DEFAULT_DOC_SECONDS, DocumentTooSlow, time_budget
from morgue.workers import end_with_parent

_vocabulary: Vocabulary | None = None


@dataclass(frozen=True)
class CheckFailed:
    """A check raised on one article: what and where, for the run's summary and the log."""

    error: str  # "TypeError: expected string or bytes-like object"
    where: str  # the innermost frame: "spelling.py:58 in find_misspellings"


Item = tuple[int, ArticleRecord, AuditContext]  # article id, its record, its context (vocabulary left out)


def start_worker(vocabulary: Vocabulary) -> None:
    """Keep the run's vocabulary in this worker process for every batch it checks."""
    global _vocabulary
    end_with_parent()
    _vocabulary = vocabulary


def check_batch(items: list[Item], vocabulary: Vocabulary | None = None) -> list[tuple[int, list[Defect] | CheckFailed]]:
    """Return each article's defects, or how its check failed; one failure never stops the batch."""
    vocabulary = vocabulary if vocabulary is not None else _vocabulary
    results: list[tuple[int, list[Defect] | CheckFailed]] = []
    for article_id, record, context in items:
        results.append((article_id, check_article(record, dataclasses.replace(context, vocabulary=vocabulary))))
    return results


def too_slow_defect(record: ArticleRecord) -> Defect:
    """Return the finding that says the article's checks ran past their budget, so it was not fully checked."""
    return Defect(
        "checks-too-slow", INFO, "body" if record.body else "headline", None, 0, 0,
        f"The checks ran past {DEFAULT_DOC_SECONDS:g} s on this article ({sum(map(len, record.body)):,} characters "
        f"of body) and were stopped: it is not fully checked. `morgue audit --rescan` tries again.",
        None,
    )


def check_article(record: ArticleRecord, context: AuditContext) -> list[Defect] | CheckFailed:
    """Return the article's defects, or a CheckFailed if a check raised."""
    try:
        with time_budget(DEFAULT_DOC_SECONDS):
            return find_defects(record, context)
    except DocumentTooSlow:
        # An outcome, not a failure: the article is marked audited with this one finding, so every later
        # run does not spend the budget on it again (``morgue audit --rescan`` tries it once more).
        return [too_slow_defect(record)]
    except Exception as exc:  # noqa: BLE001 - one bad article is recorded by the caller, never fatal
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno} in {frame.name}"
        return CheckFailed(f"{type(exc).__name__}: {exc}"[:300], where)
