"""The site's fixed addresses (home, search, sign-in …), worked out once per process instead of on every page."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@register.simple_tag
def site_url(name: str) -> str:
    """Return ``reverse(name)`` for a URL that takes no arguments (``{% url %}`` without its cost).

    Every page's header and footer name a dozen such addresses; Django's
    ``{% url %}`` resolves each anew, which took most of the time the header
    took to render. They change only with the URL configuration or the
    prefix the site is served under, which are part of the memo's key.
    """
    return _reverse(name, get_urlconf(), get_script_prefix())


@lru_cache(maxsize=256)
def _reverse(name: str, urlconf, prefix: str) -> str:
    return reverse(name, urlconf=urlconf)


@register.simple_tag
def section_url(name: str, feed: bool = False) -> str:
    """Return the address of a section's page (or, with ``feed``, its Atom feed), by its slug."""
    from morgue.web.reading import section_slug

    slug = section_slug(name)
    return reverse("feed_section" if feed else "section", args=[slug])


def entity_path(kind: str, slug: str) -> str:
    """The address of a person's, organisation's or place's page."""
    return f"{_reverse('home', get_urlconf(), get_script_prefix())}{kind}/{slug}/"


@register.simple_tag
def entity_url(kind: str, slug: str) -> str:
    """``{% entity_url e.kind e.slug %}``: the entity's page (``/person/dmitry-peskov/``)."""
    return entity_path(kind, slug)


@register.simple_tag
def entities_url(index: str) -> str:
    """``{% entities_url "people" %}``: an index of names."""
    return _reverse(f"entities_{index}", get_urlconf(), get_script_prefix())
