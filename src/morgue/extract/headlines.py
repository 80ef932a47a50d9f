"""Page titles → headlines, without the site name glued on ("… - BBC News")."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Separators sites put between headline and site name, widest first.
_SEPARATORS = (" | ", " - ", " — ", " – ", " :: ", " · ", " • ", " // ", " « ", " » ")
# Words that make a short title segment look like a publication's name.
_MASTHEAD_WORDS = re.compile(
    r"\b(?:news|times|post|herald|gazette|chronicle|tribune|courier|journal|observer|clarion|express|mail|"
    r"star|sun|telegraph|guardian|record|standard|examiner|inquirer|ledger|bulletin|dispatch|sentinel|"
    r"register|review|mirror|independent|press|daily|weekly|online|magazine|radio|tv|echo|argus|advertiser|"
    r"globe|citizen|leader|enquirer|monitor|reporter|beacon|messenger|times-\w+)\b|\.(?:com|co\.uk|org|net)\b",
    re.I,
)


def strip_site_name(title: str, site_names: Iterable[str] = (), sections: Iterable[str] = ()) -> str:
    """Return the headline in a page title, with a leading or trailing site name removed.

    A segment is a site name when it matches one of ``site_names``
    (og:site_name, the host name, the masthead) or, failing that, when it is
    a short trailing segment that reads like a publication's name. A leading
    segment that is exactly one of ``sections`` ("Opinion | ...") goes too.
    """
    title = " ".join(title.split())
    names = [_key(name) for name in site_names if name and _key(name)]
    section_keys = {_key(section) for section in sections if section and _key(section)}
    for sep in _SEPARATORS:
        if sep not in title:
            continue
        parts = title.split(sep)
        # Known site name at either end ("Site | Headline" or "Headline | Site | Section").
        for _ in range(len(parts) - 1):
            if names and _matches(parts[-1], names):
                parts = parts[:-1]
            elif (names and _matches(parts[0], names)) or _key(parts[0]) in section_keys:
                parts = parts[1:]
            else:
                break
        if len(parts) > 1 and looks_like_masthead(parts[-1]):
            parts = parts[:-1]
        candidate = sep.join(parts).strip()
        if candidate and candidate != title:
            return candidate
    return title


def _key(text: str) -> str:
    """Return a comparison key: lower-case letters and digits only, without "www" and TLD."""
    text = text.lower()
    text = re.sub(r"^https?://", "", text)
    text = re.sub(r"^www\.", "", text)
    text = re.sub(r"\.(?:com|co\.uk|org|net|co|uk|us|ie|au|ca|in)(?:/.*)?$", "", text)
    return re.sub(r"[^a-z0-9]", "", text.removeprefix("the "))


def _matches(segment: str, names: list[str]) -> bool:
    """Return True if a title segment is one of the site's names (or contains one)."""
    key = _key(segment)
    if not key:
        return False
    return any(key == name or (len(name) >= 4 and (name in key or key in name)) for name in names)


def looks_like_masthead(segment: str) -> bool:
    """Return True for a short segment that reads like a publication's name ("The Daily Clarion")."""
    words = segment.split()
    if not 1 <= len(words) <= 5:
        return False
    if not all(w[0].isupper() or w[0].isdigit() or w.lower() in {"the", "of", "and", "on", "de"} for w in words):
        return False
    return bool(_MASTHEAD_WORDS.search(segment))
