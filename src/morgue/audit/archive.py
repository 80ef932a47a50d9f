"""Archive-level defects: pure functions over plain rows that the archive passes in."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from morgue.audit.defect import HIGH, LOW, MEDIUM


@dataclass(frozen=True)
class ArchiveFinding:
    """A defect of the archive as a whole, not of one article's text.

    ``key`` is what the members share (a URL, a fingerprint, a section and
    year); ``members`` are the article ids or URLs involved.
    """

    kind: str
    severity: str
    key: str
    members: tuple[str, ...]
    explanation: str


# Query parameters that track a click, not choose a page.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref", "cmpid", "ns_")


def normalise_url(url: str) -> str:
    """Return the URL as the same page: host in lower case, no fragment, tracking or trailing slash."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith(_TRACKING)]
    path = parts.path.rstrip("/") or "/"
    scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    return urlunsplit((scheme, parts.netloc.lower().removeprefix("www."), path, urlencode(sorted(query)), ""))


def same_url_different_articles(rows: Iterable[tuple[str, str, str]]) -> list[ArchiveFinding]:
    """Return one finding per URL whose articles differ in content.

    ``rows`` are (url, article_id, content_fingerprint). Two different texts
    at one address mean the transfer mixed two articles up, or an article
    was overwritten (a page re-used for another story).
    """
    by_url: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for url, article_id, fingerprint in rows:
        if url:
            by_url[normalise_url(url)][fingerprint].append(article_id)
    findings = []
    for url, fingerprints in sorted(by_url.items()):
        if len(fingerprints) > 1:
            ids = tuple(sorted({i for group in fingerprints.values() for i in group}))
            findings.append(ArchiveFinding(
                "same-url-different-articles", HIGH, url, ids,
                f"{len(fingerprints)} different texts are stored under one address.",
            ))
    return findings


def one_article_many_urls(rows: Iterable[tuple[str, str, str]]) -> list[ArchiveFinding]:
    """Return one finding per content fingerprint found at more than one URL.

    ``rows`` are (url, article_id, content_fingerprint). Old addresses should
    redirect to one canonical address; several live copies split readers,
    links and corrections (a correction made to one copy misses the others).
    """
    by_fingerprint: dict[str, set[str]] = defaultdict(set)
    for url, _article_id, fingerprint in rows:
        if fingerprint and url:
            by_fingerprint[fingerprint].add(normalise_url(url))
    return [
        ArchiveFinding(
            "one-article-many-urls", LOW, fingerprint, tuple(sorted(urls)),
            f"The same text is published at {len(urls)} addresses; all but one should redirect.",
        )
        for fingerprint, urls in sorted(by_fingerprint.items())
        if len(urls) > 1
    ]


# A section may grow or shrink by half from one year to the next (a new
# editor, a redesign, a news year); tripling or falling to a third is what a
# transfer fault looks like: articles filed into the wrong section, or a
# section lost on the way. Year counts are noisy like Poisson counts, so the
# change must also exceed four standard deviations of that noise
# (4 * sqrt(a + b)) and 20 articles, so small sections do not raise alarms.
JUMP_RATIO = 3.0
JUMP_SIGMAS = 4.0
JUMP_MIN_ARTICLES = 20


def section_size_jumps(counts: Iterable[tuple[str, int, int]]) -> list[ArchiveFinding]:
    """Return a finding for each section whose article count jumps implausibly between consecutive years.

    ``counts`` are (section, year, count). A year missing between a
    section's first and last year counts as 0: a year with no articles in a
    section that existed before and after is itself a jump.
    """
    years_of: dict[str, dict[int, int]] = defaultdict(dict)
    for section, year, count in counts:
        years_of[section][int(year)] = years_of[section].get(int(year), 0) + int(count)
    findings = []
    for section, years in sorted(years_of.items()):
        first, last = min(years), max(years)
        for year in range(first + 1, last + 1):
            before, after = years.get(year - 1, 0), years.get(year, 0)
            if _implausible(before, after):
                direction = "grew" if after > before else "shrank"
                findings.append(ArchiveFinding(
                    "section-size-jump", MEDIUM if after else HIGH, f"{section} {year}", (section, str(year - 1), str(year)),
                    f"Section {section!r} {direction} from {before} articles in {year - 1} to {after} in {year}: "
                    f"more than {JUMP_RATIO:g}x, which a newsroom rarely does and a mis-filed or lost batch does.",
                ))
    return findings


def _implausible(before: int, after: int) -> bool:
    low, high = sorted((before, after))
    change = high - low
    if change < JUMP_MIN_ARTICLES or change < JUMP_SIGMAS * math.sqrt(before + after):
        return False
    return low == 0 or high / low >= JUMP_RATIO
