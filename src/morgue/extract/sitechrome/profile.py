"""What learning hands to stripping: the options of a run and the learned profile of each site."""

from __future__ import annotations

from dataclasses import dataclass, field

from morgue.extract.sitechrome.sites import site_key
from morgue.read.document import RawDocument

REASON = "site chrome"
# Kinds of documents that carry a site's template (NITF and JSON exports do not).
LEARNED_KINDS = ("html", "text")


@dataclass(frozen=True)
class SiteChromeOptions:
    """How site chrome is learned; defaults in one place (see ``learn.py``'s docstring for why)."""

    min_pages: int = 5
    min_share: float = 0.3
    min_repeats: int = 3
    sample_pages: int = 200
    max_blocks_per_page: int = 200
    max_sites: int = 256
    # The folders the run was given: a page's site is the top folder under one of them.
    roots: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteProfile:
    """The learned template of one site for one kind of document (picklable: it travels to workers).

    ``text_keys``: hashed normalised texts that are chrome on this site (lines
    of a scrape; texts of chrome HTML blocks). ``element_paths``: HTML element
    paths that are chrome whatever text they hold (menus, link lists).
    ``block_keys``: hashed (element path, text) pairs of chrome HTML blocks.
    """

    site: str
    kind: str
    pages: int  # how many pages it was learned from
    text_keys: frozenset[int] = frozenset()
    element_paths: frozenset[str] = frozenset()
    block_keys: frozenset[int] = frozenset()


@dataclass
class SiteChrome:
    """The profiles learned from a run's documents, one per site and kind."""

    profiles: dict[tuple[str, str], SiteProfile] = field(default_factory=dict)
    roots: tuple[str, ...] = ()
    documents: int = 0  # documents looked at
    sampled: int = 0  # pages read into a sample

    @property
    def sites(self) -> int:
        """Return how many sites have a learned profile."""
        return len({site for site, _ in self.profiles})

    def profile_for(self, doc: RawDocument) -> SiteProfile | None:
        """Return the profile of the document's site and kind, or None (too few pages, or not learned)."""
        if doc.kind not in LEARNED_KINDS or not self.profiles:
            return None
        return self.profiles.get((site_key(doc, self.roots), doc.kind))
