"""Remove the chrome that markup itself names: scripts, menus, share bars, consent and paywall boxes.

Each removed element with any text becomes a RemovedBlock, so an editor can
see what went and put it back.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from morgue.extract.article import RemovedBlock
from morgue.extract.body import normalise_space

# Never text a reader sees as prose.
_INVISIBLE = {
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
    "button", "select", "input", "textarea", "option", "dialog", "video", "audio", "map", "link", "meta",
}
# HTML5 sectioning for page chrome; kept when it turns out to hold the story
# (some CMSs wrap the whole page in <header> or put the article in an <aside>).
_CHROME_TAGS = {"figure": "caption", "figcaption": "caption", "nav": "navigation", "aside": "aside", "footer": "footer", "header": "header", "form": "form"}
_CHROME_ROLES = {
    "navigation": "navigation", "banner": "header", "contentinfo": "footer", "complementary": "aside",
    "search": "navigation", "dialog": "dialog", "alertdialog": "dialog", "menu": "navigation",
    "menubar": "navigation", "toolbar": "share prompt",
}
# class/id words that name chrome, and the reason recorded. A word must be a
# whole token of the class or id ("share-bar" matches "share", "shareholder"
# does not); the first list holding a word of the name wins. "s?" is an
# optional plural.
_CHROME_WORDS = [
    (reason, words.split("|"))
    for reason, words in (
        ("cookie notice", "cookies?|consent|gdpr|cmp|onetrust|privacy-banner"),
        ("paywall", "paywall|piano|tp-modal|regwall|meter|metered|premium-prompt|subscriber-only-prompt"),
        ("subscription prompt", "subscribe|subscription|newsletters?|signup|sign-up|optin|opt-in|inline-cta|cta"),
        ("sign-in prompt", "login|log-in|signin|sign-in|register|registration|account"),
        ("share prompt", "share|sharing|sharetools|social|social-links|socials|follow-us|print-tools|tools|toolbar"),
        ("related links", "related|recommended|recommendations|recirc|more-stories|read-more|readmore|also-read"
                          "|further-reading|popular|most-read|mostread|most-popular|trending|outbrain|taboola"
                          "|teasers?|promo|promos|more-from|next-article|up-next|newsfeed"),
        ("caption", "captions?|figcaption|credits?|image-credit|photo-credit|gallery|slideshow|carousel|lightbox"
                    "|media-caption|wp-caption|inline-image|image-caption"
                    "|image|images|img|photo|photos|picture|video|video-player|player"),
        ("comments", "comments?|comment-section|discussion|disqus|replies|respond"),
        ("advertisement", "ads?|advert|adverts|advertisement|adslot|ad-slot|ad-container|dfp|gpt|sponsored|sponsor"),
        ("navigation", "nav|navbar|navigation|menu|breadcrumbs?|pagination|pager|skip-link|skip|site-header"
                       "|next-prev|prev-next|next-previous|previous-next|post-navigation|next-post|prev-post|previous-post"
                       "|masthead|site-footer|footer|sidebar|rail|right-rail|widget|tags|tag-list|taglist|topics"),
        ("byline", "byline|author-info|author-bio|authorbio|bio|contributor|article-meta|meta-info|dateline-info"),
        ("hidden", "hidden|hide|sr-only|visually-hidden|screen-reader-text|visuallyhidden|offscreen|modal|popup"
                   "|overlay"),
    )
]
# Each word → the rank of the first list naming it (the reason recorded).
_WORD_RANK: dict[str, int] = {}
for _rank, (_reason, _words) in enumerate(_CHROME_WORDS):
    for _word in _words:
        for _form in ((_word[:-2], _word[:-2] + "s") if _word.endswith("s?") else (_word,)):
            _WORD_RANK.setdefault(_form, _rank)
# The longest word in hyphen-separated parts ("subscriber-only-prompt").
_MAX_WORD_PARTS = max(word.count("-") + 1 for word in _WORD_RANK)
_NAME_CHUNKS = re.compile(r"[\s_]+")
# The same class strings recur on every page of a site and on most pages of
# a CMS: their reason is looked up once.
_REASON_CACHE: dict[str, str | None] = {}
_REASON_CACHE_SIZE = 20_000
# The story's own elements, whose classes describe style or data, not chrome:
# a table row's class names what the row lists ("player", "video-title").
_STORY_TAGS = frozenset({"body", "article", "main", "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "tr"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# A named-chrome element holding more than this share of the page's text is
# the story's own wrapper with an unlucky name ("article-with-sidebar").
_STORY_SHARE = 0.5
# An embedded post (a tweet, an Instagram caption) is a <blockquote> inside a
# box named "embed", "widget", "video" or "figure"; the story quotes it, so the
# box stays when a quotation is most of what it holds.
_QUOTE_HOLDERS = {"caption", "navigation", "aside", "related links", "share prompt"}
_MIN_QUOTE_CHARS = 40
# A box named for its photos ("gallery", "has-image") that holds this much
# paragraph text is a recipe card or a fact box, not a caption.
_MAX_CAPTION_CHARS = 400
# An element marked as the article body with less text than this is a stub
# (a teaser's or a player's markup), not the story.
_MIN_STATED_CHARS = 200
# As schema.org spells it or all in lower case, alone or among other properties (searched in C).
_STATED_BODIES = etree.XPath(
    "descendant-or-self::*[contains(@itemprop, 'rticleBody') or contains(@itemprop, 'rticlebody')]")


def strip_chrome(tree: HtmlElement, *, marks_body: bool = True) -> list[RemovedBlock]:
    """Remove chrome elements from ``tree`` in place; return what they held, with why.

    ``marks_body`` False says no element is marked ``itemprop=articleBody``
    (the page metadata reader saw none), so none is looked for.
    """
    body = tree.find("body")
    if body is None:
        return []
    # 1. What is never shown, first (in C, subtrees and all, tails kept): a
    #    page's scripts can outweigh its text, and the story guard below
    #    compares against the visible text only.
    etree.strip_elements(body, etree.Comment, etree.ProcessingInstruction, etree.Entity, *_INVISIBLE,
                         with_tail=False)
    # 2. Chrome named by tag, role or class, outermost first, in one walk
    #    that skips the inside of whatever it condemns. Collect first and
    #    remove after: removing while walking skips elements.
    page_chars = max(len(body.text_content()), 1)
    prose = {p: _prose_chars(p) for p in body.iter("p")}
    page_prose = sum(prose.values())
    doomed: list[tuple[HtmlElement, str]] = []
    walk = etree.iterwalk(body, events=("start",))
    for _, element in walk:
        reason = _chrome_reason(element)
        if reason is None or (reason != "invisible" and _holds_story(element, page_chars, prose, page_prose)):
            continue
        if marks_body and reason not in ("invisible", "hidden") and _holds_stated_body(element):
            continue  # the story the page declares, inside a box named for its sidebar
        if reason in _QUOTE_HOLDERS and _frames_a_quote(element):
            continue
        if reason == "caption" and _long_text(element):
            continue  # a recipe card or a fact box among the photos, named for them
        doomed.append((element, reason))
        walk.skip_subtree()
    removed: list[RemovedBlock] = []
    for element, reason in doomed:
        if reason != "invisible":
            text = normalise_space(element.text_content())
            if text:
                removed.append(RemovedBlock(text, reason))
        drop_element(element)
    return removed


def _chrome_reason(element: HtmlElement) -> str | None:
    """Return why an element is chrome ("navigation", "paywall", ...), "invisible", or None."""
    tag = element.tag
    if not isinstance(tag, str):
        return "invisible"  # a comment or processing instruction the parser kept
    if tag in _INVISIBLE:
        return "invisible"
    if tag in _CHROME_TAGS:
        return _CHROME_TAGS[tag]
    items = element.items()  # one call for all attributes: cheaper than one lookup each
    if not items:
        return None
    attrib = dict(items)
    if "hidden" in attrib or attrib.get("aria-hidden") == "true" or (
            "style" in attrib and _HIDDEN_STYLE.search(attrib["style"])):
        return "hidden"
    role = attrib.get("role")
    if role and role.lower() in _CHROME_ROLES:
        return _CHROME_ROLES[role.lower()]
    if tag in _STORY_TAGS:
        # The story's own elements: their classes describe style, not chrome.
        return None
    names = (attrib.get("class", "") + " " + attrib.get("id", "")).strip()
    if not names:
        return None
    try:
        return _REASON_CACHE[names]
    except KeyError:
        pass
    reason = _name_reason(names)
    if len(_REASON_CACHE) > _REASON_CACHE_SIZE:
        _REASON_CACHE.clear()
    _REASON_CACHE[names] = reason
    return reason


def _name_reason(names: str) -> str | None:
    """Return the reason the first word list naming a whole token (or hyphenated run) of ``names`` gives."""
    rank = None
    for chunk in _NAME_CHUNKS.split(names.lower()):
        parts = chunk.split("-")
        for start in range(len(parts)):
            for end in range(start + 1, min(start + _MAX_WORD_PARTS, len(parts)) + 1):
                found = _WORD_RANK.get("-".join(parts[start:end]))
                if found is not None and (rank is None or found < rank):
                    rank = found
    return None if rank is None else _CHROME_WORDS[rank][0]


def _holds_stated_body(element: HtmlElement) -> bool:
    """Return True if the element is or holds the prose the page marks ``itemprop=articleBody`` (schema.org).

    A publisher that marks its story's body says where the story is; a layout
    class on it or around it ("rail-tall__body", "with-sidebar") does not
    make it chrome. Asked only of elements about to be removed, whose
    subtrees do not overlap: together at most one pass over the page.
    """
    return any(len(marked.text_content()) >= _MIN_STATED_CHARS for marked in _STATED_BODIES(element))


def _holds_story(element: HtmlElement, page_chars: int, prose: dict, page_prose: int) -> bool:
    """Return True if the element holds so much of the page's text or paragraphs that it must contain the story."""
    if page_prose and sum(prose.get(p, 0) for p in element.iter("p")) > _STORY_SHARE * page_prose:
        return True
    return len(element.text_content()) > _STORY_SHARE * page_chars


def _long_text(element: HtmlElement) -> bool:
    """Return True if the element holds paragraphs or list items of more text than any caption has."""
    return sum(len(e.text_content()) for e in element.iter("p", "li")) >= _MAX_CAPTION_CHARS


def _frames_a_quote(element: HtmlElement) -> bool:
    """Return True if most of the element's text is a quotation (an embedded post the story quotes)."""
    quoted = sum(len(q.text_content()) for q in element.iter("blockquote"))
    return quoted >= _MIN_QUOTE_CHARS and quoted * 2 >= len(element.text_content())


def _prose_chars(paragraph: HtmlElement) -> int:
    """Return the characters of a <p> outside links (a paragraph of links is not prose)."""
    text = len(paragraph.text_content())
    links = sum(len(a.text_content()) for a in paragraph.iter("a"))
    return text - links if links * 2 < text else 0


def drop_element(element: HtmlElement) -> None:
    """Remove an element but keep its tail text, which belongs to the parent."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
