"""Entities on the desk: find one, rename it, merge it into another, split an alias off, name a quotation's speaker.

Every change is an EntityChange with the editor and a reason, listed on
the entity's desk page; none is ever undone by enrichment.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from morgue.archive.entity_changes import EntityChangeError, merge_entities, rename_entity, set_speaker, split_alias
from morgue.archive.models import ArticleQuote, Entity, EntityChange
from morgue.desk.permissions import editor_required

PAGE_SIZE = 50
MAX_QUERY = 100


@editor_required
def entity_list(request):
    """Every entity still standing, the most named first; ``?q=`` finds by name, ``?kind=`` keeps to one kind."""
    rows = Entity.objects.filter(merged_into__isnull=True)
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    kind = request.GET.get("kind", "")
    if query:
        rows = rows.filter(name__icontains=query)
    if kind in dict(Entity.KINDS):
        rows = rows.filter(kind=kind)
    page = Paginator(rows.order_by("-articles", "name"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "desk/entities.html", {"page": page, "query": query, "kind": kind, "kinds": Entity.KINDS,
                                                  "changes": EntityChange.objects.count()})


@editor_required
def entity(request, pk: int):
    """One entity: its forms, its quotations with their speakers, the changes made to it, and the forms to change it."""
    item = get_object_or_404(Entity, pk=pk)
    quotes = (ArticleQuote.objects.filter(speaker=item).select_related("article").order_by("-article_id", "paragraph")[:50])
    changes = (EntityChange.objects.filter(entity=item) | EntityChange.objects.filter(other=item)).select_related(
        "author", "other", "entity").order_by("-created_at")[:50]
    return render(request, "desk/entity.html", {"entity": item, "quotes": quotes, "changes": changes,
                                                "aliases": [a for a in item.aliases if a != item.name]})


def _entity_by(text: str, kind: str | None = None) -> Entity:
    """The entity an editor typed: its id, or its address's last part (``sergei-lavrov``)."""
    text = (text or "").strip().strip("/").rsplit("/", 1)[-1]
    rows = Entity.objects.all() if kind is None else Entity.objects.filter(kind=kind)
    found = rows.filter(pk=int(text)).first() if text.isdigit() else rows.filter(slug=text).first()
    if found is None:
        raise EntityChangeError("No such entity: give its number or the last part of its address.")
    return found


def _done(request, pk: int, action):
    try:
        message = action()
    except EntityChangeError as exc:
        messages.error(request, str(exc))
        return redirect("desk:entity", pk=pk)
    messages.success(request, message)
    return redirect("desk:entity", pk=pk)


@editor_required
@require_POST
def rename(request, pk: int):
    item = get_object_or_404(Entity, pk=pk)
    return _done(request, pk, lambda: (rename_entity(item, request.POST.get("name", ""), request.user,
                                                     request.POST.get("reason", "")), "Renamed.")[1])


@editor_required
@require_POST
def merge(request, pk: int):
    item = get_object_or_404(Entity, pk=pk)

    def act():
        into = _entity_by(request.POST.get("into", ""))
        merge_entities(item, into, request.user, request.POST.get("reason", ""))
        return f"Merged into {into.name}: its address now leads there."
    return _done(request, pk, act)


@editor_required
@require_POST
def split(request, pk: int):
    item = get_object_or_404(Entity, pk=pk)

    def act():
        _, other = split_alias(item, request.POST.get("alias", ""), request.user, request.POST.get("reason", ""))
        return f"Split off as {other.name}."
    return _done(request, pk, act)


@editor_required
@require_POST
def speaker(request, pk: int):
    """Name the speaker of one of this entity's quotations (``quote``: its id; ``speaker``: who said it)."""
    quote = get_object_or_404(ArticleQuote, pk=int(request.POST.get("quote", "0") or 0))

    def act():
        who = _entity_by(request.POST.get("speaker", ""))
        set_speaker(quote, who, request.user, request.POST.get("reason", ""))
        return f"The quotation is now {who.name}'s."
    return _done(request, pk, act)
