"""An editor's corrections to the archive's entities: rename, merge, split, and a quotation's speaker.

Each is an ``EntityChange`` row (who, when, why; never edited or deleted)
and takes effect at once: the rows that name the entity are moved, its
counts recounted, the pages that show it re-rendered (their enrichment
stamp moves) and the search index told. Enrichment honours them when it
reads an article again: a merged entity's key leads to the one it became,
a split alias is an entity of its own, a renamed entity keeps the editor's
name, and an editor's speaker is kept for that quotation.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from morgue.archive.entities import _recount, fold
from morgue.archive.models import Article, ArticleQuote, Entity, EntityChange, EntityMention, SearchOutbox

MAX_NAME = 200


class EntityChangeError(ValueError):
    """A change that cannot be made; the message says why, for the editor."""


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise EntityChangeError("Give a reason: it is kept with the change for ever.")
    return reason


def _touch(article_ids) -> None:
    """The articles' pages and index entries show the entity: re-render and re-index them."""
    ids = sorted(set(article_ids))
    if not ids:
        return
    Article.objects.filter(pk__in=ids).update(enriched_at=timezone.now())
    SearchOutbox.objects.bulk_create(SearchOutbox(article_id=pk) for pk in ids)


def _articles_of(entity: Entity) -> set[int]:
    ids = set(EntityMention.objects.filter(entity=entity).values_list("article_id", flat=True))
    return ids | set(ArticleQuote.objects.filter(speaker=entity).values_list("article_id", flat=True))


def rename_entity(entity: Entity, name: str, user, reason: str) -> EntityChange:
    """Give an entity the name an editor chose; enrichment never renames it back."""
    name = " ".join((name or "").split())[:MAX_NAME]
    if not name:
        raise EntityChangeError("Give the new name.")
    reason = _reason(reason)
    with transaction.atomic():
        change = EntityChange.objects.create(action=EntityChange.RENAME, entity=entity, reason=reason, author=user,
                                             detail={"old": entity.name, "new": name})
        aliases = entity.aliases if entity.name in entity.aliases else [*entity.aliases, entity.name]
        Entity.objects.filter(pk=entity.pk).update(name=name, named_by_editor=True, aliases=aliases)
        _touch(_articles_of(entity))
    entity.refresh_from_db()
    return change


def merge_entities(entity: Entity, into: Entity, user, reason: str) -> EntityChange:
    """Make ``entity`` one with ``into`` (the same person, organisation or place printed two ways)."""
    if entity.pk == into.pk:
        raise EntityChangeError("An entity cannot be merged into itself.")
    if entity.kind != into.kind:
        raise EntityChangeError(f"A {entity.kind} cannot be merged into a {into.kind}.")
    if into.merged_into_id:
        raise EntityChangeError(f"{into.name} was itself merged into another entity: merge into that one.")
    reason = _reason(reason)
    with transaction.atomic():
        articles = _articles_of(entity)
        change = EntityChange.objects.create(action=EntityChange.MERGE, entity=entity, other=into, reason=reason,
                                             author=user, detail={"name": entity.name})
        EntityMention.objects.filter(entity=entity).update(entity=into)
        ArticleQuote.objects.filter(speaker=entity).update(speaker=into)
        aliases = list(dict.fromkeys([*into.aliases, *entity.aliases, entity.name]))[:100]
        Entity.objects.filter(pk=into.pk).update(aliases=aliases)
        Entity.objects.filter(pk=entity.pk).update(merged_into=into, articles=0, mentions=0, quotes=0)
        _recount([into.pk])
        _touch(articles)
    entity.refresh_from_db()
    return change


def split_alias(entity: Entity, alias: str, user, reason: str) -> tuple[EntityChange, Entity]:
    """Take the mentions printed as ``alias`` out of ``entity`` into an entity of their own (two people, one surname)."""
    alias = " ".join((alias or "").split())
    mentions = EntityMention.objects.filter(entity=entity, text=alias)
    if not alias or alias == entity.name or not mentions.exists():
        raise EntityChangeError("Choose one of the other forms this entity is printed as.")
    reason = _reason(reason)
    key = fold(alias)
    with transaction.atomic():
        other = Entity.objects.filter(kind=entity.kind, key=key, merged_into__isnull=True).first()
        if other is None or other.pk == entity.pk:
            from morgue.archive.entities import _unique_slug

            other = Entity.objects.create(kind=entity.kind, name=alias[:MAX_NAME], key=key + ("" if other is None else "~split"),
                                          slug=_unique_slug(entity.kind, alias), aliases=[alias], named_by_editor=True)
        articles = set(mentions.values_list("article_id", flat=True))
        mentions.update(entity=other)
        Entity.objects.filter(pk=entity.pk).update(aliases=[a for a in entity.aliases if a != alias])
        change = EntityChange.objects.create(action=EntityChange.SPLIT, entity=entity, other=other, reason=reason,
                                             author=user, detail={"alias": alias})
        _recount([entity.pk, other.pk])
        _touch(articles)
    entity.refresh_from_db()
    return change, other


def set_speaker(quote: ArticleQuote, speaker: Entity, user, reason: str) -> EntityChange:
    """Name who said a quotation; kept when the article is enriched again (while the quotation's words stand)."""
    if speaker.merged_into_id:
        raise EntityChangeError(f"{speaker.name} was merged into another entity: choose that one.")
    if speaker.kind == "place":
        raise EntityChangeError("A place cannot be quoted: choose a person or an organisation.")
    reason = _reason(reason)
    with transaction.atomic():
        before = quote.speaker_id
        change = EntityChange.objects.create(action=EntityChange.SPEAKER, entity=speaker, article_id=quote.article_id,
                                             reason=reason, author=user,
                                             detail={"paragraph": quote.paragraph, "text": quote.text,
                                                     "was": quote.speaker.name if quote.speaker else quote.speaker_text})
        ArticleQuote.objects.filter(pk=quote.pk).update(speaker=speaker, speaker_text="", speaker_by_editor=True)
        _recount([pk for pk in (before, speaker.pk) if pk])
        _touch([quote.article_id])
    return change
