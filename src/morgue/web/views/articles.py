"""An article, its public history, and the original it was extracted from."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from morgue.archive.entities import article_names
from morgue.archive.models import Article
from morgue.archive.store import OriginalsStore
from morgue.archive.story_clusters import versions_of
from morgue.archive.topics import topics_of
from morgue.home import originals_dir
from morgue.web import fragments, jsonld, reading
from morgue.web.paper import absolute, current_paper
from morgue.web.templatetags.site_urls import entity_path

ARTICLE_FIELDS = ("pk", "headline", "byline", "dateline", "published", "modified", "section", "body", "notices",
                  "withdrawn", "revision_count", "enriched_revision", "original__sha256", "original__kind")


def gone(request, article_id: int):
    """The 410 page of a withdrawn article: that it was withdrawn, and the public note — never its text."""
    return render(request, "web/gone.html", {"note": reading.withdrawal_note(article_id)}, status=410)


def article(request, pk: int):
    """One article with its corrections box, JSON-LD, and neighbours in its section.

    The article's part of the page is rendered once per revision and reused
    for a while by every server process (see fragments.py); readers without
    an account share the whole page, and signed-in readers share it too but
    for the header's account links, rendered for each of them.
    """
    row = reading.article_state(pk)
    if row is None:
        raise Http404("no such article")
    withdrawn, revision_count, stamp = row
    if withdrawn:
        return gone(request, pk)
    seconds = fragments.article_cache_seconds()
    # The stamp: a cluster re-drawn (a reprint joined, an editor's split) changes "Also published as".

    def respond():
        key = f"article:{pk}:{revision_count}:{stamp}:{request.get_host()}"
        part = fragments.fragment(key, seconds, lambda: _article_part(request, pk), keep=not fragments.is_anyones(request))
        # The header's account links need only the article's id and that it is not withdrawn.
        return render(request, "web/article.html", {"article": {"pk": pk, "withdrawn": False}, "part": part})

    return fragments.whole_page(request, f"revisions:{revision_count}:{stamp}", seconds, respond,
                                nav={"article": {"pk": pk, "withdrawn": False}})


def _article_part(request, pk: int) -> dict:
    """Render the article's own part of its page: its text, corrections, neighbours and JSON-LD."""
    item = Article.objects.select_related("original").only(*ARTICLE_FIELDS).get(pk=pk)
    # Most articles were never revised: nothing to ask about corrections then.
    revisions = reading.revisions_of(item.pk) if item.revision_count > 1 else []
    corrections = reading.published_corrections(revisions)
    older, newer = reading.neighbours(item)
    modified = revisions[-1]["created_at"] if len(revisions) > 1 else item.modified
    paper = current_paper()
    publisher = None
    if paper.publisher_name:
        publisher = jsonld.organisation(name=paper.publisher_name, url=absolute(request, "/"),
                                        logo=absolute(request, reverse("paper_logo")) if paper.logo else "")
    data = jsonld.news_article(
        url=absolute(request, reverse("article", args=[item.pk])), headline=item.headline,
        byline=item.byline, section=item.section, published=item.published, modified=modified,
        corrections=corrections, publisher=publisher, language=item.language or paper.language,
    )
    names = article_names(item.pk, item.revision_count, item.enriched_revision)
    jsonld.add_names(data, names, lambda kind, slug: absolute(request, entity_path(kind, slug)))
    body = render_to_string("web/_article.html", {"article": item, "corrections": corrections, "older": older, "newer": newer,
                                                  "repaired": reading.last_repair(revisions), "versions": versions_of(item.pk),
                                                  "topics": topics_of(item.pk), "names": names})
    return {"title": item.headline, "jsonld": jsonld.jsonld_script(data), "body": mark_safe(body)}  # noqa: S308 - rendered by a template


def history(request, pk: int):
    """Every revision of an article: its date, kind and public note (the text diff is the editors' desk's)."""
    item = get_object_or_404(Article.objects.only("pk", "headline", "withdrawn", "removed"), pk=pk)
    if item.withdrawn:
        return gone(request, item.pk)
    return render(request, "web/history.html", {"article": item, "revisions": reading.revisions_of(item.pk),
                                                "choices": extraction_choices(item.removed)})


# What extraction decided about the headline, byline and date, as recorded in ``removed``
# (the rest of ``removed`` is site chrome, which the original itself shows).
_CHOICE_REASONS = ("headline candidate", "date", "stated ", "byline", "masthead", "site name", "terms")
_MAX_CHOICE_CHARS = 200


def extraction_choices(removed: list) -> list[dict]:
    """Return the removed blocks that record a choice of headline, byline or date, each shortened."""
    choices = []
    for block in removed or []:
        reason = str(block.get("reason", "")) if isinstance(block, dict) else ""
        if reason.startswith(_CHOICE_REASONS) or reason == "headline":
            text = str(block.get("text", ""))
            choices.append({"text": text if len(text) <= _MAX_CHOICE_CHARS else text[:_MAX_CHOICE_CHARS] + "…",
                            "reason": reason})
    return choices


def original(request, pk: int):
    """The exact bytes the article was extracted from, as received."""
    item = get_object_or_404(Article.objects.select_related("original").only("pk", "withdrawn", "original__sha256", "original__kind"), pk=pk)
    if item.withdrawn:
        return gone(request, item.pk)
    data = OriginalsStore(originals_dir(settings.HOME)).get(item.original.sha256)
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="original-{item.original.sha256[:16]}.{item.original.kind}"'
    response["X-Content-SHA256"] = item.original.sha256
    return response
