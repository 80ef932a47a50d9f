"""The source's own subject tags: keywords, topics, subjects, as a list of tidy names.

Only tags that belong to the article are read: a CMS export's ``tags`` or
``topics``, NITF's key-list and subject codes, a page's ``news_keywords``
and ``article:tag``. A page's plain ``keywords`` meta is left out: on old
sites it is usually the same search-engine list on every page, which would
teach the topic model nothing but the site.
"""

from __future__ import annotations

import re

from morgue.extract.body import normalise_space

MAX_TAGS = 30
MAX_TAG_CHARS = 80
_SPLIT = re.compile(r"\s*[,;|]\s*")


def tidy_tags(values) -> tuple[str, ...]:
    """Return the tags of a value (a list, a comma-separated string, or dicts with a name), tidied and deduplicated."""
    found: list[str] = []
    for value in values if isinstance(values, list | tuple) else [values]:
        if isinstance(value, dict):
            value = value.get("name") or value.get("title") or value.get("label") or ""
        if not isinstance(value, str):
            continue
        for part in _SPLIT.split(value):
            tag = normalise_space(part).strip(" .#")
            if tag and len(tag) <= MAX_TAG_CHARS and tag.lower() not in {t.lower() for t in found}:
                found.append(tag)
    return tuple(found[:MAX_TAGS])
