"""Sitemaps: one per year of publication and one for undated articles, listed in a sitemap index.

sitemaps.org limits one sitemap file to 50,000 URLs; Django's sitemap views
split a larger year into pages (?p=2) and list every page in the index.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils.functional import cached_property

from morgue.web import reading

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


class ArchiveSitemaps(Mapping):
    """The sitemaps by name ("2004", …, "undated"), worked out from the cached year counts when asked."""

    # Compared by identity: Django's reverse() compares a URL's default arguments, and
    # comparing as mappings would build every year's sitemap (and never be equal).
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def _sections(self) -> dict[str, ArticleSitemap]:
        sections = {str(year): ArticleSitemap(year, n) for year, n in reading.year_counts()}
        undated = reading.undated_count()
        if undated:
            sections["undated"] = ArticleSitemap(None, undated)
        return sections

    def __getitem__(self, name: str) -> ArticleSitemap:
        return self._sections()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._sections())

    def __len__(self) -> int:
        return len(self._sections())


SITEMAPS = ArchiveSitemaps()
