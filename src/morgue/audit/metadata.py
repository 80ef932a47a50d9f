"""Metadata: a missing or boilerplate headline, a byline that is not a name, a missing section."""

from __future__ import annotations

import re
from collections.abc import Iterator

from morgue.audit.context import AuditContext
from morgue.audit.defect import HIGH, LOW, MEDIUM, Defect
from morgue.extract.article import Article

# Titles a CMS or a template gives a page that has no headline of its own.
_BOILERPLATE_HEADLINES = re.compile(
    r"^(?:home(?: ?page)?|index|untitled(?: document| page)?|no title|new page|default|"
    r"article|news|story|page not found|404(?: not found)?|not found|error|welcome|"
    r"document|(?:un)?published|draft|test|title|headline|none|null|undefined)$",
    re.I,
)

# Bylines that name no person: a link text, a desk, a date, an address.
_NOT_A_NAME = re.compile(
    r"^(?:by\s+)?(?:"
    r"e-?mail (?:the )?(?:author|reporter|writer|us)|contact (?:the )?(?:author|reporter)|"
    r"follow (?:on|us)\b.*|more (?:articles|stories) by.*|view (?:all|author).*|read more.*|"
    r"staff(?: writer| reporter)?s?|admin(?:istrator)?|editor|webmaster|unknown|anonymous|"
    r"none|null|undefined|n/?a|author|reporter|posted by|"
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})(?:\s.*)?|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b.*|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}.*|"
    r"\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}.*|"
    r"(?:updated|published|posted)\b.*|"
    r"\S+@\S+\.\S+|https?://\S+|www\.\S+"
    r")$",
    re.I,
)


def find_metadata_defects(article: Article, context: AuditContext) -> Iterator[Defect]:
    """Yield the headline, byline and section defects of one article."""
    headline = " ".join(article.headline.split())
    if not headline:
        yield Defect(
            "headline-missing", HIGH, "headline", None, 0, 0,
            "The article has no headline.", None,
        )
    elif _BOILERPLATE_HEADLINES.match(headline) or (
        context.site_name and headline.casefold() == " ".join(context.site_name.split()).casefold()
    ):
        yield Defect(
            "headline-boilerplate", MEDIUM, "headline", None, 0, len(article.headline),
            f"The headline {headline!r} is a page title the site gave, not the article's headline.",
            None,
        )
    byline = " ".join(article.byline.split())
    if byline and (_NOT_A_NAME.match(byline) or not any(c.isalpha() for c in byline)):
        yield Defect(
            "byline-not-a-name", LOW, "byline", None, 0, len(article.byline),
            f"The byline {byline!r} names no writer: it is a link text, a desk, a date or an address.",
            None,
        )
    if not article.section.strip():
        yield Defect(
            "section-missing", LOW, "section", None, 0, 0,
            "The source gave no section for this article.", None,
        )
