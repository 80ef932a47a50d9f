"""Atom feeds: a section's newest articles, and the archive's corrections."""

from __future__ import annotations

from datetime import datetime, time, timezone

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from morgue.archive.models import Revision
from morgue.web import reading
from morgue.web.paper import canonical, current_paper


class PaperFeed(Feed):
    """A feed in the paper's name, whose addresses are on its canonical base address."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        return super().__call__(canonical(request), *args, **kwargs)

    def author_name(self):
        return current_paper().publisher_name or None

ITEMS = 50


def _moment(day) -> datetime | None:
    return datetime.combine(day, time(), tzinfo=timezone.utc) if day else None


class SectionFeed(PaperFeed):
    """A section's newest articles (undated ones by when they entered the archive), each with its standfirst."""

    def get_object(self, request, name: str):
        names = [n for n, _ in reading.sections_at(name)] or [n for n, _ in reading.section_counts() if n == name]
        if not names:
            raise Http404("no such section")
        return " / ".join(names)

    def title(self, name):
        return f"{name} — {current_paper().title}"

    def subtitle(self, name):
        return f"The newest articles in {name}."

    def link(self, name):
        return reverse("section", args=[reading.section_slug(name.split(" / ")[0])])

    def items(self, name):
        return reading.newest_first(reading.public().filter(section__in=name.split(" / "))).only(*reading.LIST_FIELDS, "body")[:ITEMS]

    def item_title(self, item):
        return item.headline or "(no headline)"

    def item_description(self, item):
        return summary_of(item.body)

    def item_link(self, item):
        return reverse("article", args=[item.pk])

    def item_author_name(self, item):
        return item.byline or None

    def item_pubdate(self, item):
        return _moment(item.published)

    def item_updateddate(self, item):
        # Atom requires <updated>: the publication date, else when the archive received it.
        return _moment(item.published) or item.created_at


class CorrectionsFeed(PaperFeed):
    """Every published correction, recategorisation and withdrawal, newest first (transfer repairs are not news)."""

    def title(self):
        return f"Corrections — {current_paper().title}"

    subtitle = "Corrections, recategorisations and withdrawals of articles in the archive, each with its public note."

    def link(self):
        return reverse("home")

    def items(self):
        return reading.latest_corrections(ITEMS)

    def item_title(self, item):
        if item["kind"] == Revision.WITHDRAWAL:
            return "An article was withdrawn"  # its headline may be why: it is not repeated
        return f"{item['label'].capitalize()}: {item['article__headline'] or '(no headline)'}"

    def item_description(self, item):
        return item["public_note"]

    def item_link(self, item):
        return reverse("article", args=[item["article_id"]]) + f"#revision-{item['number']}"

    def item_guid(self, item):
        return f"urn:x-archive-revision:{item['pk']}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item["created_at"]

    def item_updateddate(self, item):
        return item["created_at"]


SUMMARY_CHARS = 400


def summary_of(body: list[str]) -> str:
    """Return an entry's summary: the first paragraph (the standfirst, in most papers), cut at a word near 400 characters."""
    first = next((p.strip() for p in body or [] if p.strip()), "")
    if len(first) <= SUMMARY_CHARS:
        return first
    return first[:SUMMARY_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + " …"
