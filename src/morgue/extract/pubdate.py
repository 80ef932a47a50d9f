"""An HTML page's publication date, chosen from the evidence bound to the story, never invented.

In order of trust:

1. What the page states in metadata (JSON-LD ``datePublished``, ``article:published_time``,
   ``<time pubdate>``, any ``…publicationDate`` meta tag).
2. A date line beside the headline or byline ("Published 12/10/16", "Oct 9, 2019, 11:05 IST"):
   elements marked as the byline or as a date, after the page's ``<h1>``.
3. htmldate's reading of the rest of the page, accepted only when the day it names is printed
   somewhere outside the page's header, navigation and footer (today's date in a masthead is
   chrome, not the story's date), and only when its day and month cannot be swapped — or the
   page says which order it writes.

Every candidate after the capture date (a WARC record's date, or ``--captured-before``) or
before the earliest believable date is thrown away and recorded with its reason; a numeric
date that reads both ways (03/04/2008) with nothing to decide it is left unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from lxml.html import HtmlElement

from morgue.extract.article import RemovedBlock
from morgue.extract.dates import (
    MONTHS, day_first_for_language, day_first_hint, find_date_span, guess_published, is_ambiguous, parse_date,
    parse_structured_date,
)
from morgue.extract.options import ExtractOptions
from morgue.extract.pagemeta import PageMeta, beside_headline, elements_before

_MODIFIED_LEAD = re.compile(r"^\W*(?:last )?(?:updated|modified|revised|aktualisiert|actualizado|mis à jour)\b", re.I)
# Where a page's own header, menus and footer sit: a date printed only there is the day's date, not the story's.
_CHROME_TAGS = ("header", "nav", "footer")
_CHROME_CLASS = re.compile(r"masthead|site-?header|top-?bar|topnav|header-top|navbar|footer|ticker|today", re.I)
_STORY_CLASS = re.compile(r"article|story|post|entry|content", re.I)


@dataclass
class DateChoice:
    """The dates chosen for an article and the candidates thrown away, with why."""

    published: date | None = None
    modified: date | None = None
    removed: list[RemovedBlock] = field(default_factory=list)


def choose_dates(tree: HtmlElement, meta: PageMeta, url: str | None, options: ExtractOptions,
                 captured_at: datetime | None, source: str = "") -> DateChoice:
    """Return the page's publication and modification dates (None where there is no evidence).

    ``source`` is the page's HTML as text, where a date htmldate read outside the visible
    text (an attribute, a URL) is looked for in a form that reads one way only.
    """
    choice = DateChoice()
    latest = options.latest_date(captured_at)
    earliest = options.min_date
    order = _DayOrder(meta, tree, options)
    # 1. Stated in metadata — and where the page states several days, the one it prints beside the story.
    choice.published = _first_believable(_printed_first(meta, order, earliest, latest), earliest, latest,
                                         choice.removed, "stated published date")
    choice.modified = _first_believable(meta.modified, earliest, latest, choice.removed, "stated modified date")
    # 2. A date line beside the headline or byline.
    if choice.published is None:
        for text in meta.date_texts:
            value = _date_in_line(text, order, earliest, latest, choice.removed)
            if value is not None:
                choice.published = value
                break
    # 3. htmldate's guess, where the page prints that day outside its chrome.
    if choice.published is None:
        guess = guess_published(tree, url, earliest, latest)
        if guess is not None:
            why = _why_not_guess(tree, guess, order, source)
            if why:
                choice.removed.append(RemovedBlock(guess.isoformat(), f"date ({why})"))
            else:
                choice.published = guess
    if choice.modified is not None and choice.published is not None and choice.modified < choice.published:
        choice.modified = None
    return choice


def _printed_first(meta: PageMeta, order: _DayOrder, earliest: date, latest: date) -> list[str]:
    """Return the stated publication dates, the one the page also prints in its date line first when the
    metadata disagree among themselves (JSON-LD says the 3rd, og: and the byline's line the 6th)."""
    stated = meta.published
    days = {parse_structured_date(value) for value in stated} - {None}
    if len(days) < 2:
        return stated
    printed = set()
    for text in meta.date_texts:
        value = _date_in_line(text, order, earliest, latest, [])
        if value is not None:
            printed.add(value)
    return sorted(stated, key=lambda value: parse_structured_date(value) not in printed)


class _DayOrder:
    """Whether the page writes day/month or month/day, asked only when an ambiguous date needs it."""

    def __init__(self, meta: PageMeta, tree: HtmlElement, options: ExtractOptions):
        self._meta, self._tree, self._options = meta, tree, options
        self._known = False
        self._value: bool | None = None

    def day_first(self) -> bool | None:
        if not self._known:
            self._known = True
            # The page's own unambiguous dates first ("March 3, 2008" is American), then its
            # language and country (en-US), then the run's setting; else unknown.
            text = " ".join(self._meta.date_texts)
            body = self._tree.find("body")
            if body is not None:
                text += " " + " ".join(body.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]"))[:200_000]
            hint = day_first_hint(text)
            if hint is None:
                hint = next((h for h in map(day_first_for_language, self._meta.languages) if h is not None), None)
            self._value = self._options.day_first if hint is None else hint
        return self._value


def _first_believable(values: list[str], earliest: date, latest: date, removed: list[RemovedBlock],
                      what: str) -> date | None:
    """Return the first value that parses to a date within [earliest, latest]; record the rest thrown away."""
    for value in values:
        parsed = parse_structured_date(value)
        if parsed is None:
            continue
        if parsed > latest:
            removed.append(RemovedBlock(str(value), f"{what} after the capture date {latest.isoformat()}"))
        elif parsed < earliest:
            removed.append(RemovedBlock(str(value), f"{what} before {earliest.isoformat()}, the earliest believed"))
        else:
            return parsed
    return None


def _date_in_line(text: str, order: _DayOrder, earliest: date, latest: date,
                  removed: list[RemovedBlock]) -> date | None:
    """Return the publication date a short date line gives, or None (and why, in ``removed``)."""
    if _MODIFIED_LEAD.match(text):
        return None
    span = find_date_span(text)
    if span is None:
        return None
    written = text[span[0]:span[1]]
    day_first = order.day_first() if is_ambiguous(written) else None
    if is_ambiguous(written) and day_first is None:
        removed.append(RemovedBlock(written, "date (day and month could be either way round; nothing on the page says which)"))
        return None
    value = parse_date(written, day_first)
    if value is None:
        return None
    if value > latest:
        removed.append(RemovedBlock(written, f"date after the capture date {latest.isoformat()}"))
        return None
    if value < earliest:
        return None
    return value


def _why_not_guess(tree: HtmlElement, guess: date, order: _DayOrder, source: str) -> str:
    """Return why htmldate's guess is not the story's date ("" if it stands)."""
    printed = _printed_at(tree, guess)
    if not printed and guess.day <= 12 and guess.day != guess.month:
        # Read from outside the text: it must be written somewhere in a form that reads one way only.
        lowered = source.lower()
        if not any(form in lowered for form in _printed_forms(guess)["plain"][:3]) \
                and f"{guess.year}{guess.month:02d}{guess.day:02d}" not in lowered and not _names_day(lowered, guess):
            return "found only as a numeric date that reads both ways, and nothing on the page says which"
    if printed == "chrome":
        return "printed only in the page's header, menus or footer: the day's date, not the story's"
    if printed == "comments":
        return "printed only in readers' comments: a comment's date, not the story's"
    if printed in ("month-first", "day-first"):
        day_first = order.day_first()
        if day_first is None:
            return "printed only as a numeric date that reads both ways, and nothing on the page says which"
        if day_first != (printed == "day-first"):
            return "read the other way round from the day/month order the page writes"
    return ""


def _printed_at(tree: HtmlElement, day: date) -> str:
    """Return where and how the page prints ``day`` outside its chrome.

    "story" (in a form that reads one way only), "month-first" or "day-first"
    (only as a numeric date that reads both ways, in that order), "chrome"
    (only in the header, menus or footer), "comments" (only in readers' comments), or "" (not in the text at all:
    htmldate read it from a URL or an attribute, and it stands).
    """
    forms = _printed_forms(day)
    body = tree.find("body")
    if body is None:
        return ""
    # Above the story's headline is the page's masthead; a date there is the day the page was made.
    h1 = body.find(".//h1")
    above_headline = elements_before(tree, h1)
    where = ""
    for text in body.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]"):
        if not any(ch.isdigit() for ch in text):
            continue
        lowered = text.lower()
        plain = any(form in lowered for form in forms["plain"]) or _names_day(lowered, day)
        numeric = "" if plain else next((order for order, form in forms["numeric"] if re.search(form, lowered)), "")
        if not plain and not numeric:
            continue
        parent = text.getparent() if hasattr(text, "getparent") else None
        above = parent is not None and parent in above_headline and not beside_headline(parent, h1)
        in_comments = parent is not None and not above and _in_comments(parent)
        in_chrome = parent is not None and (above or in_comments or _in_page_chrome(parent))
        if plain and not in_chrome:
            return "story"
        if numeric and not in_chrome:
            where = numeric
        elif not where or (where == "comments" and not in_comments):
            where = "comments" if in_comments else "chrome"
    return where


# "comment-def", "commentlist", "disqus_thread"; not "commentary__headline", a column's own headline.
_COMMENTS = re.compile(r"\bcomments?\b|commentlist|disqus|\breplies\b", re.I)


def _in_comments(element: HtmlElement) -> bool:
    """Return True inside the readers' comments under a story (a comment's date is not the story's)."""
    for node in (element, *element.iterancestors()):
        if node.tag in ("body", "html"):
            return False
        if _COMMENTS.search((node.get("class") or "") + " " + (node.get("id") or "")):
            return True
    return False


def _printed_forms(day: date) -> dict[str, list]:
    y, m, d = day.year, day.month, day.day
    plain = [f"{y}-{m:02d}-{d:02d}", f"{y}/{m:02d}/{d:02d}", f"{y}.{m:02d}.{d:02d}", f"{y}年{m}月{d}日",
             f"{y}年{m:02d}月{d:02d}日", f"{d:02d}.{m:02d}.{y}", f"{d}.{m}.{y}"]
    numeric: list[tuple[str, str]] = []
    if m != d and d <= 12:
        numeric = [("month-first", rf"\b0?{m}[/-]0?{d}[/-](?:{y}|{y % 100:02d})\b"),
                   ("day-first", rf"\b0?{d}[/-]0?{m}[/-](?:{y}|{y % 100:02d})\b")]
    else:
        plain += [f"{m}/{d}/{y}", f"{m:02d}/{d:02d}/{y}", f"{d}/{m}/{y}", f"{d:02d}/{m:02d}/{y}"]
    return {"plain": plain, "numeric": numeric}


def _names_day(lowered: str, day: date) -> bool:
    """Return True if the text writes ``day`` with its month's name ("March 3, 2008", "3 Mar 2008")."""
    if str(day.year) not in lowered:
        return False
    names = [name for name, number in MONTHS.items() if number == day.month]
    return any(re.search(rf"\b{name}\.?\s+0?{day.day}(?:st|nd|rd|th)?,?\s+{day.year}\b"
                         rf"|\b0?{day.day}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{name}\.?,?\s+{day.year}\b", lowered)
               for name in names)


def _in_page_chrome(element: HtmlElement) -> bool:
    """Return True inside the page's own header, menus or footer (an <article>'s own <header> is the story's)."""
    nodes = [element, *element.iterancestors()]
    in_story = any(node.tag in ("article", "main") for node in nodes)
    for node in nodes:
        if node.tag in ("body", "html"):
            return False
        if node.tag in _CHROME_TAGS and not (node.tag == "header" and (
                in_story or _STORY_CLASS.search(node.get("class") or ""))):
            return True
        if _CHROME_CLASS.search((node.get("class") or "") + " " + (node.get("id") or "")):
            return True
    return False
