"""The search page and the help page for the query language."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from urllib.parse import urlencode

from django.shortcuts import render

from morgue.archive.searching import search_archive
from morgue.archive.story_clusters import version_counts
from morgue.search import QueryError, SearchIndexError
from morgue.archive import searching
from morgue.search.backends.base import MAX_WINDOW
from morgue.web import querytext
from morgue.web.views.parts import shared_page

log = logging.getLogger(__name__)

PER_PAGE = 20
# Deep pages are capped where the index stops collecting (MAX_WINDOW results).
LAST_PAGE = MAX_WINDOW // PER_PAGE
SORTS = (("relevance", "Relevance"), ("date", "Newest first"), ("oldest", "Oldest first"))
EXAMPLES = (
    ("harbour bridge", "both words"),
    ('"town hall"', "an exact phrase"),
    ("strike OR walkout", "either word"),
    ("council -budget", "leave a word out"),
    ("section:News date:1998..2008", "a section and a span of years"),
)


def _link(q: str, sort: str, page: int = 1) -> str:
    params = {"q": q}
    if sort != "relevance":
        params["sort"] = sort
    if page > 1:
        params["page"] = page
    return "?" + urlencode(params)


def _int(value: str | None, default: int = 1) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return default


def search(request):
    """Search results with facets to refine, pagination and sorting; bad queries get a friendly message."""
    q = request.GET.get("q", "").strip()
    sort = request.GET.get("sort", "relevance")
    if sort not in dict(SORTS):
        sort = "relevance"
    page = min(_int(request.GET.get("page")), LAST_PAGE)
    # The index's position is part of the key: a correction or withdrawal
    # applied to the index shows at once, whatever the cache's lifetime.
    try:
        position = searching.reader().position()
    except SearchIndexError as exc:  # nothing to cache: answer from results_context, which says search is away
        log.warning("search unavailable: %s", exc)
        return render(request, "web/search.html", {**results_context(q, sort, page), "q": q}, status=503)
    key = "search:" + hashlib.sha256(f"{position}:{sort}:{page}:{q}".encode()).hexdigest()
    return shared_page(request, "web/search.html", "web/_search.html", key, lambda: results_context(q, sort, page), {"q": q})


def results_context(q: str, sort: str, page: int) -> dict:
    """Return what the results part of the search page shows for one query, sort and page."""
    context = {"q": q, "sort": sort, "sorts": [(key, label, _link(q, key)) for key, label in SORTS],
               "examples": EXAMPLES, "results": None, "error": ""}
    if not q:
        return context
    try:
        results = search_archive(q, limit=PER_PAGE, offset=(page - 1) * PER_PAGE, sort=sort, facets=True)
    except QueryError as exc:
        context["error"] = str(exc)
        return context
    except SearchIndexError as exc:  # a full disk, an index being rebuilt: reading goes on
        log.warning("search unavailable: %s", exc)
        context["error"] = "Search is not available just now; every article can still be read and browsed."
        return context
    # One result per story: a clustered story's canonical version says how many versions it has.
    counts = version_counts([hit.id for hit in results.hits])
    if counts:
        results = dataclasses.replace(results, hits=[dataclasses.replace(h, versions=counts.get(h.id, 0)) for h in results.hits])
    last = max(1, min(LAST_PAGE, -(-results.total // PER_PAGE)))
    context.update(
        results=results, page=page, last=last,
        first_shown=(page - 1) * PER_PAGE + 1, last_shown=(page - 1) * PER_PAGE + len(results.hits),
        pages=[(n, _link(q, sort, n) if n else "") for n in querytext.page_numbers(page, last)],
        previous=_link(q, sort, page - 1) if page > 1 else "",
        next=_link(q, sort, page + 1) if page < last else "",
        facets=_facets(q, sort, results.facets) + _name_facets(q, sort, [hit.id for hit in results.hits]),
    )
    return context


NAME_FACETS = (("person", "person", "People in these results"), ("place", "place", "Places in these results"))


def _name_facets(q: str, sort: str, ids: list[int]) -> list[tuple[str, list[tuple[str, int, str]]]]:
    """The people and places most often named among this page's results, each a link that adds its filter."""
    from morgue.archive.entities import names_among

    groups = []
    found = names_among(ids, tuple(kind for kind, _, _ in NAME_FACETS))
    for kind, field, title in NAME_FACETS:
        values = [(name, n, _link(querytext.refine(q, querytext.name_filter(field, name)), sort))
                  for name, n in found.get(kind, ())]
        if values:
            groups.append((title, values))
    return groups


def _facets(q: str, sort: str, facets: dict) -> list[tuple[str, list[tuple[str, int, str]]]]:
    """Return facet groups as (title, [(value, count, link that adds the filter)])."""
    groups = []
    sections = [(name, n, _link(querytext.refine(q, querytext.section_filter(name)), sort))
                for name, n in facets.get("section", ())[:12] if name]
    if sections:
        groups.append(("Section", sections))
    for facet, title in (("decade", "Decade"), ("year", "Year")):
        values = [(value, n, _link(querytext.refine(q, querytext.date_filter(facet, value)), sort))
                  for value, n in facets.get(facet, ())]
        if facet == "year" and len(values) > 30:
            continue  # too many to list: the decades refine first
        if len(values) > 1 or (facet == "decade" and values):
            groups.append((title, values))
    return groups


def search_help(request):
    """The query language, with an example of each part."""
    return render(request, "web/search_help.html")
