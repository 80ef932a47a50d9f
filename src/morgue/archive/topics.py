"""The archive's side of topics: learned from the sources' own tags, given to the articles that have none.

Optional per archive: with fewer than two tags used on a handful of
articles each there is nothing to learn, and nothing is predicted. The
model is kept in the home (``enrich/topics.pickle``) with the tags it was
trained from; it is trained again when asked, when there is none, or when
a quarter of the tagged articles changed. Predicted topics are derived:
replaced whenever an article is read again, and marked as predicted so
readers are never told the source gave them.
"""

from __future__ import annotations

import logging
import pickle
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q

from morgue.archive.classify import stale_reason, texts_of
from morgue.archive.models import Article, ArticleTopic, SearchOutbox
from morgue.atomic import write_bytes
from morgue.enrich.text import article_text
from morgue.enrich.topics import MIN_TOPIC_SIZE, TopicModel, train_topics

log = logging.getLogger(__name__)

BATCH = 2000
MODEL_VERSION = 1


@dataclass
class TopicSummary:
    trained: bool = False
    train_reason: str = ""
    topics: int = 0  # topics the model knows
    tagged: int = 0  # articles it learned from
    predicted: int = 0  # articles given topics this run
    skipped_reason: str = ""
    seconds: float = 0.0


def model_path(home: Path | None = None) -> Path:
    return Path(home or settings.HOME) / "enrich" / "topics.pickle"


def _load(home: Path | None) -> dict | None:
    try:
        with open(model_path(home), "rb") as handle:
            kept = pickle.load(handle)  # noqa: S301 - the home's own file, written below
    except FileNotFoundError:
        return None
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError) as exc:
        log.warning("the topic model could not be read (%s); it will be trained again", exc)
        return None
    return kept if isinstance(kept, dict) and kept.get("version") == MODEL_VERSION else None


def given_tags() -> dict[int, tuple[str, ...]]:
    """Return the source's own tags of every public article that has some."""
    tags: dict[int, list[str]] = defaultdict(list)
    rows = ArticleTopic.objects.filter(given=True, article__withdrawn=False).values_list("article_id", "topic").order_by("article_id", "topic")
    for article_id, topic in rows.iterator(chunk_size=10_000):
        tags[article_id].append(topic)
    return {pk: tuple(t) for pk, t in tags.items()}


def classify_topics(home: Path | None = None, *, retrain: bool = False) -> TopicSummary:
    """Train the topic model if it must be, then give topics to the untagged articles not yet read at their revision."""
    summary = TopicSummary()
    started = time.monotonic()
    tags = given_tags()
    counts: dict[str, int] = defaultdict(int)
    for article_tags in tags.values():
        for tag in article_tags:
            counts[tag] += 1
    if sum(1 for n in counts.values() if n >= MIN_TOPIC_SIZE) < 2:
        summary.skipped_reason = (f"the sources tag fewer than two topics on {MIN_TOPIC_SIZE} or more articles each; "
                                  "topics are learned only from an archive's own tags")
        summary.seconds = time.monotonic() - started
        return summary
    kept = None if retrain else _load(home)
    reason = "asked to (--retrain)" if retrain else stale_reason(kept["tags"] if kept else None, tags, "tagged articles")
    if reason:
        model = _train(tags)
        path = model_path(home)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, pickle.dumps({"version": MODEL_VERSION, "model": model, "tags": tags, "trained_at": time.time()},
                                       protocol=pickle.HIGHEST_PROTOCOL))
        summary.trained, summary.train_reason = True, reason
        todo = Article.objects.all()
    else:
        model = kept["model"]
        todo = Article.objects.filter(Q(classified_revision__isnull=True) | ~Q(classified_revision=F("revision_count") - 1))
    summary.topics, summary.tagged = len(model.topics), model.trained_on
    ids = [pk for pk in todo.filter(withdrawn=False).order_by("pk").values_list("pk", flat=True) if pk not in tags]
    for start in range(0, len(ids), BATCH):
        summary.predicted += _predict_batch(model, ids[start:start + BATCH])
    summary.seconds = time.monotonic() - started
    return summary


def _train(tags: dict[int, tuple[str, ...]]) -> TopicModel:
    ids = sorted(tags)
    return train_topics(texts_of(ids), [tags[pk] for pk in ids])


def _predict_batch(model: TopicModel, ids: list[int]) -> int:
    rows = list(Article.objects.filter(pk__in=ids).order_by("pk").values_list("pk", "headline", "body"))
    predicted = model.predict([article_text(headline, body) for _, headline, body in rows])
    before: dict[int, set[str]] = defaultdict(set)
    for pk, topic in ArticleTopic.objects.filter(article_id__in=ids, given=False).values_list("article_id", "topic"):
        before[pk].add(topic)
    with transaction.atomic():
        ArticleTopic.objects.filter(article_id__in=ids, given=False).delete()
        ArticleTopic.objects.bulk_create(ArticleTopic(article_id=pk, topic=topic, given=False)
                                         for (pk, _, _), topics in zip(rows, predicted, strict=True) for topic in topics)
        # The index searches topics: an article whose topics changed is upserted.
        SearchOutbox.objects.bulk_create(SearchOutbox(article_id=pk) for (pk, _, _), topics in zip(rows, predicted, strict=True)
                                         if set(topics) != before.get(pk, set()))
    return sum(1 for topics in predicted if topics)


def topics_of(article_id: int) -> list[dict]:
    """Return an article's topics for its page: the source's first, then the model's."""
    rows = ArticleTopic.objects.filter(article_id=article_id).order_by("-given", "topic").values_list("topic", "given")
    return [{"topic": topic, "given": given} for topic, given in rows]
