"""The three imaginary newspapers of the demo archive, and where their pages live.

Each paper has a home town (most of its local stories happen there), a web
host, a staff of reporters and its own way of naming files and URLs. A page
whose date was lost must not give the date away in its path or URL either,
so undated pages go to "archive"-style locations.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from .stories import staff_of


@dataclass(frozen=True)
class Site:
    """One imaginary newspaper site."""

    key: str  # folder name under sources/
    name: str  # "The Northfield Courier"
    home: str  # home town
    host: str
    staff: tuple[str, ...]


COURIER = Site("northfield-courier", "The Northfield Courier", "Northfield",
               "www.northfieldcourier.com", staff_of("The Northfield Courier"))
GAZETTE = Site("harbour-gazette", "The Harbour Gazette", "Harbour Point",
               "www.harbourgazette.co.uk", staff_of("The Harbour Gazette"))
POST = Site("valley-evening-post", "The Valley Evening Post", "Ashby Vale",
            "www.valleyeveningpost.com", staff_of("The Valley Evening Post"))
SITES = (COURIER, GAZETTE, POST)

# What the papers called their sections over the decades: (section, until the end of year, its name then).
# After the last era, a section is called by its own name ("culture" → "Culture").
SECTION_ERAS = {
    "business": ((1974, "Trade and Industry"),),
    "culture": ((1969, "Entertainments"), (1989, "Arts")),
    "opinion": ((1969, "Leaders and Letters"), (1994, "Comment")),
    "obituaries": ((1964, "Deaths and Tributes"),),
    "science": ((1984, "Science and Nature"),),
}


def section_name(section: str, year: int) -> str:
    """Return what the papers called ``section`` in ``year`` ("culture" in 1975 was "Arts")."""
    for until, name in SECTION_ERAS.get(section, ()):
        if year <= until:
            return name
    return section.capitalize()


# Formats: how an article reaches sources/ (a format belongs to one site).
FORMATS = ("html", "zip", "text", "jsonl", "warc", "nitf")
ZIP_NAME = "courier-extra"
WARC_NAME = "valley-evening-post"
JSONL_NAME = "harbour-gazette-cms"
NITF_FOLDER = "valley-evening-post-nitf"


@dataclass(frozen=True)
class Location:
    """Where one article is written: a file under sources/, maybe a member or a URL."""

    path: str  # relative to sources/; for zip/WARC/JSONL the container file
    member: str = ""  # zip member name
    url: str | None = None  # the page's address on the live site


def slugify(headline: str, limit: int = 8) -> str:
    """Return an ASCII URL slug of the first ``limit`` words of a headline."""
    ascii_text = unicodedata.normalize("NFKD", headline).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:limit]) or "story"


def container_name(base: str, part: int, suffix: str) -> str:
    """Return the file name of part ``part`` (1-based) of a split container."""
    return f"{base}{suffix}" if part == 1 else f"{base}-{part:05d}{suffix}"


def locate(fmt: str, number: int, slug: str, section: str, published: datetime | None,
           part: int, url_style: float) -> Location:
    """Return where an article goes, given its format and (if shown) its date.

    ``section`` is the section the page shows; ``url_style`` (0–1) picks one of
    a site's URL shapes; ``part`` is the number of the current container file.
    """
    ym = f"{published:%Y/%m}" if published else "archive"
    if fmt in ("html", "zip"):
        url = f"https://{COURIER.host}/{ym}/{slug}-{number}.html"
        if fmt == "html":
            return Location(f"{COURIER.key}/{ym}/{slug}-{number}.html", url=url)
        return Location(container_name(ZIP_NAME, part, ".zip"),
                        f"{ZIP_NAME}/{ym}/{slug}-{number}.html", url)
    if fmt == "text":
        folder = f"{published:%Y}" if published else "undated"
        return Location(f"{GAZETTE.key}/{folder}/{slug}-{number}.txt")
    if fmt == "jsonl":
        return Location(container_name(JSONL_NAME, part, ".jsonl"),
                        url=f"https://{GAZETTE.host}/{section}/{slug}-{number}")
    if published and url_style < 0.7:
        url = f"https://{POST.host}/{section}/{published:%Y/%m/%d}/{slug}-{number}/"
    else:
        url = f"https://{POST.host}/story/{number}/{slug}/"
    if fmt == "warc":
        return Location(container_name(WARC_NAME, part, ".warc.gz"), url=url)
    folder = f"{published:%Y}" if published else "undated"
    return Location(f"{NITF_FOLDER}/{folder}/vep-{number}.xml", url=url)


def site_of(fmt: str) -> Site:
    """Return the site whose pages come in format ``fmt``."""
    return COURIER if fmt in ("html", "zip") else GAZETTE if fmt in ("text", "jsonl") else POST
