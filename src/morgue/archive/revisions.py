"""Writing revisions: revision 0 from extraction, then appended changes, never edits."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from morgue.archive.models import REVISED_FIELDS, Article, Revision, SearchOutbox
from morgue.errors import MorgueError


def article_fields(record) -> dict:
    """Return the revised fields of an extracted article record (morgue.extract.Article)."""
    return {
        "headline": record.headline,
        "byline": record.byline,
        "dateline": record.dateline,
        "published": record.published,
        "modified": record.modified,
        "section": record.section,
        "body": list(record.body),
        "notices": list(record.notices),
        "language": record.language or "",
        "url": record.url or "",
        "withdrawn": False,
    }


def first_revision(article: Article, fields: dict) -> Revision:
    """Return (unsaved) revision 0 of a new article: exactly what extraction produced."""
    revision = Revision(article=article, number=0, kind=Revision.EXTRACTION, created_at=timezone.now(), previous_hash="", **fields)
    revision.content_hash = revision.compute_hash()
    return revision


def append_revision(article: Article, kind: str, changes: dict, *, reason: str, public_note: str = "", author=None) -> Revision:
    """Append a revision that applies ``changes`` to the article's current text; return it.

    The article row is locked while the revision is numbered and chained, so
    two editors saving at once get revisions n+1 and n+2, never two n+1.
    """
    unknown = set(changes) - set(REVISED_FIELDS)
    if unknown:
        raise MorgueError(f"cannot revise unknown fields: {', '.join(sorted(unknown))}")
    if not reason.strip():
        raise MorgueError("a revision needs a reason")
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        last = locked.revisions.order_by("-number").first()
        fields = {name: getattr(last, name) for name in REVISED_FIELDS}
        fields.update(changes)
        if "body" in changes:
            fields["body"] = list(changes["body"])
        revision = Revision(
            article=locked,
            number=last.number + 1,
            kind=kind,
            reason=reason,
            public_note=public_note,
            author=author,
            created_at=timezone.now(),
            previous_hash=last.content_hash,
            **fields,
        )
        revision.content_hash = revision.compute_hash()
        revision.save()
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.revision_count = revision.number + 1
        locked.save(update_fields=[*REVISED_FIELDS, "revision_count"])
        # In the same transaction: the search index applies it from the outbox.
        SearchOutbox.objects.create(article_id=locked.pk, action=SearchOutbox.DELETE if locked.withdrawn else SearchOutbox.UPSERT)
    for name in (*REVISED_FIELDS, "revision_count"):
        setattr(article, name, getattr(locked, name))
    return revision
