"""Line-level patterns: site chrome, archive notices and datelines.

These recognise chrome on one page. Chrome learned across a whole site
(lines that repeat on many pages) is a later, site-wide step.
"""

from __future__ import annotations

import re

# Each pattern names the reason recorded in Article.removed. They match the
# *whole* short line or paragraph, so a body sentence that merely mentions
# "subscribe" or "privacy" is kept.
_CHROME: list[tuple[str, re.Pattern]] = [
    (reason, re.compile(pattern, re.I))
    for reason, pattern in (
        ("copyright", r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?.*"
                      r"(?:all rights reserved|\d{4}).*$"),
        ("copyright", r"^.*\ball rights reserved\.?$"),
        ("sign-in prompt", r"^(?:please\s+)?(?:sign|log)\s*(?:in|up|on)\b.{0,80}$"),
        ("sign-in prompt", r"^.{0,60}\b(?:create|register for) an? (?:free )?account\b.{0,60}$"),
        ("sign-in prompt", r"^already (?:a subscriber|have an account|registered)\b.{0,80}$"),
        ("terms", r"^.{0,80}\b(?:agree|consent) to (?:our|the) (?:privacy|terms|cookie).{0,120}$"),
        ("terms", r"^(?:privacy(?: policy| notice)?|terms (?:of use|and conditions|of service)|cookie (?:policy|settings)"
                  r"|contact us|about us|accessibility|sitemap|site map)(?:\s*[|·•]\s*.{0,40})*$"),
        ("cookie notice", r"^.{0,80}\b(?:we use cookies|this (?:site|website) uses cookies|accept (?:all )?cookies)\b.{0,200}$"),
        ("share prompt", r"^(?:.{0,100}[.!] )?(?:follow|like) (?:us|him|her|them|@?\w+) on (?:twitter|facebook|instagram"
                         r"|youtube|linkedin|tiktok|threads)\b.{0,100}$"),
        ("share prompt", r"^(?:sharing is caring|(?:like|enjoy(?:ed)?) this (?:story|article|post)\?? share it"
                         r"(?: with (?:a friend|your friends))?)\W*$"),
        ("share prompt", r"^(?:share|share this(?: article| story| page)?|share on \w+|tweet|email|print"
                         r"|copy link|facebook|twitter|whatsapp|linkedin|reddit)(?:\s*[|·•:,]?\s*(?:share|facebook|twitter|"
                         r"x|email|whatsapp|linkedin|reddit|print|copy link|messenger))*\s*:?$"),
        ("subscription prompt", r"^(?:subscribe|subscribe now|subscribe today|become a (?:subscriber|member)"
                                r"|support (?:our|independent) journalism|sign up for (?:our|the) .{0,60}newsletter"
                                r"|get (?:our|the) .{0,40}newsletter)\b.{0,160}$"),
        ("subscription prompt", r"^(?:click here to |please |why not |don't miss out[,:]? )?subscribe\b.{0,120}$"),
        ("advertisement", r"^(?:advertisement|advert|sponsored(?: content)?|ad|ads by \w+|promoted|"
                          r"skip (?:advert|advertisement|ad))\.?$"),
        ("related links", r"^(?:related(?: articles| stories| content| coverage)?|read more|more on this story"
                          r"|see also|most (?:read|popular|viewed)|you may also like|recommended(?: for you)?"
                          r"|trending(?: now)?|top stories|latest news|more from [\w ]{1,40})\s*:?$"),
        ("related links", r"^(?:read more|related|see also|more)\s*:\s*.{1,150}$"),
        ("related links", r"^(?:related news|trending news|don'?t miss|you may also like|you might also like"
                          r"|recommended stories)\W*$"),
        ("subscription prompt", r"^(?:sign up|subscribe)\b.{0,80}\bnewsletters?\b.{0,60}$"
                                r"|^let our news meet your inbox\b.{0,120}$"),
        # Wire credits at the foot of a story: who else reported or edited it.
        ("credits", r"^(?:.{0,200}\bcontributed to this (?:report|story|article)\.?"
                    r"|(?:additional )?(?:reporting|writing|editing) by\b.{0,250})$"),
        ("comments", r"^(?:\d+\s+)?comments?(?:\s*\(\d+\))?$|^(?:join|view|show|read) (?:the )?(?:\d+ )?comments?\b.{0,40}$"),
        ("navigation", r"^(?:skip to (?:main )?content|back to top|menu|search|home|next article|previous article)$"),
        # Controls of a photo gallery or player left as text.
        ("navigation", r"^(?:close|caption|text size|expand|hide caption|toggle caption|image \d+ of \d+"
                       r"|this slideshow requires javascript\.?)$"),
    )
]

# Most lines are prose: one pass of every pattern at once rules them out;
# only a hit is checked pattern by pattern, so the first reason wins.
_ANY_CHROME = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _CHROME), re.I)

# Notices an archive puts on old articles; kept apart from the body because
# they are about the page, not part of what the newspaper printed.
_NOTICES = re.compile(
    r"^(?:"
    r"this (?:article|story|piece|page) (?:is|was) (?:from|taken from|part of) (?:the |our )?.{0,40}archives?\b"
    r"|this (?:article|story|piece) (?:was|is) (?:published|written|first published) (?:more than|over) \w+ \w+ ago"
    r"|this (?:article|story|piece) is (?:more|over) than \w+ (?:years?|months?) old"
    r"|this (?:article|story) (?:was )?(?:originally|first) (?:published|appeared) (?:in|on) "
    r"|from the (?:\w+ )?archives?\b"
    r"|archived (?:article|story|content)\b"
    r"|(?:the )?(?:following|this) (?:article|story) (?:has been|was) (?:archived|digiti[sz]ed)"
    r")",
    re.I,
)
_NOTICE_MAX = 400

_NAV_SEPARATORS = re.compile(r"\s+[|·•»›>/]\s+")

# "WASHINGTON (AP) —", "SAN JUAN, Puerto Rico —", "LONDON, March 3 (Reuters) -",
# "MOSCOW, March 3 —". The place is written in capitals by wire style; a
# place in ordinary case is accepted only with an agency in brackets.
_PLACE_CAPS = r"[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}"
_PLACE_ANY = r"[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,3}"
_REGION = r"(?:,\s+[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})?"
_WHEN = r"(?:,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
_AGENCY = r"\((?:AP|Reuters|AFP|UPI|dpa|PA|Bloomberg|CNN|[A-Z]{2,6})\)"
_DASH = r"\s*(?:—|–|--|-|:)\s+"
_DATELINES = [
    re.compile(rf"^(?P<dateline>{_PLACE_CAPS}{_REGION}{_WHEN}(?:\s+{_AGENCY})?){_DASH}(?=\S)"),
    re.compile(rf"^(?P<dateline>{_PLACE_ANY}{_REGION}{_WHEN}\s+{_AGENCY}){_DASH}(?=\S)"),
]


def chrome_reason(text: str, max_chars: int = 200) -> str | None:
    """Return why a short line or paragraph is site chrome ("copyright", ...), or None if it is not."""
    text = " ".join(text.split())
    if not text or len(text) > max_chars:
        return None
    if _ANY_CHROME.match(text):
        for reason, pattern in _CHROME:
            if pattern.match(text):
                return reason
    if is_navigation(text):
        return "navigation"
    return None


def is_notice(text: str) -> bool:
    """Return True if the paragraph is an archive notice about the page."""
    text = " ".join(text.split())
    return len(text) <= _NOTICE_MAX and bool(_NOTICES.match(text))


def is_navigation(line: str) -> bool:
    """Return True for a menu line such as "Home | News | Sport | Business"."""
    line = line.strip()
    # Tables rendered as text ("| 1 | Kyle Busch | 5040 |") are content.
    if line.startswith("|") or line.endswith("|"):
        return False
    items = _NAV_SEPARATORS.split(line)
    if len(items) < 3:
        return False
    # Menu items are short labels, not sentences.
    return all(0 < len(item) <= 30 and not item.rstrip().endswith((".", "?", "!")) for item in items)


# "Moscow —", "New York, Aug. 28 –": a place in ordinary case before a long dash, accepted
# when the gazetteer knows the place (so "Meanwhile —" is not a dateline).
_PLAIN_DATELINE = re.compile(rf"^(?P<dateline>(?P<place>{_PLACE_ANY}){_REGION}{_WHEN})\s*(?:—|–|--)\s+(?=[A-Z\"“‘'])")


def split_dateline(paragraph: str) -> tuple[str, str] | None:
    """Return (dateline, rest of paragraph) if the paragraph opens with a dateline, else None."""
    match = _PLAIN_DATELINE.match(paragraph)
    if match and not any(p.match(paragraph) for p in _DATELINES):
        from morgue.places import is_place

        rest = paragraph[match.end():].strip()
        if is_place(match["place"]) and len(rest) >= 20:
            return match["dateline"].strip(), rest
    for pattern in _DATELINES:
        match = pattern.match(paragraph)
        if match:
            dateline = match["dateline"].strip()
            rest = paragraph[match.end():].strip()
            # A real dateline opens a sentence that goes on; "BREAKING: x" is not one.
            if len(rest) >= 20 and dateline.upper() not in {"BREAKING", "UPDATE", "EXCLUSIVE", "WATCH", "LIVE"}:
                return dateline, rest
    return None


# Sentences a site prints under every story: copyright, terms of use, privacy, reproduction rights.
_LEGAL = re.compile(
    r"(?:©|\(c\)|\bcopyright\b|all rights reserved|\bterms (?:of (?:use|service)|and conditions)\b"
    r"|privacy (?:policy|notice|statement)|constitutes acceptance|may not be (?:published|reproduced|broadcast"
    r"|rewritten|redistributed|copied|republished)|without (?:the )?(?:prior )?(?:written )?permission"
    r"|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|user agreement|cookie policy)",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z©(])")


def legal_sentences(paragraph: str) -> tuple[str, str]:
    """Return (the story's part, the trailing copyright/terms sentences) of a paragraph; ("", "") if none.

    Only sentences at the end count, and only when each one is legal
    boilerplate: a story that mentions a copyright case keeps its sentence.
    """
    sentences = _SENTENCE_END.split(paragraph.strip())
    cut = len(sentences)
    while cut > 0 and _LEGAL.search(sentences[cut - 1]) and len(sentences[cut - 1]) <= 400:
        cut -= 1
    if cut == len(sentences):
        return paragraph, ""
    return " ".join(sentences[:cut]), " ".join(sentences[cut:])
