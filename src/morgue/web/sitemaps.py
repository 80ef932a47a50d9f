"""Sitemaps: one per year of publication and one for undated articles, listed in a sitemap index.

sitemaps.org limits one sitemap file to 50,000 URLs; Django's sitemap views
split a larger year into pages (?p=2) and list every page in the index.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.urls import reverse
from django.utils.functional import cached_property

from morgue.web import reading
from morgue.web.paper import canonical

URLS_PER_FILE = 50_000  # sitemaps.org


class ArticleSitemap(Sitemap):
    """The article pages of one year (or of the undated articles), by id."""

    limit = URLS_PER_FILE

    def __init__(self, year: int | None, count: int):
        self.year, self.count = year, count

    def items(self):
        articles = reading.public().filter(published__year=self.year) if self.year else reading.public().filter(published=None)
        return articles.order_by("pk").values_list("pk", flat=True)

    def location(self, pk):
        return reverse("article", args=[pk])

    @cached_property
    def paginator(self):
        return reading.CountedPaginator(self.items(), self.limit, count=self.count)


def archive_sitemaps() -> dict[str, ArticleSitemap]:
    """Return the sitemaps by name ("2004", …, "undated"), from the (cached) year counts."""
    sitemaps = {str(year): ArticleSitemap(year, n) for year, n in reading.year_counts()}
    undated = reading.undated_count()
    if undated:
        sitemaps["undated"] = ArticleSitemap(None, undated)
    return sitemaps


def sitemap_index(request):
    """The sitemap index: every year's sitemap (and each of its pages), then the undated one."""
    return sitemap_views.index(canonical(request), archive_sitemaps(), sitemap_url_name="sitemap-section")


def sitemap_section(request, section: str):
    """One year's (or the undated articles') sitemap; 404 for a year with no articles."""
    return sitemap_views.sitemap(canonical(request), archive_sitemaps(), section=section)
