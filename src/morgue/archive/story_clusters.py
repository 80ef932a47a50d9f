"""The archive's side of same-story clusters: sign new articles, join them to clusters, keep the index.

The pure clustering is enrich/duplicates.py. Here the index of signatures
lives in the home (``enrich/duplicates.npz``), so a run signs only the
articles it has not seen and re-draws only the clusters they touch. Each
cluster is stored with its canonical member and every member's relation;
an editor's choice of canonical member and an editor's split are kept and
respected by every later run. Search shows one result per cluster: a
non-canonical member leaves the index (a SearchOutbox entry is written for
every article whose place changed).
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Q

from morgue.archive.models import Article, ClusterMember, ClusterSplit, SearchOutbox, StoryCluster
from morgue.enrich.duplicates import DuplicateIndex, StoryVersion, components, describe_cluster
from morgue.enrich.text import article_text
from morgue.errors import MorgueError

log = logging.getLogger(__name__)

BATCH = 5000
CANONICAL = "canonical"


@dataclass
class ClusterSummary:
    """What one clustering run did."""

    signed: int = 0  # articles signed and added to the index this run
    pairs: int = 0  # same-story pairs they formed
    clusters_changed: int = 0
    clusters: int = 0  # clusters in the archive after the run
    clustered_articles: int = 0
    seconds: float = 0.0


def index_path(home: Path | None = None) -> Path:
    return Path(home or settings.HOME) / "enrich" / "duplicates.npz"


def searchable(queryset):
    """Narrow a queryset of articles to those search shows: public, and the canonical member of their cluster if any."""
    return queryset.filter(withdrawn=False).filter(Q(cluster_member__isnull=True) | Q(cluster_member__relation=CANONICAL))


def cluster_archive(home: Path | None = None, *, rebuild: bool = False) -> ClusterSummary:
    """Sign the articles the index has not seen, join them to clusters, and store the clusters they touch."""
    summary = ClusterSummary()
    started = time.monotonic()
    path = index_path(home)
    index = DuplicateIndex() if rebuild else _load(path)
    public = dict(Article.objects.filter(withdrawn=False).values_list("pk", "revision_count"))
    signed = dict(zip(index.keys.tolist(), index.revisions.tolist(), strict=True))
    # 1. Articles withdrawn or revised since they were signed leave the index (the revised are signed again).
    stale = {pk for pk, revision in signed.items() if public.get(pk, -1) - 1 != revision}
    index.remove(sorted(stale))
    todo = sorted(pk for pk in public if pk not in signed or pk in stale)
    # 2. Sign the new and revised articles, a batch at a time; the index finds their pairs among themselves and the old.
    pairs = []
    for start in range(0, len(todo), BATCH):
        rows = Article.objects.filter(pk__in=todo[start:start + BATCH]).order_by("pk").values_list("pk", "headline", "body", "revision_count")
        ids, texts, revisions = [], [], []
        for pk, headline, body, revision_count in rows:
            ids.append(pk)
            texts.append(article_text(headline, body))
            revisions.append(revision_count - 1)
        found = index.add(ids, texts, revisions)
        pairs.append(found)
        summary.signed += len(ids)
    pairs = np.concatenate(pairs) if pairs else np.zeros((0, 2), dtype=np.int64)
    summary.pairs = len(pairs)
    # 3. Re-draw the clusters the new pairs and the stale articles touch (all of them when rebuilding).
    with transaction.atomic():
        if rebuild:
            summary.clusters_changed = _redraw(pairs, set(public), everything=True)
        elif len(pairs) or stale:
            summary.clusters_changed = _redraw(pairs, set(public), changed=stale)
    if summary.signed or stale:
        index.save(path)
    summary.clusters = StoryCluster.objects.count()
    summary.clustered_articles = ClusterMember.objects.count()
    summary.seconds = time.monotonic() - started
    return summary


def _load(path: Path) -> DuplicateIndex:
    try:
        return DuplicateIndex.load(path)
    except (OSError, ValueError, KeyError) as exc:
        log.warning("the same-story index %s could not be read (%s); every article is signed again", path, exc)
        return DuplicateIndex()


def _redraw(pairs: np.ndarray, public: set[int], *, everything: bool = False, changed: set[int] = frozenset()) -> int:
    """Store the clusters of the given pairs joined with the existing clusters they touch; return how many changed.

    ``changed`` articles (withdrawn, or revised and signed again) keep only the pairs just found: their
    old place in a cluster is not a reason to stay.
    """
    touched = set(pairs.ravel().tolist()) | set(changed)
    members = ClusterMember.objects.all() if everything else ClusterMember.objects.filter(
        cluster__in=ClusterMember.objects.filter(article_id__in=touched).values("cluster_id"))
    old = defaultdict(list)
    for article_id, cluster_id in members.values_list("article_id", "cluster_id"):
        old[cluster_id].append(article_id)
    edges = [tuple(p) for p in pairs.tolist()]
    if not everything:
        # Existing clusters stay joined (each member linked to the first that is unchanged), but for the changed.
        for ids in old.values():
            steady = [a for a in ids if a not in changed and a in public]
            edges += [(steady[0], other) for other in steady[1:]]
    edges = [e for e in _without_splits(edges) if e[0] in public and e[1] in public]
    nodes = sorted({n for edge in edges for n in edge} | {a for ids in old.values() for a in ids if a in public})
    position = {n: i for i, n in enumerate(nodes)}
    labels = components(len(nodes), np.array([(position[a], position[b]) for a, b in edges], dtype=np.int64).reshape(-1, 2))
    groups = defaultdict(list)
    for node, label in zip(nodes, labels, strict=True):
        groups[label].append(node)
    previous = {a: c for c, ids in old.items() for a in ids}
    chosen = dict(StoryCluster.objects.filter(pk__in=old, chosen_by__isnull=False).values_list("pk", "canonical_id"))
    changed_articles = set(previous)
    ClusterMember.objects.filter(article_id__in=list(previous)).delete()
    kept_clusters = set()
    changed = 0
    for ids in groups.values():
        if len(ids) < 2:
            continue
        changed += 1
        versions = _versions(ids)
        # The cluster the most members were in carries on (and an editor's choice of canonical with it).
        counts = defaultdict(int)
        for a in ids:
            if a in previous:
                counts[previous[a]] += 1
        carried = max(counts, key=counts.get) if counts else None
        canonical_key = chosen.get(carried) if carried else None
        described = describe_cluster(versions, canonical_key if canonical_key in ids else None)
        if carried is not None:
            cluster = StoryCluster.objects.get(pk=carried)
            cluster.canonical_id, cluster.size = described[0].key, len(ids)
            if canonical_key not in ids:
                cluster.chosen_by = None
            cluster.save()
            kept_clusters.add(carried)
        else:
            cluster = StoryCluster.objects.create(canonical_id=described[0].key, size=len(ids))
        ClusterMember.objects.bulk_create(ClusterMember(article_id=m.key, cluster=cluster, relation=m.relation,
                                                        words_changed=m.words_changed) for m in described)
        changed_articles.update(ids)
    StoryCluster.objects.filter(pk__in=set(old) - kept_clusters).delete()
    # Search shows one result per cluster: every article whose place changed is upserted or dropped.
    SearchOutbox.objects.bulk_create(SearchOutbox(article_id=a) for a in sorted(changed_articles))
    return changed


def _without_splits(edges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    apart = set()
    for article_id, others in ClusterSplit.objects.values_list("article_id", "apart_from"):
        for other in others or []:
            apart.add((article_id, other))
            apart.add((other, article_id))
    return [e for e in edges if e not in apart]


def _versions(ids: list[int]) -> list[StoryVersion]:
    rows = Article.objects.filter(pk__in=ids).values_list("pk", "headline", "body", "published")
    return [StoryVersion(pk, headline, tuple(body), published) for pk, headline, body, published in rows]


class ClusterError(MorgueError):
    """An editor's change to a cluster cannot be made as asked."""


def choose_canonical(cluster: StoryCluster, article_id: int, author) -> None:
    """Make ``article_id`` the member readers are sent to; later runs keep the choice."""
    ids = list(cluster.members.values_list("article_id", flat=True))
    if article_id not in ids:
        raise ClusterError("That article is not in this cluster.")
    with transaction.atomic():
        described = describe_cluster(_versions(ids), article_id)
        cluster.members.all().delete()
        ClusterMember.objects.bulk_create(ClusterMember(article_id=m.key, cluster=cluster, relation=m.relation,
                                                        words_changed=m.words_changed) for m in described)
        cluster.canonical_id, cluster.chosen_by = article_id, author
        cluster.save()
        SearchOutbox.objects.bulk_create(SearchOutbox(article_id=a) for a in ids)


def split_article(cluster: StoryCluster, article_id: int, author, reason: str) -> None:
    """Take an article out of a cluster it does not belong in; it is never clustered with those articles again."""
    if not reason.strip():
        raise ClusterError("Give a reason for splitting the article off: it is kept for the editors who come after you.")
    ids = list(cluster.members.values_list("article_id", flat=True))
    if article_id not in ids:
        raise ClusterError("That article is not in this cluster.")
    others = [a for a in ids if a != article_id]
    with transaction.atomic():
        ClusterSplit.objects.create(article_id=article_id, apart_from=others, reason=reason.strip(), author=author)
        ClusterMember.objects.filter(article_id=article_id).delete()
        if len(others) < 2:
            ClusterMember.objects.filter(cluster=cluster).delete()
            cluster.delete()
        else:
            chosen = cluster.canonical_id if cluster.canonical_id in others and cluster.chosen_by_id else None
            described = describe_cluster(_versions(others), chosen)
            cluster.members.all().delete()
            ClusterMember.objects.bulk_create(ClusterMember(article_id=m.key, cluster=cluster, relation=m.relation,
                                                            words_changed=m.words_changed) for m in described)
            cluster.canonical_id, cluster.size = described[0].key, len(others)
            cluster.save()
        SearchOutbox.objects.bulk_create(SearchOutbox(article_id=a) for a in ids)


def versions_of(article_id: int) -> list[dict]:
    """Return the other versions of an article's story, for "Also published as" (empty when it has none); one query."""
    rows = (ClusterMember.objects.filter(cluster__members__article_id=article_id).exclude(article_id=article_id)
            .filter(article__withdrawn=False)
            .values_list("article_id", "relation", "words_changed", "article__headline", "article__published", "article__url"))
    return [{"pk": pk, "relation": relation, "relation_label": dict(ClusterMember.RELATIONS)[relation],
             "words_changed": words, "headline": headline, "published": published, "url": url}
            for pk, relation, words, headline, published, url in sorted(rows, key=lambda r: (r[4] is None, r[4] or date.min, r[0]))]


def version_counts(article_ids: list[int]) -> dict[int, int]:
    """Return, for each given canonical article, how many versions its cluster has (only clustered ones)."""
    return dict(StoryCluster.objects.filter(canonical_id__in=article_ids).values_list("canonical_id", "size"))
