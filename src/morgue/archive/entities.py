"""The archive's side of enrichment: one entity per real person, organisation or place, and who said what.

`morgue enrich` (and ingest, and the demo) reads the articles not yet
enriched at their current revision, runs the pure enrich stage on each
(``morgue.enrich.article.enrich_body``), and replaces the article's mention
and quotation rows. Which entity a name is:

- its folded name (case, spaces, a leading "the", a possessive) is the key
  of one entity of its kind; an editor's merge leaves the merged entity
  pointing to the one it became, so its key keeps leading there;
- a person named by one word only ("Lavrov") in an article that never gives
  the full form is the person of that surname the archive already knows, when
  it knows exactly one; two people who share a surname are never merged, and
  the lone surname then stays an entity of its own; a lone word the model
  took for a person that is already a place or an organisation is that;
- a place the packaged gazetteer knows unambiguously gets its country and,
  for a city, its coordinates.

Editors' changes (rename, merge, split, a quotation's speaker) are
``EntityChange`` rows, kept for ever and honoured when an article is read
again.
"""

from __future__ import annotations

import logging
import re
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.text import slugify

from morgue.archive.models import Article, ArticleQuote, Entity, EntityChange, EntityMention, SearchOutbox
from morgue.enrich.article import dateline_places, enrich_body
from morgue.enrich.entities import PERSON, PLACE
from morgue.places import locate

log = logging.getLogger(__name__)

BATCH = 200
MAX_NAME = 200


@dataclass
class EnrichSummary:
    articles: int = 0
    mentions: int = 0
    quotes: int = 0
    new_entities: int = 0
    seconds: float = 0.0


def fold(name: str) -> str:
    """The key of a name: lower case, one space, no leading "the", no possessive."""
    name = re.sub(r"\s+", " ", name).strip()
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    name = re.sub(r"(?:'s|’s|'|’)$", "", name)
    return name.lower()[:MAX_NAME]


def _unique_slug(kind: str, name: str) -> str:
    base = (slugify(name) or kind)[:200]
    slug, n = base, 1
    while Entity.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _follow(entity: Entity) -> Entity:
    seen = set()
    while entity.merged_into_id and entity.pk not in seen:
        seen.add(entity.pk)
        entity = entity.merged_into
    return entity


class _Resolver:
    """Names to entities for one batch, creating the entities the archive does not have yet."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, str], Entity] = {}
        self.created = 0

    def entity(self, kind: str, name: str, printed: str) -> Entity:
        key = fold(name)
        cached = self.cache.get((kind, key))
        if cached is not None:
            return cached
        found = Entity.objects.filter(kind=kind, key=key).select_related("merged_into").first()
        if found is None and kind == PERSON and " " not in key:
            # One word the model took for a person: the person of that surname, else the place or body of that name.
            found = self._surname(key) or Entity.objects.filter(key=key).exclude(kind=PERSON).order_by("-mentions").first()
        if found is None:
            country, latitude, longitude = (locate(name) or ("", None, None)) if kind == PLACE else ("", None, None)
            found = Entity.objects.create(kind=kind, name=name[:MAX_NAME], key=key, slug=_unique_slug(kind, name),
                                          aliases=[printed[:MAX_NAME]], country=country, latitude=latitude,
                                          longitude=longitude)
            self.created += 1
        found = _follow(found)
        if printed not in found.aliases and len(found.aliases) < 50:
            found.aliases = [*found.aliases, printed[:MAX_NAME]]
            Entity.objects.filter(pk=found.pk).update(aliases=found.aliases)
        self.cache[(kind, key)] = found
        return found

    @staticmethod
    def _surname(key: str) -> Entity | None:
        people = list(Entity.objects.filter(kind=PERSON, key__endswith=f" {key}", merged_into__isnull=True)[:2])
        return people[0] if len(people) == 1 else None


def _speaker_corrections(article_ids: Iterable[int]) -> dict[int, dict[tuple[int, str], int]]:
    """The editors' speakers of quotations, per article: (paragraph, the quotation's text) → entity id."""
    out: dict[int, dict[tuple[int, str], int]] = defaultdict(dict)
    rows = EntityChange.objects.filter(action=EntityChange.SPEAKER, article_id__in=list(article_ids)).order_by("pk")
    for change in rows:
        out[change.article_id][(change.detail.get("paragraph", -1), change.detail.get("text", ""))] = change.entity_id
    return out


def enrich_archive(*, everything: bool = False, limit: int | None = None) -> EnrichSummary:
    """Enrich every article not yet read at its current revision (all of them with ``everything``)."""
    summary = EnrichSummary()
    started = time.monotonic()
    todo = Article.objects.filter(withdrawn=False)
    if not everything:
        todo = todo.filter(Q(enriched_revision__isnull=True) | ~Q(enriched_revision=F("revision_count") - 1))
    ids = list(todo.order_by("pk").values_list("pk", flat=True)[:limit] if limit else todo.order_by("pk").values_list("pk", flat=True))
    withdrawn = list(Article.objects.filter(withdrawn=True).filter(Q(mentions__isnull=False) | Q(quotations__isnull=False))
                     .values_list("pk", flat=True).distinct())
    if withdrawn:
        _forget(withdrawn)
    known = dateline_places(Article.objects.exclude(dateline="").values_list("dateline", flat=True).distinct()) if ids else frozenset()
    for start in range(0, len(ids), BATCH):
        _enrich_batch(ids[start:start + BATCH], summary, known)
    if ids:
        _settle_kinds()
    summary.seconds = time.monotonic() - started
    return summary


def _settle_kinds() -> None:
    """A name the model took for a person in some articles and for a place or body in more is that place or body.

    ("Harbour Point" tagged a person where a sentence made it look like one.) The person entity is
    folded into the other, unless an editor named it.
    """
    keys = (Entity.objects.filter(merged_into__isnull=True).values("key").annotate(kinds=Count("kind", distinct=True))
            .filter(kinds__gt=1).values_list("key", flat=True))
    for key in list(keys):
        rows = list(Entity.objects.filter(key=key, merged_into__isnull=True).order_by("-mentions", "pk"))
        people = [e for e in rows if e.kind == PERSON and not e.named_by_editor]
        others = [e for e in rows if e.kind != PERSON]
        if not people or not others or others[0].mentions < people[0].mentions:
            continue
        target = others[0]
        with transaction.atomic():
            for person in people:
                EntityMention.objects.filter(entity=person).update(entity=target)
                ArticleQuote.objects.filter(speaker=person).update(speaker=None, speaker_text=person.name)
                Entity.objects.filter(pk=person.pk).update(merged_into=target, articles=0, mentions=0, quotes=0)
            _recount([target.pk])


def _forget(article_ids: list[int]) -> None:
    """A withdrawn article's names and quotations leave the entity pages (the rows are derived)."""
    touched = set(EntityMention.objects.filter(article_id__in=article_ids).values_list("entity_id", flat=True))
    with transaction.atomic():
        EntityMention.objects.filter(article_id__in=article_ids).delete()
        ArticleQuote.objects.filter(article_id__in=article_ids).delete()
        _recount(touched)


def _enrich_batch(ids: list[int], summary: EnrichSummary, known_places: frozenset[str] = frozenset()) -> None:
    rows = list(Article.objects.filter(pk__in=ids).order_by("pk").values_list("pk", "body", "revision_count"))
    found = {}
    for pk, body, _ in rows:
        try:
            found[pk] = enrich_body(body or [], known_places)
        except Exception:  # noqa: BLE001 - one article the model chokes on never stops the run
            log.exception("enrichment failed on article %s", pk)
    corrections = _speaker_corrections(found)
    resolver = _Resolver()
    touched: set[int] = set(EntityMention.objects.filter(article_id__in=ids).values_list("entity_id", flat=True))
    touched |= set(ArticleQuote.objects.filter(article_id__in=ids, speaker__isnull=False).values_list("speaker_id", flat=True))
    with transaction.atomic():
        EntityMention.objects.filter(article_id__in=ids).delete()
        ArticleQuote.objects.filter(article_id__in=ids).delete()
        mentions, quotes = [], []
        for pk, body, _ in rows:
            enrichment = found.get(pk)
            if enrichment is None:
                continue
            for m in enrichment.mentions:
                entity = resolver.entity(m.kind, m.name or m.text, m.text)
                touched.add(entity.pk)
                mentions.append(EntityMention(article_id=pk, entity=entity, paragraph=m.paragraph, start=m.start, end=m.end,
                                              text=m.text[:MAX_NAME], title=m.title[:MAX_NAME]))
            for q in enrichment.quotes:
                speaker = None
                by_editor = corrections.get(pk, {}).get((q.paragraph, q.text))
                if by_editor is not None:
                    speaker = _follow(Entity.objects.get(pk=by_editor))
                elif q.speaker and q.speaker_kind:
                    speaker = resolver.entity(q.speaker_kind, q.speaker, q.speaker)
                if speaker is not None:
                    touched.add(speaker.pk)
                quotes.append(ArticleQuote(article_id=pk, paragraph=q.paragraph, start=q.start, end=q.end,
                                           end_paragraph=q.end_paragraph if q.end_paragraph is not None else q.paragraph,
                                           text=q.text, speaker=speaker,
                                           speaker_text="" if speaker else q.speaker[:MAX_NAME], cue=q.cue[:40],
                                           direct=q.direct, speaker_by_editor=by_editor is not None))
        EntityMention.objects.bulk_create(mentions, batch_size=1000)
        ArticleQuote.objects.bulk_create(quotes, batch_size=1000)
        now = timezone.now()
        for pk, _, revision_count in rows:
            Article.objects.filter(pk=pk).update(enriched_revision=revision_count - 1, enriched_at=now)
        # The index searches names and quotations: every article read again is upserted.
        SearchOutbox.objects.bulk_create(SearchOutbox(article_id=pk) for pk in found)
        _recount(touched)
    summary.articles += len(found)
    summary.mentions += len(mentions)
    summary.quotes += len(quotes)
    summary.new_entities += resolver.created


def _recount(entity_ids: Iterable[int]) -> None:
    ids = list(entity_ids)
    if not ids:
        return
    public = Q(article__withdrawn=False)
    mentions = dict(EntityMention.objects.filter(public, entity_id__in=ids).values("entity_id")
                    .annotate(n=Count("pk")).values_list("entity_id", "n"))
    articles = dict(EntityMention.objects.filter(public, entity_id__in=ids).values("entity_id")
                    .annotate(n=Count("article_id", distinct=True)).values_list("entity_id", "n"))
    quotes = dict(ArticleQuote.objects.filter(public, speaker_id__in=ids, direct=True).values("speaker_id")
                  .annotate(n=Count("pk")).values_list("speaker_id", "n"))
    for pk in ids:
        Entity.objects.filter(pk=pk).update(mentions=mentions.get(pk, 0), articles=articles.get(pk, 0),
                                            quotes=quotes.get(pk, 0))


def entity_names_of(article_id: int) -> dict[str, list[str]]:
    """The entities an article names, by kind (for the search index): {"person": [...], ...}."""
    out: dict[str, list[str]] = defaultdict(list)
    rows = (EntityMention.objects.filter(article_id=article_id).values_list("entity__kind", "entity__name").distinct())
    for kind, name in rows:
        if name not in out[kind]:
            out[kind].append(name)
    return dict(out)


KIND_PATHS = {"person": "person", "organisation": "organisation", "place": "place"}


@dataclass
class ArticleNames:
    """An article's names and quotations as its page shows them."""

    links: dict[int, list[tuple[int, int, str, str]]]  # paragraph → (start, end, kind, slug), the first mention of each
    entities: list[dict]  # kind, name, slug, title: who and what the article names, most mentioned first
    quotes: list[dict]  # text, speaker name, slug, kind, cue, direct


def article_names(article_id: int, revision_count: int, enriched_revision: int | None) -> ArticleNames:
    """Return the names and quotations of an article, when they were found in its current text (else none)."""
    if enriched_revision is None or enriched_revision != revision_count - 1:
        return ArticleNames({}, [], [])
    rows = (EntityMention.objects.filter(article_id=article_id).order_by("paragraph", "start")
            .values_list("paragraph", "start", "end", "title", "entity_id", "entity__kind", "entity__name",
                         "entity__slug", "entity__merged_into_id"))
    links: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
    seen: dict[int, dict] = {}
    for paragraph, start, end, title, entity_id, kind, name, slug, merged in rows:
        entry = seen.get(entity_id)
        if entry is None:
            entry = seen[entity_id] = {"kind": kind, "name": name, "slug": slug, "title": "", "mentions": 0}
            if not merged:
                links[paragraph].append((start, end, kind, slug))
        entry["mentions"] += 1
        entry["title"] = entry["title"] or title
    quotes = []
    for q in (ArticleQuote.objects.filter(article_id=article_id, direct=True).select_related("speaker")
              .order_by("paragraph", "start")):
        speaker = q.speaker
        quotes.append({"text": q.text.strip("“”\"‘’ "), "speaker": speaker.name if speaker else q.speaker_text,
                       "slug": speaker.slug if speaker else "", "kind": speaker.kind if speaker else "",
                       "cue": q.cue})
    entities = sorted(seen.values(), key=lambda e: (-e["mentions"], e["name"]))
    return ArticleNames(dict(links), entities, quotes)


def names_among(article_ids: list[int], kinds: tuple[str, ...], limit: int = 8) -> dict[str, list[tuple[str, int]]]:
    """The entities of each kind named by the most of these articles, with how many name each (search facets).

    One query for every kind; a name only one of several articles gives is left out.
    """
    if not article_ids:
        return {}
    rows = (EntityMention.objects.filter(article_id__in=article_ids, entity__kind__in=kinds, entity__merged_into__isnull=True)
            .values("entity__kind", "entity__name").annotate(n=Count("article_id", distinct=True))
            .order_by("-n", "entity__name")[:limit * len(kinds) * 4])
    out: dict[str, list[tuple[str, int]]] = {}
    for r in rows:
        if r["n"] > 1 or len(article_ids) <= 3:
            found = out.setdefault(r["entity__kind"], [])
            if len(found) < limit:
                found.append((r["entity__name"], r["n"]))
    return out
