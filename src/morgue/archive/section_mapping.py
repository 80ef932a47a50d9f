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
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Count

from morgue.archive.models import Article, Defect, Revision
from morgue.archive.revisions import append_revision
from morgue.enrich.mapping import SuggestedMapping
from morgue.errors import MorgueError

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
    """Return the section pairs the kept section model confuses like two names of one desk (see enrich/mapping.py)."""
    from morgue.archive.classify import load_model

    kept = load_model(home)
    if kept is None:
        return []
    present = set(Article.objects.filter(withdrawn=False).values_list("section", flat=True).distinct())
    return [m for m in kept["aliases"] if m.source in present]


def mapping_toml(suggestions: list[SuggestedMapping]) -> str:
    """Return a mapping file holding the suggestions, each with its evidence, for an editor to check."""
    lines = ["# Source section = the archive's section. Delete the lines you do not want; then",
             "#   morgue sections --apply-mapping THIS-FILE        (a dry run)",
             "#   morgue sections --apply-mapping THIS-FILE --yes  (recategorises, each article its own revision)",
             "[mapping]"]
    for s in suggestions:
        lines.append(f"# {s.articles:,} articles; the section model, never trained on their labels, files {s.share:.0%} under {s.target!r}")
        lines.append(f"{_quote(s.source)} = {_quote(s.target)}")
    return "\n".join(lines) + "\n"


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
