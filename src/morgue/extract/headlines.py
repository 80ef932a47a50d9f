"""Page titles → headlines, without the site name glued on ("… - BBC News"), and the choice among candidates.

A page offers several headlines: og:title, JSON-LD headline, its <h1>, an
element classed "headline", its <title>. ``choose_headline`` takes the one
most of them agree on, weighing the printed <h1> highest, after taking the
site's name, section trail and slogan off each, and never returns a bare
site or section name, or text that is code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from morgue.extract.dates import read_date_line

# Words that make a short title segment look like a publication's name.
_MASTHEAD_WORDS = re.compile(
    r"\b(?:news|times|post|herald|gazette|chronicle|tribune|courier|journal|observer|clarion|express|mail|"
    r"star|sun|telegraph|guardian|record|standard|examiner|inquirer|ledger|bulletin|dispatch|sentinel|"
    r"register|review|mirror|independent|press|daily|weekly|online|magazine|radio|tv|echo|argus|advertiser|"
    r"globe|citizen|leader|enquirer|monitor|reporter|beacon|messenger|times-\w+)\b|\.(?:com|co\.uk|org|net)\b",
    re.I,
)


def strip_site_name(title: str, site_names: Iterable[str] = (), sections: Iterable[str] = ()) -> str:
    """Return the headline in a page title (or a scrape's title line), its site name and section trail removed.

    The same rules ``choose_headline`` applies to each candidate: a part that
    is one of ``site_names`` (og:site_name, the host name, the masthead) or
    one of ``sections`` goes from either end; a short Title-Cased last part
    after a separator goes from the end ("Storm closes pier | Local | Clarion").
    """
    title = " ".join(title.split())
    names = _name_keys(site_names)
    section_keys = {_key(section) for section in sections if _key(section)}
    return _strip_trail(title, names, section_keys, []) or title


def _key(text: str) -> str:
    """Return a comparison key: lower-case letters and digits only, without "www" and TLD."""
    text = text.lower()
    text = re.sub(r"^https?://", "", text)
    text = re.sub(r"^www\.", "", text)
    text = re.sub(r"\.(?:com|co\.uk|org|net|co|uk|us|ie|au|ca|in)(?:/.*)?$", "", text)
    return re.sub(r"[^a-z0-9]", "", text.removeprefix("the "))


def looks_like_masthead(segment: str) -> bool:
    """Return True for a short segment that reads like a publication's name ("The Daily Clarion")."""
    words = segment.split()
    if not 1 <= len(words) <= 5:
        return False
    if not all(w[0].isupper() or w[0].isdigit() or w.lower() in {"the", "of", "and", "on", "de"} for w in words):
        return False
    return bool(_MASTHEAD_WORDS.search(segment))


# -- choosing among the page's candidates ---------------------------------------------------------

# Where a candidate was found, and how much its word counts. The printed <h1>
# is what the reader saw above the story; og:title and JSON-LD are written for
# sharing and search and are rewritten more often; an element merely classed
# "headline", or one inside navigation or a teaser list, is a weak witness.
_WEIGHTS = {"h1": 1.6, "og": 1.0, "ld": 1.0, "microdata": 1.0, "twitter": 0.5, "dc": 0.5, "title": 1.0,
            "heading": 0.5, "h1-chrome": 0.7, "heading-chrome": 0.2, "h1-more": 0.3}
# On a tie the earlier source's wording wins.
_PRIORITY = ("h1", "og", "ld", "microdata", "twitter", "dc", "title", "heading", "h1-chrome", "h1-more",
             "heading-chrome")
# Separators between a title's parts, and the colon forms that separate only when spaced or full-width.
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-{1,2}|—|–|::|·|•|//|«|»|~|:|/)\s+|\s*(?:｜|：|_|\|)\s*|(?<=\S)\s+\|")
# Labels that are a page's furniture, never a story's headline.
_GENERIC = re.compile(
    r"^(?:home(?: ?page)?|news|latest news|breaking news|top stories|news (?:and|&) (?:features|views)|front page|"
    r"index|welcome|article|story|page not found|404|untitled(?: document)?|search results?|archives?|"
    r"print(?:er friendly)?(?: version)?|sport|sports|business|politics|opinion|world|local|entertainment|"
    r"technology|tech|lifestyle|video|photos?|gallery|blogs?|columns?|columnists|features?)\W*$",
    re.I,
)
# Text from a script or style that an unclosed element let into the page's text.
_CODE = re.compile(r"[{};]\s*\w*\s*[=(]|getElement|\bfunction\s*\(|\bvar\s+\w+\s*=|document\.\w|\.style\.|"
                   r"\bwindow\.\w|\)\s*;|=>|&&|\|\|")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)$")
_MAX_HEADLINE_CHARS = 300


@dataclass(frozen=True)
class HeadlineChoice:
    """The headline chosen, and the candidates (or parts of them) left out, each with why."""

    headline: str
    removed: tuple[tuple[str, str], ...] = ()  # (text, reason)


def choose_headline(
    candidates: Iterable[tuple[str, str]], site_names: Iterable[str] = (), sections: Iterable[str] = (),
) -> HeadlineChoice:
    """Return the headline the page's candidates agree on, with the rest and why each was left out.

    ``candidates`` are (source, text) pairs (sources as in ``_WEIGHTS``);
    ``site_names`` the names the site goes by (og:site_name, the host, the
    copyright holder, the logo's text); ``sections`` the section names the page
    states. The result is "" when no candidate is a headline.
    """
    names = _name_keys(site_names)
    section_keys = {_key(s) for s in sections if _key(s)}
    removed: list[tuple[str, str]] = []
    kept: list[tuple[str, str]] = []
    candidates = [(source, " ".join((text or "").split())) for source, text in candidates]
    # More than one <h1> outside the chrome: none of them alone is the printed headline.
    lone_h1 = sum(1 for source, text in candidates if source == "h1" and text) == 1
    for source, text in candidates:
        if not text:
            continue
        if source == "h1" and not lone_h1:
            source = "h1-more"
        reason = _not_a_headline(text, names, section_keys)
        if reason:
            removed.append((text, f"{source}: {reason}"))
            continue
        kept.append((source, text))
    # A candidate that is the first or last part of the <title>, beside a longer part, is the
    # site's name there ("PC Watch" for "… - PC Watch"), wherever else it is printed.
    names += _names_from_title(kept, names)
    # Trails ("| Technology | Reuters") come off every candidate; another candidate that
    # is exactly a run of a title's parts says where its headline is.
    strong = [_fold(t) for s, t in kept if s in _STRONG]
    groups: dict[str, list] = {}
    order: list[str] = []
    for source, text in kept:
        headline = _strip_trail(text, names, section_keys, strong)
        if headline != text:
            removed.append((_leftover(text, headline), f"{source}: site name or section"))
        why = _not_a_headline(headline, names, section_keys) if headline else "nothing left"
        if why:
            removed.append((headline or text, f"{source}: {why}"))
            continue
        key = _fold(headline)
        groups.setdefault(key, []).append((source, headline))
        if key not in order:
            order.append(key)
    if not groups:
        return HeadlineChoice("", tuple(removed))
    # A shortened candidate ("... Hong Kong leader...") votes for the full one it begins.
    for key in list(order):
        if _ELLIPSIS.search(key):
            stem = _ELLIPSIS.sub("", key)
            full = [k for k in order if k != key and k.startswith(stem) and not _ELLIPSIS.search(k)]
            if full and stem:
                groups[full[0]] += groups.pop(key)
                order.remove(key)
    own = {key: sum(_WEIGHTS[s] for s in {s for s, _ in groups[key]}) for key in order}
    words = {key: set(_WORD.findall(key)) for key in order}

    def weight(key: str) -> tuple[float, int]:
        # Candidates that share most of their words (a rewritten og:title) lend each other some weight.
        support = sum(own[other] * _overlap(words[key], words[other]) for other in order if other != key)
        best = min(_PRIORITY.index(s) for s, _ in groups[key])
        return own[key] + 0.5 * support, -best

    winner = max(order, key=weight)
    members = sorted(groups[winner], key=lambda member: _PRIORITY.index(member[0]))
    full = [t for s, t in members if not _ELLIPSIS.search(t)]
    headline = full[0] if full else members[0][1]
    for key in order:
        if key != winner:
            removed += [(t, f"{s}: other candidates disagree") for s, t in groups[key]]
    return HeadlineChoice(headline, tuple(removed))


_STRONG = {"h1", "h1-more", "og", "ld", "microdata", "twitter", "dc"}
_WORD = re.compile(r"\w+")


def _overlap(a: set[str], b: set[str]) -> float:
    """Return the share of the smaller set's words that the other set holds too."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _names_from_title(kept: list[tuple[str, str]], names: list[str]) -> list[str]:
    """Return the candidates that are the first or last part of a <title> beside a much longer part.

    "PC Watch" is the site in "九州大・… - PC Watch" when the page's <h1> says
    "PC Watch". A short part beside a part that is itself the site's name is
    the headline, not the site ("In praise of the parks - The Valley Evening Post").
    """
    titles = [t for s, t in kept if s == "title"]
    found: list[str] = []
    for title in titles:
        parts = [p.strip() for p in _TITLE_SEPARATORS.split(title) if p.strip()]
        if len(parts) < 2:
            continue
        for source, text in kept:
            if source == "title":
                continue
            for end, rest in ((parts[0], parts[1:]), (parts[-1], parts[:-1])):
                if _fold(text) != _fold(end) or len(end.split()) > 4 or len(end) * 3 > max(len(p) for p in rest) * 2:
                    continue
                if any(_is_site_name(p, names) or looks_like_masthead(p) for p in rest):
                    continue
                found.append(_key(end) or _fold(end))
    return found


def _not_a_headline(text: str, names: list[str], section_keys: set[str]) -> str:
    """Return why a candidate cannot be a headline ("site name", "code", ...), or ""."""
    return _not_a_headline_cached(text, tuple(names), frozenset(section_keys))


@lru_cache(maxsize=4096)
def _not_a_headline_cached(text: str, names: tuple[str, ...], section_keys: frozenset[str]) -> str:
    if len(text) > _MAX_HEADLINE_CHARS:
        return "too long for a headline"
    if _CODE.search(text):
        return "script or style text"
    if _GENERIC.match(text):
        return "a page label"
    key = _key(text)
    if not any(ch.isalnum() for ch in text):
        return "no words"
    if key and key in section_keys and len(text.split()) <= 4:
        return "a section name"
    if any(ch.isdigit() for ch in text) and read_date_line(text) is not None:
        return "a date"
    if _is_site_name(text, names):
        return "the site's name"
    return ""


def _is_site_name(segment: str, names: list[str]) -> bool:
    """Return True if the text is one of the site's names (not merely containing a long name)."""
    key = _key(segment)
    if not key:
        return _fold(segment) in names
    for name in names:
        if key == name:
            return True
        # "ScanNetSecurity" for scan.netsecurity.ne.jp, "The Harvard Crimson" for thecrimson.com.
        if len(name) >= 4 and (name in key or key in name) and len(key) <= len(name) + 12:
            return True
    return False


def _name_keys(site_names: Iterable[str]) -> list[str]:
    """Return comparison keys for a site's names: each name, and each label of a host name."""
    keys = []
    for name in site_names:
        if not name:
            continue
        name = name.strip()
        if re.fullmatch(r"(?:https?://)?[\w.-]+\.[a-z]{2,}(?:/.*)?", name, re.I):
            host = re.sub(r"^https?://", "", name).split("/")[0].lower()
            labels = [label for label in host.split(".") if label not in _HOST_NOISE]
            keys += [label for label in labels if len(label) >= 3]
            keys.append(_key(host))
        else:
            keys.append(_key(name) or _fold(name))
    return [k for k in dict.fromkeys(keys) if k]


_HOST_NOISE = {"www", "com", "co", "org", "net", "uk", "us", "de", "jp", "ne", "or", "ac", "gov", "edu", "info",
               "news", "online", "web", "m", "amp", "mobile", "blogs", "blog", "edition", "en", "fr", "es", "it",
               "ch", "at", "nl", "au", "ca", "in", "cn", "ru", "br", "mx", "ar", "cl", "ie", "nz", "za", "be"}


def _strip_trail(text: str, names: list[str], section_keys: set[str], others: list[str]) -> str:
    """Return a title-like candidate without the site name, section trail or slogan at either end."""
    parts = _TITLE_SEPARATORS.split(text)
    if len(parts) < 2:
        return text
    seps = _TITLE_SEPARATORS.findall(text)
    # 1. Another candidate is exactly a run of the parts: that run is the headline.
    own = _fold(text)
    for length in range(len(parts) - 1, 0, -1):
        for start in range(0, len(parts) - length + 1):
            run = _join(parts, seps, start, start + length)
            if _fold(run) != own and _fold(run) in others and not _is_site_name(run, names):
                return run
    # 2. Else take off the ends that are the site's names or sections; at the end, also a
    #    short Title-Cased part after a separator that divides a site's trail from a headline.
    start, end = 0, len(parts)
    while end - start > 1:
        last, first = parts[end - 1], parts[start]
        if _is_trail(last, names, section_keys) or _looks_like_trail(last, _join(parts, seps, start, end - 1)):
            end -= 1
        elif _is_trail(first, names, section_keys):
            start += 1
        else:
            break
    return _join(parts, seps, start, end)


def _join(parts: list[str], seps: list[str], start: int, end: int) -> str:
    out = parts[start]
    for i in range(start + 1, end):
        out += seps[i - 1] + parts[i]
    return out.strip()


def _is_trail(segment: str, names: list[str], section_keys: set[str]) -> bool:
    """Return True if a title part is the site's name, a section it names, or a page label."""
    segment = segment.strip()
    return bool(segment) and (_is_site_name(segment, names) or _key(segment) in section_keys
                              or bool(_GENERIC.match(segment)) or looks_like_masthead(segment))


def _looks_like_trail(segment: str, rest: str) -> bool:
    """Return True for a short Title-Cased (or non-Latin) last part of a title, after a longer headline."""
    segment = segment.strip()
    words = segment.split()
    if not words or len(words) > 4 or len(segment) >= len(rest) or len(segment) > 40:
        return False
    if not any(ch.isascii() and ch.isalpha() for ch in segment):
        # A trailing name in a script without capitals ("朝日新聞デジタル"): short against the headline.
        return len(segment) <= 16 and len(segment) * 2 <= len(rest)
    small = {"the", "of", "and", "on", "de", "for", "in", "a", "&", "at", "to"}
    return all(w[0].isupper() or w[0].isdigit() or not w[0].isalpha() or w.lower() in small for w in words) \
        and not segment.endswith(("?", "!"))


def _leftover(text: str, headline: str) -> str:
    """Return what a candidate held besides its headline (the trail and its separators)."""
    index = text.find(headline)
    if index < 0:
        return text
    return (text[:index] + " … " + text[index + len(headline):]).strip(" …")


def _fold(text: str) -> str:
    """Return text as the comparison of candidates sees it: NFKC, quotes and dashes folded, case-folded."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    return " ".join(text.split()).strip(" .")


_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
                       "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u00ad": None, "\u200b": None})
