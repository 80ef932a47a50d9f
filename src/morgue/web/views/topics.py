"""Topics: every topic with its articles counted, and one topic's articles, newest first."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render

from morgue.archive.models import ArticleTopic
from morgue.web import reading

MAX_TOPIC_CHARS = 80  # as stored (archive.models.ArticleTopic)


def topics(request):
    """Every topic the archive has (the sources' tags and the topic model's), the most used first."""
    rows = (ArticleTopic.objects.filter(article__withdrawn=False).values("topic").annotate(n=Count("article_id", distinct=True))
            .order_by("-n", "topic"))
    return render(request, "web/topics.html", {"topics": [(r["topic"], r["n"]) for r in rows]})


def topic(request, name: str):
    """One topic's articles, newest first; which came from the source and which from the model is said on each article."""
    if len(name) > MAX_TOPIC_CHARS or not ArticleTopic.objects.filter(topic=name).exists():
        raise Http404("no such topic")
    articles = reading.newest_first(reading.public().filter(topics__topic=name))
    page = Paginator(articles, reading.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/topic.html", {"name": name, "page": page, "count": page.paginator.count})
