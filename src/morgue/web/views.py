"""The reading site's pages: home, article, section, and the original's bytes."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from morgue.archive.models import Article
from morgue.archive.store import OriginalsStore
from morgue.home import originals_dir

# Only the columns a list shows: bodies stay in the database.
LIST_FIELDS = ("pk", "headline", "byline", "published", "section", "dateline")
PAGE_SIZE = 50


def _public():
    return Article.objects.filter(withdrawn=False)


def home(request):
    """The front page: sections with counts, recent additions, the archive's size."""
    sections = _public().exclude(section="").values("section").annotate(n=Count("id")).order_by("-n", "section")
    recent = _public().order_by("-created_at", "-pk").only(*LIST_FIELDS)[:20]
    return render(request, "web/home.html", {"sections": sections, "recent": recent, "total": _public().count()})


def article(request, pk: int):
    """One article, with its previous and next in the section."""
    item = get_object_or_404(_public(), pk=pk)
    neighbours = _public().filter(section=item.section).only(*LIST_FIELDS)
    previous = neighbours.filter(pk__lt=item.pk).order_by("-pk").first()
    following = neighbours.filter(pk__gt=item.pk).order_by("pk").first()
    return render(request, "web/article.html", {"article": item, "previous": previous, "next": following})


def section(request, name: str):
    """A section's articles, newest first (undated ones last), paginated."""
    articles = _public().filter(section=name).only(*LIST_FIELDS).order_by("-published", "-pk")
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    if not page.object_list and page.number == 1:
        raise Http404("no such section")
    return render(request, "web/section.html", {"name": name, "page": page})


def original(request, pk: int):
    """The exact bytes the article was extracted from, as received."""
    item = get_object_or_404(_public().select_related("original"), pk=pk)
    data = OriginalsStore(originals_dir(settings.HOME)).get(item.original.sha256)
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="original-{item.original.sha256[:16]}.{item.original.kind}"'
    response["X-Content-SHA256"] = item.original.sha256
    return response
