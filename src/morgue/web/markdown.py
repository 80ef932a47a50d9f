"""The paper's own pages in Markdown, rendered safely: no raw HTML, no script links, nothing a text can break out of."""

from __future__ import annotations

from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    # CommonMark with raw HTML off: a "<script>" in the text is shown as text. markdown-it refuses
    # javascript:, vbscript:, file: and data: links (but for images) on its own.
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def render(text: str) -> SafeString:
    """Return the HTML of Markdown ``text`` (escaped throughout)."""
    return mark_safe(_renderer().render(text or ""))  # noqa: S308 - markdown-it escapes; raw HTML is off
