"""What a revision is to a reader: a transfer repair, or news (a correction, a re-filing, a withdrawal).

A publisher's promise has two halves: the archive was *not altered* on its
way, and *errors will be corrected*. A transfer repair (characters, markup or
a repeated paragraph the move damaged, put back mechanically: the wording is
unchanged) keeps the first; it is a quiet line on its article and a count on
the about page. A correction (the wording or a fact changed), a
recategorisation (a mis-filing put right) and a withdrawal keep the second;
they are listed on the front page and in the corrections feed.

A revision's stored ``kind`` is part of its hash chain, so it is never
rewritten. Revisions written before accepting an audit suggestion was told
apart by its kind were stored as ``fix`` whatever they changed; their
recorded reason ("accepted the audit's fix for misspelling: …") says which
they were, and ``reader_kind`` reads it, so they keep their meaning.
"""

from __future__ import annotations

from django.db.models import Q

from morgue.archive.models import Revision
from morgue.audit.defect import KINDS, SAFE_KINDS

REPAIR = "repair"
# What readers are told about as news, newest first (a restoration is shown on its article only).
NEWS_KINDS = (Revision.CORRECTION, Revision.RECATEGORISATION, Revision.WITHDRAWAL)
LABELS = {
    Revision.EXTRACTION: "as extracted",
    REPAIR: "transfer repair",
    Revision.CORRECTION: "correction",
    Revision.RECATEGORISATION: "recategorisation",
    Revision.WITHDRAWAL: "withdrawal",
    Revision.RESTORATION: "restoration",
}
ACCEPTED = "accepted the audit's fix for "
# The audit's suggestions that change wording: accepted, they are corrections, whatever kind they were stored as.
_WORDING_KINDS = tuple(k for k in KINDS if k not in SAFE_KINDS)


def reader_kind(kind: str, reason: str) -> str:
    """Return what the revision is to readers: ``repair``, or its kind (correction, recategorisation, …)."""
    if kind == Revision.FIX:
        return Revision.CORRECTION if _accepted_wording(reason) else REPAIR
    return kind


def label(kind: str, reason: str) -> str:
    """Return the words the site uses for a revision's kind."""
    return LABELS.get(reader_kind(kind, reason), kind)


def _accepted_wording(reason: str) -> bool:
    return reason.startswith(ACCEPTED) and reason[len(ACCEPTED):].split(":", 1)[0].strip() in _WORDING_KINDS


def _accepted_wording_q() -> Q:
    q = Q(pk__in=[])
    for kind in _WORDING_KINDS:
        q |= Q(reason__startswith=f"{ACCEPTED}{kind}:")
    return q


def news_q() -> Q:
    """The revisions readers are told about as news: corrections, recategorisations and withdrawals."""
    return Q(kind__in=NEWS_KINDS) | (Q(kind=Revision.FIX) & _accepted_wording_q())


def repair_q() -> Q:
    """The transfer repairs: mechanical, the wording unchanged."""
    return Q(kind=Revision.FIX) & ~_accepted_wording_q()
