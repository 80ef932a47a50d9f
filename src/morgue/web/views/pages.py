"""The site's own pages (About, Terms of Use, Privacy Policy) and robots.txt."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from morgue.web import reading
from morgue.web.markdown import render as markdown
from morgue.web.paper import absolute, current_paper
from morgue.web.models import SitePage

# Used when neither a SitePage row nor a setting gives the text: (title, setting, text).
DEFAULTS = {
    SitePage.ABOUT: ("About the archive", "MORGUE_ABOUT", (
        "This is a newspaper archive: articles moved from the publisher's legacy systems, each extracted "
        "from an original that is kept byte for byte and can be downloaded from the article's page.\n\n"
        "When the archive corrects an article, the correction is published with a note, and every "
        "article's history lists each change with its date. Nothing is changed silently.")),
    SitePage.TERMS: ("Terms of Use", "MORGUE_TERMS", (
        "You may read, search and link to the articles in this archive free of charge and without an account.\n\n"
        "The articles remain the copyright of their publishers and authors. Quote them fairly and name the "
        "source; do not republish them in full without permission.\n\n"
        "The archive is provided as it is. Articles reflect what was known when they were published; "
        "corrections made since are shown on each article.")),
    SitePage.PRIVACY: ("Privacy Policy", "MORGUE_PRIVACY", (
        "Reading the archive needs no account and sets no tracking cookies. The server keeps ordinary "
        "access logs (address, time, page) to keep the site running, and deletes them after a short time.\n\n"
        "If you create an account, we keep your e-mail address and what you need to sign in, and use them "
        "for nothing else.")),
}


def site_page(slug: str) -> tuple[str, str]:
    """Return a page's title and Markdown: the admin's SitePage, else morgue.toml's [pages], else the setting, else the default."""
    title, setting, text = DEFAULTS[slug]
    row = SitePage.objects.filter(slug=slug).values_list("title", "body").first()
    if row:
        return row
    return title, current_paper().pages.get(slug) or getattr(settings, setting, "") or text


def page(request, slug: str):
    """One of the site's own pages (Markdown, rendered with raw HTML off)."""
    title, text = site_page(slug)
    counts = reading.repair_counts() if slug == SitePage.ABOUT else None
    return render(request, "web/page.html", {"title": title, "html": markdown(text), "slug": slug, "counts": counts})


def robots(request):
    """robots.txt: everything may be crawled except search results; the sitemap index says where articles are."""
    lines = [
        "User-agent: *",
        "Disallow: /search/",
        "Allow: /",
        "",
        f"Sitemap: {absolute(request, reverse('sitemap-index'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
