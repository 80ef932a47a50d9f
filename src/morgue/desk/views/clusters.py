"""Same-story clusters on the desk: listed largest first, one shown with its members, split or given another canonical."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from morgue.archive.models import ClusterMember, ClusterSplit, StoryCluster
from morgue.archive.story_clusters import ClusterError, choose_canonical, split_article
from morgue.desk.permissions import editor_required

PAGE_SIZE = 50


@editor_required
def cluster_list(request):
    """Every cluster, the largest first, with its canonical member's headline."""
    clusters = StoryCluster.objects.select_related("canonical").order_by("-size", "pk")
    page = Paginator(clusters, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "desk/clusters.html", {"page": page, "splits": ClusterSplit.objects.count()})


@editor_required
def cluster(request, pk: int):
    """One cluster: each member with its relation to the canonical, to split off or make canonical."""
    item = get_object_or_404(StoryCluster.objects.select_related("canonical", "chosen_by"), pk=pk)
    members = sorted(ClusterMember.objects.filter(cluster=item).select_related("article"), key=lambda m: (m.relation != "canonical", m.article.published is None,
                                             m.article.published or m.article.created_at.date(), m.article_id))
    return render(request, "desk/cluster.html", {"cluster": item, "members": members})


@editor_required
@require_POST
def split(request, pk: int):
    """Take one article out of the cluster, with a reason; it is never clustered with these articles again."""
    item = get_object_or_404(StoryCluster, pk=pk)
    try:
        split_article(item, int(request.POST.get("article", "0") or 0), request.user, request.POST.get("reason", ""))
    except (ClusterError, ValueError) as exc:
        messages.error(request, str(exc) or "Choose an article of this cluster.")
        return redirect("desk:cluster", pk=pk)
    messages.success(request, "Split off: the article is its own story again.")
    if StoryCluster.objects.filter(pk=pk).exists():
        return redirect("desk:cluster", pk=pk)
    return redirect("desk:clusters")


@editor_required
@require_POST
def canonical(request, pk: int):
    """Make another member the version readers and search are sent to."""
    item = get_object_or_404(StoryCluster, pk=pk)
    try:
        choose_canonical(item, int(request.POST.get("article", "0") or 0), request.user)
    except (ClusterError, ValueError) as exc:
        messages.error(request, str(exc) or "Choose an article of this cluster.")
        return redirect("desk:cluster", pk=pk)
    messages.success(request, "Chosen: search and \u201cAlso published as\u201d now lead to this version.")
    return redirect("desk:cluster", pk=pk)
