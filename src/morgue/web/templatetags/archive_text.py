"""Archive text as HTML: every paragraph escaped, in one call instead of a template loop per paragraph."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def body_paragraphs(paragraphs: list[str], dateline: str = "") -> SafeString:
    """Return the body as ``<p>`` elements, the dateline in bold before the first; all archive text escaped.

    A template ``{% for %}`` costs more per paragraph than the escaping does;
    an article page renders this once per revision, so here it is in Python.
    """
    lead = f"<strong>{escape(dateline)}</strong> — " if dateline else ""
    html = [f"<p>{lead if n == 0 else ''}{escape(text)}</p>" for n, text in enumerate(paragraphs)]
    return mark_safe("".join(html))  # noqa: S308 - every piece of archive text above is escaped
