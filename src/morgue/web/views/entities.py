"""People, organisations and places: an index of each with counts, and one entity's page.

An entity's page says who or what it is (the titles the archive's articles
gave a person, with the years they were seen; a place's country and
coordinates), its articles by year, what it was quoted saying, the
entities most often named beside it, and its articles, newest first.
A merged entity's address leads to the one it became.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.core.paginator import Paginator
from django.db.models import Count, Max, Min
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from morgue.archive.models import ArticleQuote, Entity, EntityMention
from morgue.web import reading
from morgue.web.templatetags.site_urls import entity_path

INDEX_KINDS = {"people": "person", "organisations": "organisation", "places": "place"}
KIND_INDEX = {kind: index for index, kind in INDEX_KINDS.items()}
LABELS = {"person": "People", "organisation": "Organisations", "place": "Places"}
INDEX_PAGE = 100
MAX_QUERY = 100


def entities(request, index: str):
    """Every person, organisation or place named in public articles, the most named first (``?q=`` filters by name)."""
    kind = INDEX_KINDS.get(index)
    if kind is None:
        raise Http404("no such index")
    rows = Entity.objects.filter(kind=kind, merged_into__isnull=True, articles__gt=0)
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    if query:
        rows = rows.filter(name__icontains=query)
    page = Paginator(rows.order_by("-articles", "name").only("name", "slug", "kind", "articles", "quotes", "country"),
                     INDEX_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/entities.html", {"kind": kind, "index": index, "label": LABELS[kind], "page": page,
                                                 "query": query, "indexes": [(i, LABELS[k]) for i, k in INDEX_KINDS.items()]})


def entity(request, kind: str, slug: str):
    """One entity's page."""
    if kind not in KIND_INDEX:
        raise Http404("no such kind")
    item = get_object_or_404(Entity, kind=kind, slug=slug)
    if item.merged_into_id:
        seen = set()
        target = item
        while target.merged_into_id and target.pk not in seen:
            seen.add(target.pk)
            target = target.merged_into
        return redirect(entity_path(target.kind, target.slug), permanent=True)
    public = reading.public()
    article_ids = EntityMention.objects.filter(entity=item, article__in=public).values("article_id")
    by_year = list(public.filter(pk__in=article_ids, published__isnull=False).annotate(y=ExtractYear("published"))
                   .values("y").annotate(n=Count("pk")).order_by("y").values_list("y", "n"))
    peak = max((n for _, n in by_year), default=0)
    titles = list(EntityMention.objects.filter(entity=item, article__in=public).exclude(title="")
                  .values("title").annotate(n=Count("pk"), first=Min("article__published"), last=Max("article__published"))
                  .order_by("-n", "title")[:12])
    quotes = list(ArticleQuote.objects.filter(speaker=item, article__in=public, direct=True)
                  .select_related("article").only("text", "cue", "article__id", "article__headline", "article__published")
                  .order_by("-article__published", "article_id", "paragraph")[:30])
    beside = Counter()
    rows = (EntityMention.objects.filter(article_id__in=article_ids).exclude(entity=item)
            .values("entity_id").annotate(n=Count("article_id", distinct=True)).order_by("-n")[:12])
    beside.update({r["entity_id"]: r["n"] for r in rows})
    companions = {e.pk: e for e in Entity.objects.filter(pk__in=list(beside)).only("name", "slug", "kind")}
    page = Paginator(reading.newest_first(public.filter(pk__in=article_ids)), reading.PAGE_SIZE).get_page(request.GET.get("page"))
    grouped: dict[str, list] = defaultdict(list)
    for pk, n in beside.most_common():
        if pk in companions:
            grouped[companions[pk].kind].append((companions[pk], n))
    return render(request, "web/entity.html", {
        "entity": item, "index": KIND_INDEX[kind], "label": LABELS[kind], "titles": titles, "quotes": quotes,
        "by_year": [(y, n, round(100 * n / peak) if peak else 0) for y, n in by_year],
        "beside": [(LABELS[k], grouped[k]) for k in ("person", "organisation", "place") if grouped.get(k)],
        "page": page, "aliases": [a for a in item.aliases if a != item.name],
    })
