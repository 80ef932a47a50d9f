"""Walls: pages that show a paywall, a consent wall or a sign-in wall instead of the article.

A crawler that met a wall archived the wall. Such a page must be rejected
("no-text", saying which wall) rather than kept as an article made of the
prompt. A page that shows a real lead paragraph before the wall is a teaser:
it keeps its article (a later audit step flags it as truncated).
"""

from __future__ import annotations

import re

from morgue.errors import ExtractionError
from morgue.extract.article import Article
from morgue.read.document import RawDocument

# Words of other prose a page may hold besides its wall before it counts as
# an article: a lead paragraph is 30-60 words, a wall's small print fewer.
_MAX_OTHER_WORDS = 40
# A wall's prompt is short; a long paragraph that mentions one is prose.
_MAX_PROMPT_CHARS = 400

# Each pattern says the content is *held back* ("to continue reading"), not
# merely that a subscription or an account exists, so an ordinary footer
# ("Subscribe from £1 a week", "Sign in") never makes a wall.
_WALLS: list[tuple[str, re.Pattern]] = [
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        ("paywall", r"\bsubscribe (?:now |today )?to (?:continue|keep) reading\b"),
        ("paywall", r"\bto (?:continue|keep) reading,? (?:please )?(?:subscribe|become a (?:subscriber|member)|start your)"),
        ("paywall", r"\b(?:this|the) (?:article|story|content|page) is (?:only )?(?:available|reserved|exclusive)"
                    r" (?:only )?(?:to|for) (?:paying |our )?(?:subscribers|members|premium)"),
        ("paywall", r"\b(?:for |exclusive to )?subscribers only\b"),
        ("paywall", r"\byou(?:'ve|’ve| have) (?:reached|used up|read) (?:your|the|all (?:of )?your) "
                    r"(?:limit of |monthly limit of |\d+ )?free (?:articles|stories)"),
        ("paywall", r"\b(?:unlock|subscribe to read) (?:this|the full) (?:article|story)\b"),
        ("paywall", r"\bsubscribe to (?:read|unlock|access) (?:this|the full|the rest)"),
        ("sign-in wall", r"\b(?:please )?(?:sign|log) ?in (?:or (?:register|create an account|sign up) )?to "
                         r"(?:continue|read|view|access|keep reading|see)\b"),
        ("sign-in wall", r"\byou (?:must|need to) (?:be )?(?:signed|logged) ?in\b"),
        ("sign-in wall", r"\byou (?:must|need to) (?:sign|log) ?in\b"),
        ("sign-in wall", r"\b(?:register|create a (?:free )?account|sign up)(?: for free)? to (?:continue|read|view|access|keep reading)\b"),
        ("sign-in wall", r"\b(?:this|the) (?:article|story|content|page) is (?:only )?available to (?:registered|signed-in|logged-in) (?:users|readers|members)\b"),
        ("consent wall", r"\bbefore you continue\b"),
        ("consent wall", r"\bwe value your privacy\b"),
        ("consent wall", r"\bwe and our (?:\d+ )?(?:partners|vendors)\b"),
        ("consent wall", r"\b(?:accept|allow|agree to) (?:all )?(?:cookies|tracking)(?: and [\w ]{1,30})? to "
                         r"(?:continue|view|read|access|see)\b"),
        ("consent wall", r"\b(?:consent|agree) to (?:the use of |our use of )?(?:cookies|personal data|data processing)"
                         r" (?:to|before) (?:continue|view|read|access|see)"),
    )
]
_WORD = re.compile(r"\w+")


def find_wall(paragraphs: list[str] | tuple[str, ...], headline: str = "") -> str | None:
    """Return "paywall", "consent wall" or "sign-in wall" if the text is only such a wall, else None."""
    found: dict[str, int] = {}
    other_words = 0
    for paragraph in paragraphs:
        kinds = _wall_kinds(paragraph) if len(paragraph) <= _MAX_PROMPT_CHARS else []
        for kind in kinds:
            found[kind] = found.get(kind, 0) + 1
        if not kinds:
            other_words += len(_WORD.findall(paragraph))
    for kind in _wall_kinds(headline):
        found[kind] = found.get(kind, 0) + 1
    if not found or other_words > _MAX_OTHER_WORDS:
        return None
    # The wall that speaks most; on a tie, the first in the order of _WALLS.
    order = [kind for kind, _ in _WALLS]
    return max(found, key=lambda kind: (found[kind], -order.index(kind)))


def check_walls(article: Article) -> None:
    """Raise ExtractionError("no-text") if the article is only a paywall, consent wall or sign-in wall."""
    wall = find_wall(article.body, article.headline)
    if wall:
        raise ExtractionError("no-text", f"no article text found: page is a {wall}")


def wall_in_document(doc: RawDocument) -> str | None:
    """Return the wall a page with no article text shows ("paywall", ...), or None.

    Used when extraction found no text: the chrome rules may have taken the
    prompt out already, so every short block of the page is looked at.
    """
    from morgue.extract.decode import decode_document
    from morgue.extract.sitechrome import html_blocks, parse_body

    try:
        text = decode_document(doc.data, doc.declared_encoding, doc.kind).text
    except ExtractionError:
        return None
    if doc.kind == "html":
        body = parse_body(text)
        blocks = [block.text for block in html_blocks(body)] if body is not None else []
    else:
        blocks = [" ".join(line.split()) for line in text.splitlines()]
    found: dict[str, int] = {}
    for block in blocks:
        if len(block) <= _MAX_PROMPT_CHARS:
            for kind in _wall_kinds(block):
                found[kind] = found.get(kind, 0) + 1
    order = [kind for kind, _ in _WALLS]
    return max(found, key=lambda kind: (found[kind], -order.index(kind))) if found else None


def _wall_kinds(text: str) -> list[str]:
    kinds = []
    for kind, pattern in _WALLS:
        if kind not in kinds and pattern.search(text):
            kinds.append(kind)
    return kinds
