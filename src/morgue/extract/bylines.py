"""Bylines → people's names only ("Jane Doe and John Roe").

A byline on a page carries more than names: "By", job titles, the agency,
"Email the author", the date. The archive's byline field is who wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from morgue.extract.dates import find_date_span
from morgue.extract.headlines import looks_like_masthead

_LEAD = re.compile(
    r"^\s*(?:(?:written|words|story|reporting|report|text|interview)\s+)?(?:by|from)\s*[:\-]?\s+", re.I
)
_NOISE = [
    re.compile(p, re.I)
    for p in (
        r"\bemail (?:the )?author\b",
        r"\bfollow (?:on|me on|us on)? ?(?:twitter|x|facebook|instagram|linkedin)\b",
        r"\bview (?:all )?(?:articles|stories|posts)(?: by)?\b",
        r"\bmore (?:articles|stories) by\b",
        r"\bsee all\b",
        r"\bcontact\b.*$",
        r"\S+@\S+",
        r"https?://\S+",
        r"(?<!\w)@\w+",
        r"\b(?:published|updated|posted|last updated|first published)\b:?",
        r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)\b",
        r"\b\d{1,2}:\d{2}\b(?:\s*(?:GMT|UTC|BST|EST|EDT|CST|PST|PDT|CET))?",
        r"\b\d+\s+min(?:ute)?s?\s+read\b",
    )
]
# Titles and agencies that share a byline with the names but are not people.
_ROLE_WORDS = (
    r"(?:senior |chief |deputy |associate |special |political |foreign |science |sports? |business |"
    r"health |education |legal |city |staff |local |investigative |contributing |assistant |managing |"
    r"executive |washington |europe |africa |asia |middle east )*"
    r"(?:staff writer|staff reporter|staff|writer|reporter|correspondent|editor|columnist|contributor|"
    r"photographer|critic|analyst|producer|journalist|bureau chief|news editor|intern|"
    r"guest writer|special to [\w .]+)"
)
_ROLE_PART = re.compile(rf"^(?:the |a |an |our )?(?:[\w&'-]+ ){{0,3}}{_ROLE_WORDS}s?(?: at .*| for .*| in .*| of .*)?$",
                        re.I)
_ROLE_SUFFIX = re.compile(rf"\s+(?:[-–—|]\s*)?{_ROLE_WORDS}s?(?:\s+(?:at|for|in)\s+.*)?$", re.I)
_FOR_OUTLET = re.compile(r"\s+(?:for|of|at)\s+(?:the\s+)?[A-Z][\w.&' ]*$")
_AGENCIES = re.compile(
    r"^(?:the )?(?:associated press|ap|reuters|afp|agence france-presse|upi|united press international|"
    r"press association|pa|pa media|agencies|wire services?|news services?|bloomberg|dpa|efe|ansa|sda|apa|kna|epd|"
    r"ddp|kyodo|xinhua|pti|ians|ani|tass|ria novosti|deutsche presse-agentur|news staff|staff|redaktion|"
    r"staff and agencies|staff reports?|wires?|editorial (?:board|staff)|the editors|newsroom)$",
    re.I,
)
_SPLIT = re.compile(r"\s*(?:;|,|\||/|&|·|•|\band\b|\bund\b|\bet\b|\by\b|\bog\b|\bwith\b|\n)\s*", re.I)
# An agency named after a person in one string ("John O'Connor The Associated Press").
_TRAILING_AGENCY = re.compile(r"\s+(?:the\s+)?(?:associated press|reuters|afp|ap|dpa|bloomberg)$", re.I)
# Words of the page's controls, never of a person's name ("Text Size", "View Comments").
_UI_WORDS = {"text", "size", "view", "comments", "comment", "stories", "recent", "share", "follow", "print",
             "email", "more", "read", "subscribe", "newsletter", "sign", "login", "all", "posts", "articles",
             "profile", "bio", "twitter", "facebook", "instagram", "linkedin", "updated", "published", "min",
             "news", "editor", "staff", "team", "desk", "online", "digital", "media", "network", "today",
             "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "pst", "pdt", "est",
             "edt", "gmt", "bst", "cet", "cest", "utc", "ist", "am", "pm", "daily", "weekly", "times", "magazine",
             "gazette", "tribune", "herald", "chronicle", "journal", "radio", "tv", "link", "copied", "scholar",
             "partners", "our", "contact", "author", "authors", "search", "menu", "home", "page"}
# A piece that credits the pictures, not the words ("Photography by", "Foto:"): it and the name after it go.
_PICTURE_CREDIT = re.compile(r"^(?:photo(?:graph)?s?|photography|illustrations?|pictures?|images?|video|graphics?|"
                             r"fotos?|bilder?|credit)(?:\s+(?:by|von|de|par))?\s*:?\s*(?P<rest>.*)$", re.I)
_PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le", "du", "bin", "al",
              "el", "ibn", "y", "dos", "das", "ter", "st.", "mac", "o'"}
_NAME_WORD = re.compile(r"^(?:[A-Z\u00c0-\u00de][\w'’.\-]*|[A-Z]\.(?:[A-Z]\.)*)$")


def clean_byline(raw: str | Iterable[str] | None) -> str:
    """Return the people's names in a byline, joined "A", "A and B", "A, B and C"; "" if none."""
    return join_names(byline_names(raw))


def byline_names(raw: str | Iterable[str] | None) -> list[str]:
    """Return the people named in a byline (or a list of author strings), each once, in order."""
    if not raw:
        return []
    pieces = [raw] if isinstance(raw, str) else [str(item) for item in raw if item]
    names: list[str] = []
    for piece in pieces:
        for name in _names_in(piece):
            if name.lower() not in {n.lower() for n in names}:
                names.append(name)
    return names


def byline_credit(raw: str | Iterable[str] | None) -> str:
    """Return the agency or desk a byline credits ("AP", "dpa", "Staff and agencies"), or ""."""
    if not raw:
        return ""
    pieces = [raw] if isinstance(raw, str) else [str(item) for item in raw if item]
    for piece in pieces:
        for part in _SPLIT.split(" ".join(piece.split())):
            part = _LEAD.sub("", part.strip(" .:-–—()[]\u00a0"))
            if part and _AGENCIES.match(part):
                return part
    return ""


def names_in_pieces(pieces: list[str]) -> list[str]:
    """Return the people named in a byline element given as its text pieces (one per text node).

    The pieces are read apart, so "Jane Doe" + "Twitter" never runs together into one name.
    """
    kept, skip = [], False
    for piece in pieces:
        credit = _PICTURE_CREDIT.match(piece)
        if credit:
            skip = not credit["rest"]  # "Photography by" alone: the name is the next piece
            continue
        if not skip:
            kept.append(piece)
        skip = False
    return byline_names(" | ".join(kept))


def split_byline(byline: str) -> list[str]:
    """Return the names of a byline as clean_byline joins them ("A, B and C" → [A, B, C])."""
    return [name for name in re.split(r", | and ", byline) if name] if byline else []


def looks_like_byline(line: str) -> bool:
    """Return True if a line of text is a byline ("By Jane Doe, Staff Writer")."""
    line = line.strip()
    if not _LEAD.match(line) or len(line) > 120:
        return False
    return bool(clean_byline(line)) or bool(_AGENCIES.match(_LEAD.sub("", line).strip(" .")))


def join_names(names: list[str]) -> str:
    """Return names joined as an English list: "A", "A and B", "A, B and C"."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _names_in(text: str) -> list[str]:
    """Return the person names found in one byline string."""
    text = " ".join(text.split())
    span = find_date_span(text)
    while span:
        text = (text[: span[0]] + " " + text[span[1]:]).strip()
        span = find_date_span(text)
    for pattern in _NOISE:
        text = pattern.sub(" ", text)
    text = _LEAD.sub("", text)
    names = []
    for part in _SPLIT.split(text):
        part = _LEAD.sub("", part.strip(" .:-–—()[]\u00a0"))
        if not part or _ROLE_PART.match(part) or _AGENCIES.match(part):
            continue
        if _ROLE_SUFFIX.search(part):
            part = _ROLE_SUFFIX.sub("", part)
            # "AP Auto Writer" is the agency's title for someone, not a name.
            if _AGENCIES.match(part.split()[0] if part.split() else ""):
                continue
        part = _FOR_OUTLET.sub("", part).strip(" .,-–—")
        part = _TRAILING_AGENCY.sub("", part)
        if _is_name(part):
            names.append(part)
    return names


_CJK_NAME = re.compile(r"^[\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7af]{1,4}(?: ?[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]{1,4})$")


def _is_name(text: str) -> bool:
    """Return True if ``text`` reads like a person's name: 2–5 capitalised words, no digits (or 2–8 CJK characters)."""
    if _CJK_NAME.match(text):
        return True
    words = text.split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in text):
        return False
    if _AGENCIES.match(text):
        return False
    # "The Valley Evening Post staff" credits a paper, not a person.
    if (words[0].lower() == "the" or text.isupper()) and looks_like_masthead(text):
        return False
    if any(re.sub(r"['’]s$", "", w.lower()) in _UI_WORDS for w in words):
        return False
    capitalised = 0
    for word in words:
        if word.lower() in _PARTICLES:
            continue
        if not _NAME_WORD.match(word):
            return False
        capitalised += 1
    return capitalised >= 2
