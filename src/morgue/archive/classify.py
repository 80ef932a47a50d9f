"""`morgue classify`: the archive's side of sections — train, suggest, flag mis-filings, keep the model.

The section model is learned from the sections the sources gave. It is kept
in the home (``enrich/sections.pickle``) with the labels it was trained
from, so a later run only classifies new and corrected articles; it is
trained again when asked (``retrain``), when there is none, or when a
quarter of the labels changed since.

What it writes is derived, like the audit's defects: for each classified
article its open ``section-suggested`` (no section given) or
``section-mismatch`` (the given section contradicted) defect is replaced.
An editor's dismissal stands, and accepting one is a recategorisation
revision (desk/editing.py).
"""

from __future__ import annotations

import logging
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Q

from morgue.archive.models import Article, ClusterMember, Defect, Revision
from morgue.atomic import write_bytes
from morgue.enrich.mapping import SuggestedMapping, confused_sections
from morgue.enrich.sections import MISFILED_BELOW, SectionGuess, SectionModel, flag_misfilings, learnable, out_of_fold, train_sections
from morgue.enrich.text import article_text

log = logging.getLogger(__name__)

SUGGESTED, MISMATCH = "section-suggested", "section-mismatch"
KINDS = (SUGGESTED, MISMATCH)
RETRAIN_WHEN_CHANGED = 0.25  # share of the labels changed since training
BATCH = 2000
MODEL_VERSION = 2


@dataclass
class ClassifySummary:
    """What one classify run did."""

    trained: bool = False
    train_reason: str = ""
    labelled: int = 0  # articles with a section the model learned from
    sections: list[str] = field(default_factory=list)
    classified: int = 0
    suggested: int = 0  # articles without a section given a suggestion
    mismatches: int = 0  # articles whose section the model contradicts
    skipped_reason: str = ""  # why nothing could be learned
    aliases: list[SuggestedMapping] = field(default_factory=list)  # two names of one desk (the suggested mapping)
    seconds: float = 0.0


def model_path(home: Path | None = None) -> Path:
    return Path(home or settings.HOME) / "enrich" / "sections.pickle"


def load_model(home: Path | None = None) -> dict | None:
    """Return the kept model and its record (labels, when), or None if there is none this morgue can read."""
    path = model_path(home)
    try:
        with open(path, "rb") as handle:
            kept = pickle.load(handle)  # noqa: S301 - the home's own file, written by save_model
    except FileNotFoundError:
        return None
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError) as exc:
        log.warning("the section model %s could not be read (%s); it will be trained again", path, exc)
        return None
    return kept if isinstance(kept, dict) and kept.get("version") == MODEL_VERSION else None


def _save_model(home: Path | None, model: SectionModel, labels: dict[int, str], aliases: list[SuggestedMapping]) -> None:
    path = model_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    # The newest revision when it was trained: what the model knew of the archive.
    revision = Revision.objects.aggregate(last=Max("pk"))["last"]
    record = {"version": MODEL_VERSION, "model": model, "labels": labels, "aliases": aliases, "trained_at": time.time(),
              "trained_from_revision": revision}
    write_bytes(path, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))


def current_labels() -> dict[int, str]:
    """Return every public article's given section (empty ones left out), by article id."""
    return dict(Article.objects.filter(withdrawn=False).exclude(section="").values_list("pk", "section"))


def classify_archive(home: Path | None = None, *, retrain: bool = False,
                     progress: Callable[[ClassifySummary], None] | None = None) -> ClassifySummary:
    """Train the section model if it must be, then classify every article not yet classified at its revision."""
    summary = ClassifySummary()
    started = time.monotonic()
    labels = current_labels()
    kept = None if retrain else load_model(home)
    reason = "asked to (--retrain)" if retrain else _retrain_reason(kept, labels)
    sections = learnable(list(labels.values()))
    if len(sections) < 2:
        summary.skipped_reason = (f"the archive has {len(sections)} section(s) with enough articles to learn from; "
                                  "at least two are needed")
        summary.seconds = time.monotonic() - started
        return summary
    if reason:
        # 1. Train on every labelled article; flag the mis-filed ones out of fold (each judged by a model that never saw its label).
        model, misfiled, aliases = _train(labels)
        _save_model(home, model, labels, aliases)
        summary.trained, summary.train_reason = True, reason
        todo = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    else:
        model, misfiled, aliases = kept["model"], None, kept["aliases"]
        todo = list(Article.objects.filter(Q(classified_revision__isnull=True) | ~Q(classified_revision=F("revision_count") - 1))
                    .order_by("pk").values_list("pk", flat=True))
    summary.labelled, summary.sections, summary.aliases = model.trained_on, model.sections, aliases
    # 2. Classify in batches: suggest a section where there is none; flag a given section the model contradicts.
    for start in range(0, len(todo), BATCH):
        batch = list(Article.objects.filter(pk__in=todo[start:start + BATCH]).only(
            "pk", "headline", "body", "section", "revision_count", "withdrawn").order_by("pk"))
        _classify_batch(batch, model, misfiled, _alias_pairs(aliases), summary)
        if progress:
            progress(summary)
    summary.seconds = time.monotonic() - started
    return summary


def labels_changed(before: dict, now: dict) -> int:
    """Return how many articles' labels (sections, tags) were changed, added or removed between two readings."""
    return sum(1 for pk, label in now.items() if before.get(pk) != label) + sum(1 for pk in before if pk not in now)


def texts_of(ids: list[int]) -> list[str]:
    """Return the texts the models read of the given articles (ids sorted), a batch of rows at a time."""
    texts: list[str] = []
    for start in range(0, len(ids), BATCH):
        rows = Article.objects.filter(pk__in=ids[start:start + BATCH]).order_by("pk").values_list("headline", "body")
        texts += [article_text(headline, body) for headline, body in rows]
    return texts


def stale_reason(before: dict | None, now: dict, noun: str = "labels") -> str:
    """Return why a model trained on ``before`` must be trained again on ``now`` ("" if it need not)."""
    if before is None:
        return "no model yet"
    changed = labels_changed(before, now)
    if changed >= RETRAIN_WHEN_CHANGED * max(len(before), 1):
        return f"{changed:,} of {len(before):,} {noun} changed since it was trained"
    return ""


def _retrain_reason(kept: dict | None, labels: dict[int, str]) -> str:
    reason = stale_reason(kept["labels"] if kept else None, labels)
    if reason or kept is None:
        return reason
    if set(learnable(list(labels.values()))) != set(kept["model"].sections):
        return "the archive's sections changed"
    return ""


def _alias_pairs(aliases: list[SuggestedMapping]) -> set[tuple[str, str]]:
    return {(a.source, a.target) for a in aliases}


def _train(labels: dict[int, str]) -> tuple[SectionModel, dict[int, tuple], list[SuggestedMapping]]:
    ids = sorted(labels)
    texts = texts_of(ids)
    sections = [labels[pk] for pk in ids]
    # Reprints of one story stay in one fold: otherwise a copy filed right would vouch for its mis-filed twin.
    clusters = dict(ClusterMember.objects.filter(article_id__in=ids).values_list("article_id", "cluster_id"))
    groups = [f"c{clusters[pk]}" if pk in clusters else f"a{pk}" for pk in ids]
    model = train_sections(texts, sections)
    probabilities, learned, index = out_of_fold(texts, sections, groups)
    # Two names of one desk confuse the model far more than mis-filing does: a mapping, not a flag per article.
    aliases = confused_sections(probabilities, learned, index, sections)
    found = flag_misfilings(probabilities, learned, index, sections, aliases=_alias_pairs(aliases))
    misfiled = {ids[m.index]: (m.suggested, m.confidence, m.given_confidence) for m in found}
    return model, misfiled, aliases


def _classify_batch(batch: list[Article], model: SectionModel, misfiled: dict | None, aliases: set[tuple[str, str]],
                    summary: ClassifySummary) -> None:
    public = [a for a in batch if not a.withdrawn]
    # One pass of the model over the batch: its best guess and the probability of the given section both come from it.
    probabilities = model.probabilities([article_text(a.headline, a.body) for a in public]) if public else None
    position = {s: i for i, s in enumerate(model.sections)}
    found: list[Defect] = []
    for row, article in enumerate(public):
        best = int(probabilities[row].argmax())
        guess = SectionGuess(model.sections[best], float(probabilities[row, best]))
        if not article.section:
            found.append(_suggestion(article, guess.section, guess.confidence, model))
            summary.suggested += 1
        elif misfiled is not None:
            # Just trained: the out-of-fold verdict, from a model that never saw this label.
            if article.pk in misfiled:
                suggested, confidence, given_confidence = misfiled[article.pk]
                found.append(_mismatch(article, suggested, confidence, given_confidence))
                summary.mismatches += 1
        elif article.section in position:
            # A new or corrected article: the kept model never saw its label, so its verdict is out of fold too.
            given_confidence = float(probabilities[row, position[article.section]])
            alias = (article.section, guess.section) in aliases or (guess.section, article.section) in aliases
            if given_confidence < MISFILED_BELOW and guess.section != article.section and not alias:
                found.append(_mismatch(article, guess.section, guess.confidence, given_confidence))
                summary.mismatches += 1
    with transaction.atomic():
        ids = [a.pk for a in batch]
        Defect.objects.filter(article_id__in=ids, status=Defect.OPEN, kind__in=KINDS).delete()
        # The audit's "no section" says less than a suggestion of which: the suggestion replaces it.
        Defect.objects.filter(article_id__in={d.article_id for d in found if d.kind == SUGGESTED}, status=Defect.OPEN,
                              kind="section-missing").delete()
        dismissed = set(Defect.objects.filter(article_id__in=ids, status=Defect.DISMISSED, kind__in=KINDS)
                        .values_list("article_id", "kind", "excerpt", "suggestion"))
        Defect.objects.bulk_create(d for d in found if (d.article_id, d.kind, d.excerpt, d.suggestion) not in dismissed)
        by_revision: dict[int, list[int]] = {}
        for article in batch:
            by_revision.setdefault(article.revision_count - 1, []).append(article.pk)
        for revision, pks in by_revision.items():
            Article.objects.filter(pk__in=pks).update(classified_revision=revision)
    summary.classified += len(batch)


def _suggestion(article: Article, section: str, confidence: float, model: SectionModel) -> Defect:
    return Defect(
        article_id=article.pk, revision_number=article.revision_count - 1, kind=SUGGESTED, severity="low",
        field="section", start=0, end=0, excerpt="", suggestion=section, confidence=confidence,
        explanation=(f"The source gave no section. The archive's section model, learned from {model.trained_on:,} "
                     f"articles whose sources gave one, suggests “{section}” ({confidence:.0%} sure)."),
    )


def _mismatch(article: Article, suggested: str, confidence: float, given_confidence: float) -> Defect:
    return Defect(
        article_id=article.pk, revision_number=article.revision_count - 1, kind=MISMATCH, severity="medium",
        field="section", start=0, end=len(article.section), excerpt=article.section, suggestion=suggested,
        confidence=confidence,
        explanation=(f"Filed under “{article.section}”, but the section model, trained without this article's "
                     f"section, gives that {given_confidence:.0%} and “{suggested}” {confidence:.0%}: it may be mis-filed."),
    )
