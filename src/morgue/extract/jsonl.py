"""JSON export lines → articles: one JSON object per document, keys as CMS exports name them."""

from __future__ import annotations

import json
import re

from lxml import html as lxml_html

from morgue.errors import ExtractionError
from morgue.extract.article import Article
from morgue.extract.body import normalise_space, tidy_body
from morgue.extract.bylines import clean_byline
from morgue.extract.dates import is_plausible, parse_structured_date
from morgue.extract.decode import decode_document
from morgue.extract.options import ExtractOptions
from morgue.extract.tags import tidy_tags
from morgue.read.document import RawDocument

# The names exports use for each field, in order of preference.
_HEADLINE = ("headline", "title", "hed", "head", "name")
_BYLINE = ("byline", "author", "authors", "by", "creator", "writer")
_DATELINE = ("dateline",)
_PUBLISHED = ("date", "published", "pubdate", "publication_date", "published_at", "datePublished",
              "date_published", "pub_date", "first_published", "created", "created_at")
_MODIFIED = ("modified", "updated", "dateModified", "date_modified", "updated_at", "modified_at", "last_modified")
_SECTION = ("section", "category", "categories", "desk", "articleSection")
_BODY = ("body", "text", "content", "article_body", "articleBody", "story", "paragraphs",
         "body_html", "content_html", "html", "html_body", "body_text", "content_text", "story_html")
# Failing those, a key named like a body ("bodyHtml", "main_content") holding a string of prose.
_BODY_LIKE = re.compile(r"body|content|text|html|story", re.I)
_BODY_LIKE_MIN_WORDS = 10
_TAGS = ("tags", "topics", "keywords", "subjects", "news_keywords")
_URL = ("url", "link", "permalink", "canonical_url", "web_url")
_LANGUAGE = ("language", "lang", "inLanguage", "locale")
_ID = ("id", "doc_id", "guid", "uuid", "article_id", "story_id")
_HTML_BODY = re.compile(r"<(?:p|br|div|span|em|strong|b|i|a|h[1-6]|li|blockquote)\b[^>]*>", re.I)
# Elements that hold one paragraph each when they hold no other such element.
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "pre", "td", "dd", "figcaption")
# Marks a <br> while an HTML body is read: Unicode's paragraph separator, which
# lxml accepts and which means a break wherever a text already holds it.
_BREAK = "\u2029"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def extract_jsonl(doc: RawDocument, options: ExtractOptions) -> Article:
    """Return the article in one JSON export line; raises ExtractionError("bad-json" or "no-text")."""
    # 1. Bytes → one JSON object.
    decoded = decode_document(doc.data, doc.declared_encoding, "jsonl")
    try:
        record = json.loads(decoded.text)
    except ValueError as e:
        raise ExtractionError("bad-json", f"The line is not valid JSON: {e}") from e
    if not isinstance(record, dict):
        raise ExtractionError("bad-json", f"The line is JSON but not an object (it is a {type(record).__name__}).")
    # 2. Fields by the names exports give them.
    latest = options.latest_date(doc.captured_at)
    published = parse_structured_date(_first(record, _PUBLISHED))
    modified = parse_structured_date(_first(record, _MODIFIED))
    dateline = normalise_space(_string(_first(record, _DATELINE))).rstrip(" ,—–-:")
    # 3. The body, as a string of blank-line paragraphs, HTML, or a list.
    body_value = _first(record, _BODY)
    if body_value is None:
        body_value = _body_like(record)
    body = tidy_body(_paragraphs(body_value), dateline=dateline, max_chrome_chars=options.max_chrome_chars)
    if not body.paragraphs:
        raise ExtractionError("no-text", "The JSON record has no body text (no body, text or content key with words).")
    return Article(
        headline=normalise_space(_string(_first(record, _HEADLINE))),
        byline=clean_byline(_names(_first(record, _BYLINE))),
        dateline=body.dateline,
        published=published if is_plausible(published, options.min_date, latest) else None,
        modified=modified if is_plausible(modified, options.min_date, latest) else None,
        section=normalise_space(_string(_first(record, _SECTION))),
        body=tuple(body.paragraphs),
        language=normalise_space(_string(_first(record, _LANGUAGE))),
        url=_string(_first(record, _URL)) or doc.url or "",
        notices=tuple(body.notices),
        removed=tuple(body.removed),
        extractor="jsonl",
        encoding=decoded.encoding,
        encoding_source=decoded.source,
        source_id=_string(_first(record, _ID)),
        tags=tidy_tags(_first(record, _TAGS) or []),
    )


def _first(record: dict, keys: tuple[str, ...]) -> object:
    """Return the value of the first key present with a non-empty value, or None."""
    lowered = {key.lower(): value for key, value in record.items()}
    for key in keys:
        value = record.get(key, lowered.get(key.lower()))
        if value not in (None, "", [], {}):
            return value
    return None


def _string(value: object) -> str:
    """Return a scalar, the first item of a list, or a dict's "name" as a string."""
    if isinstance(value, list):
        return _string(value[0]) if value else ""
    if isinstance(value, dict):
        return _string(value.get("name") or value.get("title") or "")
    if value is None or isinstance(value, bool):
        return ""
    return str(value).strip()


def _names(value: object) -> list[str]:
    """Return the author strings in a byline value (string, list, or objects with a name)."""
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    text = _string(value)
    return [text] if text else []


def _paragraphs(value: object) -> list[str]:
    """Return the paragraphs of a body value: a list, HTML, or text with blank lines between paragraphs."""
    if isinstance(value, list):
        return [p for item in value for p in _paragraphs(item)]
    text = _string(value) if not isinstance(value, str) else value
    if not text.strip():
        return []
    if _HTML_BODY.search(text):
        return _html_paragraphs(text)
    return _text_paragraphs(text)


def _body_like(record: dict) -> object:
    """Return the longest string of prose under a key named like a body, or None."""
    candidates = [value for key, value in record.items()
                  if isinstance(value, str) and _BODY_LIKE.search(key)
                  and len(value.split()) >= _BODY_LIKE_MIN_WORDS]
    return max(candidates, key=len, default=None)


def _html_paragraphs(text: str) -> list[str]:
    """Return the paragraphs of an HTML body: one per innermost block element; <br> breaks a run of text."""
    fragment = lxml_html.fragment_fromstring(text, create_parent="div")
    for element in fragment.xpath(".//script | .//style"):
        element.drop_tree()
    for br in fragment.iter("br"):
        br.tail = _BREAK + (br.tail or "")
    paragraphs: list[str] = []
    for element in fragment.iter(*_BLOCKS):
        if not any(child.tag in _BLOCKS for child in element.iterdescendants()):
            paragraphs += _runs(element.text_content())
            continue
        # A wrapping block: its own text is what lies between the blocks inside it.
        run = element.text or ""
        for child in element:
            if child.tag in _BLOCKS:
                paragraphs += _runs(run)
                run = ""
            else:
                run += child.text_content()
            run += child.tail or ""
        paragraphs += _runs(run)
    return paragraphs


def _runs(text: str) -> list[str]:
    """Return the runs of text between line breaks, spaces normalised, empty ones left out."""
    return [normalise_space(part) for part in text.split(_BREAK) if part.strip()]


def _text_paragraphs(text: str) -> list[str]:
    """Return the paragraphs of plain text: blank lines part them, or single line breaks if there are none."""
    text = text.replace("\r\n", "\n")
    parts = _PARAGRAPH_BREAK.split(text) if _PARAGRAPH_BREAK.search(text) else text.split("\n")
    return [normalise_space(p) for p in parts if p.strip()]
