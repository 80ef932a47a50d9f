"""Site chrome inside the body: prompts, consent text, share bars, related links, copyright lines."""

from __future__ import annotations

import re
from collections.abc import Iterator

from morgue.audit.defect import MEDIUM, Defect
from morgue.extract.chrome import chrome_reason

# Whole paragraphs are judged by the extractor's own line rules
# (morgue.extract.chrome), so that what extraction would have removed from
# a page is named the same way when it got into a body another way (a JSON
# export, a text scrape, an old extractor). These patterns add chrome that
# is *glued* to a paragraph of prose, which a line rule cannot see: a
# sentence of its own, at the start or end of a paragraph.
_GLUED = re.compile(
    r"(?:^|(?<=[.!?\"\u201d])\s+)(?P<chrome>(?:"
    r"(?:click|tap) here to (?:subscribe|sign up|register|log in|sign in|read more|continue|share|comment|download the app)"
    r"|(?:sign up|subscribe|register) (?:now |today |here )?(?:for|to) (?:our|the) (?:free |daily |weekly )?(?:\w+ ){0,3}newsletters?"
    r"|(?:get|receive) (?:our|the) (?:free |daily |weekly )?(?:\w+ ){0,3}newsletter (?:in|delivered to|straight to) your inbox"
    r"|(?:please )?(?:sign|log) in (?:or (?:register|subscribe) )?to (?:continue reading|read (?:the full|this|more)|comment|view)"
    r"|already a subscriber\?|subscribe (?:now|today) (?:for|to get) "
    r"|(?:we|this (?:site|website)) uses? cookies (?:to|so that|in order)"
    r"|by (?:continuing to (?:use|browse)|using) (?:this|our) (?:site|website)[^.]{0,60}(?:agree|accept|consent)"
    r"|share (?:this|the) (?:article|story|page) (?:on|via|with) (?:facebook|twitter|email|whatsapp|linkedin)"
    r"|follow us on (?:twitter|facebook|instagram|tiktok|linkedin|x\b)"
    r"|(?:related (?:stories|articles|links|coverage)|more on this story|you may also like|read more|most read)\s*:"
    r"|(?:copyright|\u00a9|\(c\))\s*(?:\d{4}\s*)?.{0,80}?\ball rights reserved"
    r"|advertisement\s*(?:-\s*)?(?:story|article) continues below"
    r"|(?:story|article) continues (?:below|after (?:the )?advert(?:isement)?)"
    r"|(?:e-?mail|print) this (?:article|story|page)\b"
    r")[^.!?]{0,160}[.!?]?)",
    re.I,
)


def find_chrome(body: tuple[str, ...]) -> Iterator[Defect]:
    """Yield a `chrome-in-body` defect per paragraph or glued sentence of site chrome."""
    for index, paragraph in enumerate(body):
        reason = chrome_reason(paragraph)
        if reason:
            yield Defect(
                "chrome-in-body", MEDIUM, "body", index, 0, len(paragraph),
                f"This paragraph is site chrome ({reason}), not part of the article.",
                None,
            )
            continue
        for match in _GLUED.finditer(paragraph):
            yield Defect(
                "chrome-in-body", MEDIUM, "body", index, match.start("chrome"), match.end("chrome"),
                "This sentence is site chrome (a prompt, share bar, related links or copyright line) "
                "that got into the article's text.",
                None,
            )
