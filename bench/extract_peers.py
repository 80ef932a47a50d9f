"""The extractors that bench/extraction.py compares: morgue and its peers, one function each.

Each function takes a ``Page`` (the bytes and text of one HTML page, already
in memory) and returns the article body as plain text. The peers are called
the way scrapinghub's article-extraction-benchmark calls them
(``extractors/run_*.py`` at commit 4a3bc979), so their figures are the
published ones' equivalent:

- trafilatura: ``extract(html, include_comments=False)``, everything else at
  its defaults (tables included, fallbacks on, no url). The second row adds
  ``favor_precision=True``.
- readability-lxml: ``Document(html).summary(html_partial=True)``, then the
  HTML to text. Upstream uses the ``html-text`` package, which is not in our
  ``bench`` extra; ``_html_to_text`` does the part that matters to the
  metric (a break at every block element, so words never glue together).
- newspaper4k: ``Article(url)`` with image fetching off, ``download(input_html=html)``
  (no network), ``parse()``; ``nlp()`` is never called.
- resiliparse: ``extract_plain_text(html, main_content=True)``.
- morgue: ``extract_article`` on a RawDocument of the page's bytes; the body
  is its paragraphs joined by newlines; an ExtractionError is an empty body.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import subprocess
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from morgue.errors import ExtractionError
from morgue.extract import extract_article
from morgue.read.document import RawDocument, SourceLocation


@dataclass(frozen=True)
class Page:
    """One HTML page to extract, with the body it truly shows and the group it is scored in."""

    id: str
    url: str
    data: bytes  # the page's bytes, for morgue (which decodes them itself)
    html: str  # the same page decoded, for the peers (upstream passes str)
    truth: str
    group: str  # "tune"/"holdout" (dev) or site/format (demo)
    doc: RawDocument | None = None  # the document as read (demo); built from data when None

    def raw_document(self) -> RawDocument:
        """Return the page as morgue's reader would have given it."""
        if self.doc is not None:
            return self.doc
        return RawDocument(data=self.data, location=SourceLocation(path=self.id), kind="html", url=self.url)


def trafilatura_default(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.html, include_comments=False) or ""


def trafilatura_precision(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.html, include_comments=False, favor_precision=True) or ""


_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
           "table", "blockquote", "pre", "section", "article", "header", "footer", "figure",
           "figcaption", "dd", "dt", "dl", "hr", "aside", "main", "nav", "form"}


def _html_to_text(fragment: str) -> str:
    """Return the text of an HTML fragment with a line break around every block element."""
    import lxml.html

    if not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def readability(page: Page) -> str:
    from readability import Document

    return _html_to_text(Document(page.html).summary(html_partial=True))


def newspaper4k(page: Page) -> str:
    import newspaper

    article = newspaper.Article(page.url, fetch_images=False)
    article.download(input_html=page.html)
    article.parse()
    return article.text or ""


def resiliparse(page: Page) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(page.html, main_content=True) or ""


def morgue_page(page: Page) -> str:
    try:
        return "\n".join(extract_article(page.raw_document()).body)
    except ExtractionError:
        return ""


def morgue_batch_function() -> Callable | None:
    """Return ``morgue.extract.batch.extract_documents`` if this checkout has it, else None."""
    try:
        module = importlib.import_module("morgue.extract.batch")
    except ImportError:
        return None
    return getattr(module, "extract_documents", None)


def morgue_batch(pages: list[Page]) -> list[str]:
    """Return morgue's bodies for all pages at once (site chrome learnt from every page first)."""
    results = morgue_batch_function()([page.raw_document() for page in pages])
    return ["" if isinstance(r, ExtractionError) else "\n".join(r.body) for r in results]


# name -> (label, per-page function); the order is the table's order.
PEERS: dict[str, tuple[str, Callable[[Page], str]]] = {
    "trafilatura": ("trafilatura", trafilatura_default),
    "trafilatura-precision": ("trafilatura favor_precision", trafilatura_precision),
    "readability": ("readability-lxml", readability),
    "newspaper": ("newspaper4k", newspaper4k),
    "resiliparse": ("resiliparse", resiliparse),
    "morgue": ("morgue", morgue_page),
}

_DISTRIBUTIONS = ("morgue", "trafilatura", "readability-lxml", "newspaper4k", "resiliparse", "lxml")


def versions() -> dict[str, str]:
    """Return the installed version of each extractor's distribution."""
    found = {}
    for name in _DISTRIBUTIONS:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def morgue_checkout() -> str:
    """Return where the morgue being measured was imported from, with its commit and whether it is dirty.

    Others edit the extractor in the same working tree while this runs; a
    figure is only worth keeping if it says which code produced it.
    """
    import morgue

    package = Path(morgue.__file__).resolve().parent
    git = ["git", "-C", str(package)]
    try:
        commit = subprocess.run(git + ["rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                check=True).stdout.strip()
        dirty = subprocess.run(git + ["status", "--porcelain", "--", "."], capture_output=True, text=True,
                               check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return f"{package} (not a git checkout)"
    state = f"{len(dirty.splitlines())} uncommitted change(s) under it" if dirty else "clean"
    return f"{package} (commit {commit}, {state})"


def quiet_imports() -> None:
    """Import the peers once, up front, so no import lands in a timed call; hush their warnings."""
    warnings.filterwarnings("ignore", message="nltk is not installed")
    for module in ("trafilatura", "readability", "newspaper", "resiliparse.extract.html2text"):
        importlib.import_module(module)
