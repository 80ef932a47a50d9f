"""Choose the elements that hold the story: a readability-style vote of paragraphs for their containers.

Each paragraph of prose votes for the element around it (fully), that
element's parent (half) and grandparent (a third), as Mozilla's Readability
does. The winner, discounted by how much of it is link text, is the story's
container, then its edges are settled in order:

1. a wrapper that gathers much more of the story (one cut into chunks)
   takes over, by Readability's climb;
2. the element the publisher marks ``itemprop=articleBody`` takes over
   when it holds the winner or lies apart from it;
3. siblings that score nearly as well (a story split by an ad slot), plain
   prose paragraphs, and a box of prose before the story (a standfirst)
   join it;
4. elsewhere on the page, boxes of prose with the winner's own tag and
   class (a story cut into sections, each wrapped too deep for the vote to
   reach their common wrapper) join it too.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from morgue.extract.htmlcore.blocks import HEADINGS, Block

# A block this long with few links reads as a sentence of prose.
_PROSE_CHARS = 40
# Scripts written without spaces are dense: fewer characters make a sentence.
_UNSPACED_PROSE_CHARS = 15
_MAX_PROSE_LINKS = 0.3
# Blocks that are a paragraph in their own right; their container is their parent.
_PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote", "li", "td", "dd", "h2", "h3", "h4", "h5", "h6", "br"})
# Readability's head start by tag: story containers are usually <div>s, rarely lists or forms.
_TAG_BONUS = {"div": 5.0, "article": 8.0, "main": 5.0, "section": 3.0, "pre": 3.0, "td": 3.0, "blockquote": 3.0,
              "ol": -3.0, "ul": -3.0, "dl": -3.0, "li": -3.0, "form": -3.0, "body": -10.0}
# A sibling joins the winner if it scores this share of the winner's score.
_SIBLING_SHARE = 0.2
# A sibling (or a section of the same shape) with more link text than this is a list of links.
_MAX_SIBLING_LINKS = 0.25
# A sibling before the winner joins it if this share of its text is prose
# (a standfirst or lead in a box of its own). After the winner, such boxes
# are more often an author's bio or a "follow us" note.
_ALL_PROSE = 0.8
# A wrapper above the winner takes over if it holds this much more prose
# (a second part of the story, not an author's bio or a disclaimer); a
# section shaped like the winner joins it if it holds this share of its prose.
_SPLIT_SHARE = 0.25
# The element a page marks as its articleBody replaces the vote's choice if
# it holds this much prose and at most this share of link text.
_MIN_STATED_PROSE = 200
_MAX_STATED_LINKS = 0.3


def is_prose(block: Block) -> bool:
    """Return True if the block reads as a sentence of story text rather than a label or a link."""
    text = block.text
    if block.tag in HEADINGS or block.link_density > _MAX_PROSE_LINKS:
        return False
    if len(text) >= _PROSE_CHARS and " " in text:
        return True
    # Chinese, Japanese, Thai: long runs of text with few or no spaces (and
    # not ASCII, which without spaces is a URL or a code).
    return (len(text) >= _UNSPACED_PROSE_CHARS and text.count(" ") * 20 <= len(text)
            and not text.isascii())


def choose_main(blocks: list[Block], *, stated_chars: int = 0) -> list[HtmlElement]:
    """Return the story's container and any sibling containers that continue it; [] if the page has no prose."""
    # Characters and link characters under every element, for link density.
    chars: dict[HtmlElement, int] = {}
    links: dict[HtmlElement, int] = {}
    prose: dict[HtmlElement, int] = {}
    for block in blocks:
        element = block.element
        size = len(block.text) if is_prose(block) else 0
        while element is not None:
            chars[element] = chars.get(element, 0) + len(block.text)
            links[element] = links.get(element, 0) + block.link_chars
            prose[element] = prose.get(element, 0) + size
            element = element.getparent()
    votes: dict[HtmlElement, float] = {}
    for block in blocks:
        if not is_prose(block):
            continue
        text = block.text
        vote = 1.0 + text.count(",") + text.count("，") + min(len(text) // 100, 3)
        holder = block.element.getparent() if block.tag in _PARAGRAPH_TAGS else block.element
        for level, element in enumerate(_up(holder, 3)):
            if element not in votes:
                votes[element] = _TAG_BONUS.get(element.tag, 0.0)
            votes[element] += vote / (1, 2, 3)[level]
    if not votes:
        return []
    scores = {e: v * (1.0 - links.get(e, 0) / max(chars.get(e, 0), 1)) for e, v in votes.items()}
    # On a tie the element with more text wins: a captioned photo can vote as
    # loudly as a short story's paragraphs.
    best = max(scores, key=lambda e: (scores[e], chars.get(e, 0)))
    # A story split into parts (one per ad slot or chunk) leaves the vote with
    # one part; a wrapper that gathers much more of the story takes over.
    wrapper = _gathering_ancestor(best, scores)
    if wrapper is not None and prose[wrapper] - prose[best] >= _SPLIT_SHARE * prose[best]:
        best = wrapper
    stated = _stated_container(best, chars, links, prose)
    if stated is not None:
        return [stated]
    chosen = _with_siblings(best, scores, chars, links, prose)
    return chosen + _same_shape_chunks(best, chosen, chars, links, prose)


def _same_shape_chunks(best: HtmlElement, chosen: list, chars: dict, links: dict, prose: dict) -> list[HtmlElement]:
    """Return the other sections of a story cut into parts: elements with the tag and class of ``best``,
    outside what is chosen, that are prose with few links and hold a real share of the story (not a key-points
    box or a pull quote styled like it).
    """
    names = best.get("class")
    if not names or not names.strip():
        return []
    inside = set(chosen)
    chunks = []
    for element in chars:
        if element is best or element.tag != best.tag or element.get("class") != names or element in inside:
            continue
        text, share = chars[element], prose.get(element, 0)
        if (links.get(element, 0) > _MAX_SIBLING_LINKS * text or share < _ALL_PROSE * text
                or share < _SPLIT_SHARE * prose[best]):
            continue
        if any(a in inside for a in element.iterancestors()):
            continue
        chunks.append(element)
    return chunks


def _stated_container(best: HtmlElement, chars: dict, links: dict, prose: dict) -> HtmlElement | None:
    """Return the element the page marks as its article body (schema.org ``itemprop=articleBody``) if it
    should replace ``best``: when it holds ``best`` (the vote found one part of a story the publisher
    wraps whole) or lies apart from it, and reads as prose; None to keep the vote's choice.
    """
    marked = [e for e in chars if "articlebody" in (e.get("itemprop") or "").lower()]
    if not marked:
        return None
    marked_set = set(marked)
    outermost = [e for e in marked if not any(a in marked_set for a in e.iterancestors())]
    stated = max(outermost, key=lambda e: prose[e])
    if prose[stated] < _MIN_STATED_PROSE or links[stated] > _MAX_STATED_LINKS * chars[stated]:
        return None
    if any(a is best for a in stated.iterancestors()):
        # The mark sits on a part of what the vote chose (a lead, one section): the wider choice stands.
        return None
    return stated


def _gathering_ancestor(best: HtmlElement, scores: dict) -> HtmlElement | None:
    """Return the first ancestor of ``best`` that scores more than the scored element below it, or None.

    Mozilla Readability's climb: going up from the winner, scores that fall
    below a third of the winner's end the search; a score that rises again
    means more of the story lies in that ancestor.
    """
    last = scores[best]
    floor = last / 3
    for ancestor in best.iterancestors():
        if ancestor.tag in ("body", "html"):
            break
        score = scores.get(ancestor)
        if score is None:
            continue
        if score < floor:
            break
        if score > last:
            return ancestor
        last = score
    return None


def _up(element: HtmlElement | None, levels: int) -> list[HtmlElement]:
    """Return the element and its ancestors, ``levels`` in all at most (fewer near the root)."""
    chain = []
    while element is not None and len(chain) < levels:
        chain.append(element)
        if element.tag in ("body", "html"):
            break
        element = element.getparent()
    return chain


def _with_siblings(best: HtmlElement, scores: dict, chars: dict, links: dict, prose: dict) -> list[HtmlElement]:
    """Return ``best`` with the siblings that continue the story: high scorers, prose paragraphs, a standfirst box."""
    parent = best.getparent()
    if parent is None or best.tag == "body":
        return [best]
    threshold = max(10.0, scores.get(best, 0.0) * _SIBLING_SHARE)
    chosen = []
    before = True
    for sibling in parent:
        if sibling is best:
            chosen.append(sibling)
            before = False
            continue
        if not isinstance(sibling.tag, str) or sibling not in chars:
            continue
        density = links.get(sibling, 0) / max(chars[sibling], 1)
        if scores.get(sibling, 0.0) >= threshold and density < _MAX_SIBLING_LINKS:
            chosen.append(sibling)
        elif chars[sibling] > 80 and density < _MAX_SIBLING_LINKS and (
                sibling.tag == "p" or (before and prose[sibling] >= _ALL_PROSE * chars[sibling])):
            chosen.append(sibling)
    return chosen


