"""Atom feeds: a section's newest articles, and the archive's corrections."""

from __future__ import annotations

from datetime import datetime, time, timezone

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from morgue.archive.models import Revision
from morgue.web import reading

ITEMS = 50


def _moment(day) -> datetime | None:
    return datetime.combine(day, time(), tzinfo=timezone.utc) if day else None


class SectionFeed(Feed):
    """A section's newest articles (undated ones by when they entered the archive)."""

    feed_type = Atom1Feed

    def get_object(self, request, name: str):
        names = [n for n, _ in reading.sections_at(name)] or [n for n, _ in reading.section_counts() if n == name]
        if not names:
            raise Http404("no such section")
        return " / ".join(names)

    def title(self, name):
        return f"{name} — the archive"

    def subtitle(self, name):
        return f"The newest articles in {name}."

    def link(self, name):
        return reverse("section", args=[reading.section_slug(name.split(" / ")[0])])

    def items(self, name):
        return reading.newest_first(reading.public().filter(section__in=name.split(" / ")))[:ITEMS]

    def item_title(self, item):
        return item.headline or "(no headline)"

    def item_description(self, item):
        return item.byline or ""

    def item_link(self, item):
        return reverse("article", args=[item.pk])

    def item_author_name(self, item):
        return item.byline or None

    def item_pubdate(self, item):
        return _moment(item.published)

    def item_updateddate(self, item):
        # Atom requires <updated>: the publication date, else when the archive received it.
        return _moment(item.published) or item.created_at


class CorrectionsFeed(Feed):
    """Every published correction, recategorisation and withdrawal, newest first (transfer repairs are not news)."""

    feed_type = Atom1Feed
    title = "Corrections — the archive"
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
        return f"morgue:revision:{item['pk']}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item["created_at"]

    def item_updateddate(self, item):
        return item["created_at"]
