"""The text fields of an article that the audit reads, as (field, paragraph, text)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from morgue.extract.article import Article

# The short fields that hold text the reader sees; body paragraphs come after.
SHORT_FIELDS = ("headline", "byline", "dateline", "section")


class Text(NamedTuple):
    """One stretch of text: a short field, or one body paragraph (``paragraph`` is its index)."""

    field: str
    paragraph: int | None
    text: str


def text_fields(article: Article) -> Iterator[Text]:
    """Yield every non-empty text field of the article, body paragraphs last."""
    for name in SHORT_FIELDS:
        value = getattr(article, name) or ""
        if value:
            yield Text(name, None, value)
    for index, paragraph in enumerate(article.body):
        if paragraph:
            yield Text("body", index, paragraph)


# Token boundaries: ASCII whitespace only. A no-break space is the second
# byte of mojibake such as "Ã\u00a0" (for "à"), so it must not split a token.
SPACE = " \t\n\r\f\v"


def token_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the span grown to the whitespace-delimited token(s) around start..end."""
    while start > 0 and text[start - 1] not in SPACE:
        start -= 1
    while end < len(text) and text[end] not in SPACE:
        end += 1
    return start, end
