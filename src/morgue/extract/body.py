"""Body paragraphs → body, dateline, archive notices and removed chrome.

Every extractor ends here, so the same page chrome is recognised whether the
article came as HTML, a text scrape, NITF or a JSON export.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from morgue.extract.article import RemovedBlock
from morgue.extract.chrome import chrome_reason, is_notice, legal_sentences, split_dateline


# How many paragraphs into the body a dateline may be found.
_DATELINE_REACH = 3
# A paragraph of this many words is prose; menus and labels are shorter.
_PROSE_WORDS = 10
# Scripts written without spaces between words count characters instead.
_UNSPACED_PROSE_CHARS = 40


@dataclass
class Body:
    """The parts of an article that come out of its body text."""

    paragraphs: list[str] = field(default_factory=list)
    dateline: str = ""
    notices: list[str] = field(default_factory=list)
    removed: list[RemovedBlock] = field(default_factory=list)


def normalise_space(text: str) -> str:
    """Return text with runs of whitespace (including no-break spaces) as single spaces."""
    return " ".join(text.split())


def tidy_body(paragraphs: list[str], *, dateline: str = "", max_chrome_chars: int = 200,
              site_names: list[str] | tuple[str, ...] = ()) -> Body:
    """Return the body with notices, chrome lines and the dateline taken out, each recorded.

    ``dateline`` is one the source gave separately (NITF, JSON); it is then
    only removed from the first paragraph if repeated there. ``site_names``
    are the paper's masthead lines the header held: printed again at the
    foot, they are chrome there too.
    """
    body = Body(dateline=dateline)
    # 1. Whitespace. A repeated paragraph stays: the source says it twice,
    #    and the audit finds it and offers the fix as a recorded revision.
    cleaned = [p for p in map(normalise_space, paragraphs) if p]
    # 2. Archive notices and site chrome, wherever they are.
    for paragraph in cleaned:
        if is_notice(paragraph):
            body.notices.append(paragraph)
            body.removed.append(RemovedBlock(paragraph, "archive notice"))
            continue
        reason = chrome_reason(paragraph, max_chrome_chars)
        if reason:
            body.removed.append(RemovedBlock(paragraph, reason))
            continue
        body.paragraphs.append(paragraph)
    # 3. The foot: the masthead again, and the site's copyright and terms sentences.
    _strip_foot(body, site_names)
    # 4. The dateline opens the first paragraph of the story, which may come
    #    after a standfirst or a subheading.
    for index, first in enumerate(body.paragraphs[:_DATELINE_REACH]):
        if dateline:
            rest = first[len(dateline):].lstrip(" ,—–-:") if first.startswith(dateline) else ""
        else:
            split = split_dateline(first)
            body.dateline, rest = split if split else ("", "")
        if rest:
            body.removed.append(RemovedBlock(first[: len(first) - len(rest)].strip(), "dateline"))
            body.paragraphs[index] = rest
            break
    return body


# A masthead line is a name, not a sentence.
_MAX_MASTHEAD_WORDS = 8


def _strip_foot(body: Body, site_names) -> None:
    """Take the masthead lines and legal sentences off the end of the body, each recorded.

    The story ends with its last paragraph; what a page prints after it is
    the paper's name (often more than once), the copyright line and the
    terms of use. A short line is the masthead when the header printed it,
    when it repeats in the body, or when it reads like a paper's name.
    """
    from morgue.extract.headlines import looks_like_masthead

    names = {normalise_space(n).lower() for n in site_names if n}
    counts = Counter(body.paragraphs)
    while len(body.paragraphs) > 1:
        last = body.paragraphs[-1]
        words = last.split()
        short = len(words) <= _MAX_MASTHEAD_WORDS and not last.endswith((".", "?", "!", ":", '"', "”"))
        if short and (last.lower() in names or counts[last] >= 2 or looks_like_masthead(last)):
            counts[last] -= 1
            body.removed.append(RemovedBlock(body.paragraphs.pop(), "masthead"))
            continue
        story, legal = legal_sentences(last)
        if not legal:
            break
        body.removed.append(RemovedBlock(legal, "terms"))
        if story:
            body.paragraphs[-1] = story
            break
        body.paragraphs.pop()


def has_prose(paragraphs: list[str]) -> bool:
    """Return True if at least one paragraph reads as a sentence of prose, not a menu item or label."""
    return any(len(p.split()) >= _PROSE_WORDS or _is_unspaced_prose(p) for p in paragraphs)


def _is_unspaced_prose(paragraph: str) -> bool:
    """Return True for a long run of text with (almost) no spaces: Chinese, Japanese, Thai prose."""
    return len(paragraph) >= _UNSPACED_PROSE_CHARS and paragraph.count(" ") * 20 <= len(paragraph)
