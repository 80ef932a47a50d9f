"""What an editor does to an article, each as a new revision: correct, revert, withdraw, restore, accept or dismiss a defect.

Every function here goes through ``append_revision``: nothing is edited in
place and nothing is deleted (DESIGN.md, rule 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from morgue.archive.models import REVISED_FIELDS, Article, Defect, Revision
from morgue.archive.revisions import append_revision
from morgue.audit import apply_safe_fixes
from morgue.audit.defect import SAFE_KINDS
from morgue.audit.defect import Defect as DefectRecord
from morgue.errors import MorgueError

# The fields an editor may correct on the desk's form.
EDITABLE_FIELDS = ("headline", "byline", "dateline", "published", "section", "body")
DATE_FIELDS = ("published", "modified")


class DeskError(MorgueError):
    """An editor's change cannot be made as asked; the message says why, in the desk's words."""


@dataclass(frozen=True)
class Change:
    """Who makes a change and why: the reason for the editors, the note for readers."""

    reason: str
    public_note: str = ""
    author: object = None

    def __post_init__(self):
        if not self.reason.strip():
            raise DeskError("Give a reason: it is kept with the revision for the editors who come after you.")


def correct_article(article: Article, fields: dict, change: Change) -> Revision | None:
    """Append a correction with the changed fields (a recategorisation if only the section changed); None if nothing changed."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DeskError(f"These fields cannot be corrected here: {', '.join(sorted(unknown))}")
    changes = {name: value for name, value in fields.items() if value != getattr(article, name)}
    if "body" in changes:
        changes["body"] = [p for p in changes["body"] if p.strip()]
        if changes["body"] == list(article.body):
            del changes["body"]
    if not changes:
        return None
    kind = Revision.RECATEGORISATION if set(changes) == {"section"} else Revision.CORRECTION
    if kind == Revision.CORRECTION:
        _require_note(change)
    return append_revision(article, kind, changes, reason=change.reason, public_note=change.public_note, author=change.author)


def revert_article(article: Article, number: int, change: Change) -> Revision:
    """Append a correction that brings back the text of revision ``number`` (withdrawal status is left as it is)."""
    target = article.revisions.filter(number=number).first()
    if target is None:
        raise DeskError(f"This article has no revision {number}.")
    current = article.revisions.order_by("-number").first()
    if target.number == current.number:
        raise DeskError("That is already the current revision.")
    changes = {name: getattr(target, name) for name in REVISED_FIELDS if name != "withdrawn" and getattr(target, name) != getattr(current, name)}
    if not changes:
        raise DeskError(f"Revision {number} has the same text as the current one; nothing to revert.")
    _require_note(change)
    return append_revision(article, Revision.CORRECTION, changes, reason=f"revert to revision {number}: {change.reason}",
                           public_note=change.public_note, author=change.author)


def _require_note(change: Change) -> None:
    """A correction is news for readers: it is published with a note that says what was wrong."""
    if not change.public_note.strip():
        raise DeskError("Write the public note: a correction is published with a note that tells readers what was wrong.")


def withdraw_article(article: Article, change: Change) -> Revision:
    """Append a withdrawal: the article leaves the public site and search, and stays in the archive."""
    if article.withdrawn:
        raise DeskError("This article is already withdrawn.")
    return append_revision(article, Revision.WITHDRAWAL, {"withdrawn": True}, reason=change.reason,
                           public_note=change.public_note, author=change.author)


def restore_article(article: Article, change: Change) -> Revision:
    """Append a restoration: a withdrawn article is public again."""
    if not article.withdrawn:
        raise DeskError("This article is not withdrawn.")
    return append_revision(article, Revision.RESTORATION, {"withdrawn": False}, reason=change.reason,
                           public_note=change.public_note, author=change.author)


def span_text(article: Article, defect: Defect) -> str | None:
    """Return the current text of the field or paragraph a defect points into, or None if it is gone."""
    if defect.field == "body":
        if defect.paragraph is None or not 0 <= defect.paragraph < len(article.body):
            return None
        return article.body[defect.paragraph]
    if defect.field not in REVISED_FIELDS:
        return None
    value = getattr(article, defect.field)
    if isinstance(value, date):
        return value.isoformat()
    return value if isinstance(value, str) else None


def span_is_current(article: Article, defect: Defect) -> bool:
    """Return whether the defect's span still holds the text the audit found there."""
    if defect.field == "section":
        return article.section == defect.excerpt  # a section is judged whole
    text = span_text(article, defect)
    if text is None or defect.start is None or defect.end is None or not 0 <= defect.start <= defect.end <= len(text):
        return False
    return text[defect.start:defect.end][:500] == defect.excerpt


def accept_fix(defect: Defect, author, public_note: str = "") -> Revision:
    """Apply the defect's suggestion to its span as a new revision; mark the defect fixed by it.

    The revision is a transfer repair (kind fix) for the mechanical kinds, a correction for the rest.
    """
    if defect.status != Defect.OPEN:
        raise DeskError(f"This defect is already {defect.status}.")
    if defect.suggestion is None:
        raise DeskError("The audit has no safe suggestion for this defect: correct the article instead.")
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=defect.article_id)
        if not span_is_current(article, defect):
            raise DeskError("The article has changed since the audit found this defect: correct the article instead.")
        changes = _fixed_fields(article, defect)
        # A mechanical repair keeps the wording: a transfer repair. A section moved: a recategorisation.
        # Any other suggestion changes the wording: a correction.
        repair = defect.kind in SAFE_KINDS
        reason = f"accepted the audit's fix for {defect.kind}: {defect.explanation}"
        if defect.field == "section":
            kind, note = Revision.RECATEGORISATION, public_note or _recategorised_note(article.section, defect.suggestion)
            reason = f"accepted the section model's suggestion ({defect.kind}): {defect.explanation}"
        else:
            kind = Revision.FIX if repair else Revision.CORRECTION
            note = public_note or (
                "Characters or markup damaged when this article was moved to the new archive were repaired; the wording is unchanged."
                if repair else f"An error in the {defect.field or 'text'} was corrected.")
        revision = append_revision(article, kind, changes, reason=reason,
                                   public_note=note, author=author)
        Defect.objects.filter(pk=defect.pk).update(status=Defect.FIXED, resolved_by=revision,
                                                   resolution_note=f"suggestion accepted by {getattr(author, 'username', 'an editor')}")
    defect.refresh_from_db()
    return revision


def _recategorised_note(before: str, after: str) -> str:
    if before:
        return f"This article was filed under “{before}” when the archive was moved; it belongs in “{after}”."
    return f"This article lost its section when the archive was moved; it is now filed under “{after}”."


def accept_many(defects, author) -> tuple[int, list[str]]:
    """Accept each defect's suggestion as its own revision; return how many were accepted and why the others were not."""
    accepted, problems = 0, []
    for defect in defects:
        try:
            accept_fix(defect, author)
            accepted += 1
        except DeskError as exc:
            problems.append(f"article {defect.article_id}: {exc}")
    return accepted, problems


def _fixed_fields(article: Article, defect: Defect) -> dict:
    record = DefectRecord(kind=defect.kind, severity=defect.severity, field=defect.field, paragraph=defect.paragraph,
                          start=defect.start, end=defect.end, explanation=defect.explanation, suggestion=defect.suggestion)
    if record.is_safe_fix:
        # The audit's own mechanics: whitespace tidied, a duplicated paragraph dropped whole.
        fields = {"headline": article.headline, "byline": article.byline, "dateline": article.dateline, "body": list(article.body)}
        new_fields, fixed = apply_safe_fixes(fields, [record])
        if fixed:
            return {name: value for name, value in new_fields.items() if value != fields[name]}
    if defect.field == "section":
        return {"section": defect.suggestion}
    text = span_text(article, defect)
    new_text = text[:defect.start] + defect.suggestion + text[defect.end:]
    if defect.field == "body":
        body = list(article.body)
        body[defect.paragraph] = new_text
        return {"body": [p for p in body if p.strip()]}
    if defect.field in DATE_FIELDS:
        try:
            return {defect.field: date.fromisoformat(new_text) if new_text else None}
        except ValueError as exc:
            raise DeskError(f"The suggestion does not make a date ({new_text!r}): correct the article instead.") from exc
    return {defect.field: new_text}


def dismiss_defect(defect: Defect, author, reason: str) -> None:
    """Mark a defect dismissed (not a defect, or not worth fixing), with the editor's reason."""
    if not reason.strip():
        raise DeskError("Give a reason for dismissing the defect.")
    if defect.status != Defect.OPEN:
        raise DeskError(f"This defect is already {defect.status}.")
    who = getattr(author, "username", "an editor")
    Defect.objects.filter(pk=defect.pk, status=Defect.OPEN).update(status=Defect.DISMISSED, resolution_note=f"{who}: {reason.strip()}")
    defect.refresh_from_db()
