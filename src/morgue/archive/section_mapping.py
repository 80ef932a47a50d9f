"""Section names mapped onto the archive's: listed, suggested, read from a file, applied as revisions.

A mapping file is TOML, one line per source section, edited by hand::

    [mapping]
    "Trade and Industry" = "Business"
    "World/Europe" = "International"

Applying it appends a recategorisation revision to every public article
filed under a mapped name, each with a public note; a dry run counts them
first.
"""

from __future__ import annotations

import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path

from django.db.models import Count

from morgue.archive.models import Article, ClusterMember, Defect, Revision
from morgue.archive.revisions import append_revision
from morgue.enrich.mapping import SuggestedMapping
from morgue.errors import MorgueError

# Reprints filed under two names this many times suggest the names are one desk.
CO_FILED_FROM = 3


class MappingError(MorgueError):
    """A mapping file that cannot be used; the message says which line and why."""


@dataclass(frozen=True)
class SectionRow:
    name: str
    articles: int
    flagged: int  # open section-mismatch defects
    suggested_here: int  # articles without a section the model suggests filing here


def section_rows() -> list[SectionRow]:
    """Return every section with its public articles, mis-filings flagged and suggestions made into it."""
    counts = dict(Article.objects.filter(withdrawn=False).values_list("section").annotate(n=Count("pk")).values_list("section", "n"))
    flagged = dict(Defect.objects.filter(status=Defect.OPEN, kind="section-mismatch").values_list("article__section")
                   .annotate(n=Count("pk")).values_list("article__section", "n"))
    suggested = dict(Defect.objects.filter(status=Defect.OPEN, kind="section-suggested").values_list("suggestion")
                     .annotate(n=Count("pk")).values_list("suggestion", "n"))
    names = sorted(set(counts) | set(suggested), key=lambda n: (n == "", -counts.get(n, 0), n))
    return [SectionRow(n, counts.get(n, 0), flagged.get(n, 0), suggested.get(n, 0)) for n in names]


def suggested_mapping(home: Path | None = None) -> list[SuggestedMapping]:
    """Return the section pairs that look like two names of one desk, the stronger evidence first.

    Two kinds of evidence: the kept section model confuses the two far more
    than mis-filing would (enrich/mapping.py), and the same story, reprinted
    by two sources, is filed under one name by one and the other by the other.
    """
    from morgue.archive.classify import load_model

    present = dict(Article.objects.filter(withdrawn=False).values_list("section").annotate(n=Count("pk")).values_list("section", "n"))
    kept = load_model(home)
    found = {frozenset((m.source, m.target)): m for m in (kept["aliases"] if kept else []) if m.source in present}
    for (a, b), n in co_filed().items():
        key = frozenset((a, b))
        if key in found:
            found[key] = replace(found[key], reprints=n)
        elif n >= CO_FILED_FROM:
            # The smaller name maps onto the larger one.
            source, target = (a, b) if present.get(a, 0) <= present.get(b, 0) else (b, a)
            found[key] = SuggestedMapping(source, target, present.get(source, 0), 0.0, reprints=n)
    return sorted(found.values(), key=lambda m: (-m.articles, m.source))


def co_filed() -> Counter:
    """Return how many same-story clusters file their versions under each pair of two different sections."""
    sections: dict[int, set[str]] = defaultdict(set)
    for cluster_id, section in (ClusterMember.objects.filter(article__withdrawn=False).exclude(article__section="")
                                .values_list("cluster_id", "article__section")):
        sections[cluster_id].add(section)
    pairs: Counter = Counter()
    for names in sections.values():
        for a, b in combinations(sorted(names), 2):
            pairs[(a, b)] += 1
    return pairs


def mapping_toml(suggestions: list[SuggestedMapping]) -> str:
    """Return a mapping file holding the suggestions, each with its evidence, for an editor to check."""
    lines = ["# Source section = the archive's section. Delete the lines you do not want; then",
             "#   morgue sections --apply-mapping THIS-FILE        (a dry run)",
             "#   morgue sections --apply-mapping THIS-FILE --yes  (recategorises, each article its own revision)",
             "[mapping]"]
    for s in suggestions:
        lines.append(f"# {s.articles:,} articles: {evidence(s)}")
        lines.append(f"{_quote(s.source)} = {_quote(s.target)}")
    return "\n".join(lines) + "\n"


def evidence(s: SuggestedMapping) -> str:
    """Return why a mapping is suggested, in words."""
    said = []
    if s.share:
        said.append(f"the section model, never trained on their labels, files {s.share:.0%} under {s.target!r}")
    if s.reprints:
        said.append(f"{s.reprints:,} stories were filed under {s.source!r} by one source and {s.target!r} by another")
    return "; ".join(said)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def read_mapping(path: Path) -> dict[str, str]:
    """Return the mapping a file states; raises MappingError for a file that is not a mapping."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise MappingError(f"no mapping file at {path}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MappingError(f"{path} is not a TOML mapping file: {exc}") from exc
    mapping = data.get("mapping")
    if not isinstance(mapping, dict) or not mapping:
        raise MappingError(f"{path} has no [mapping] table of \"source section\" = \"archive section\" lines")
    for source, target in mapping.items():
        if not isinstance(target, str) or not target.strip():
            raise MappingError(f"{path}: {source!r} must map onto a section name, not {target!r}")
        if len(target) > 200:
            raise MappingError(f"{path}: the section name for {source!r} is longer than 200 characters")
        if target.strip() in mapping and mapping[target.strip()] != target.strip():
            raise MappingError(f"{path}: {target!r} is both a target and mapped onward; map {source!r} straight to the end")
    return {source: target.strip() for source, target in mapping.items() if source != target.strip()}


def mapping_effect(mapping: dict[str, str]) -> list[tuple[str, str, int]]:
    """Return (source, target, public articles that would move) for each line of the mapping."""
    counts = dict(Article.objects.filter(withdrawn=False, section__in=list(mapping)).values_list("section")
                  .annotate(n=Count("pk")).values_list("section", "n"))
    return [(source, target, counts.get(source, 0)) for source, target in mapping.items()]


def apply_mapping(mapping: dict[str, str], author=None) -> int:
    """Recategorise every public article filed under a mapped name, each as its own revision; return how many."""
    moved = 0
    for source, target in mapping.items():
        note = (f"This article was filed under “{source}” in the old archive; the archive calls that section “{target}”.")
        for article in Article.objects.filter(withdrawn=False, section=source).order_by("pk").iterator(chunk_size=500):
            append_revision(article, Revision.RECATEGORISATION, {"section": target},
                            reason=f"section mapping: {source!r} → {target!r}", public_note=note, author=author)
            moved += 1
    return moved
