"""The paper an archive belongs to: its name, words, colour and addresses, kept in ``morgue.toml`` in the archive home.

Pure (no Django): ``read_paper`` and ``write_paper`` turn the file into a
``Paper`` and back; ``Paper.merged`` lays what the admin changed at run time
over it. Every value is checked where it enters (the file, ``morgue init``,
the admin), so a page never shows a broken colour, address or year. A home
with no file, or a field left empty, falls back to neutral words ("The
archive"), never to the software's name: readers meet the paper, not morgue.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from morgue.errors import ConfigurationError

FILE_NAME = "morgue.toml"
NEUTRAL_NAME = "The archive"
NEUTRAL_NOTICE = ("Every article here was extracted from an original kept byte for byte; "
                  "corrections are published, never silent.")
DEFAULT_ACCENT = "#0b4f8a"
PAGES = ("about", "terms", "privacy")
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+")


@dataclass(frozen=True)
class Paper:
    """Who the archive belongs to and how its pages speak. Empty strings and None mean "not said"."""

    name: str = ""
    short_name: str = ""
    url: str = ""  # the canonical base address: sitemaps, feeds, JSON-LD and e-mails use it
    founded: int | None = None  # the year the paper began; the audit flags articles dated before it
    publisher: str = ""  # the organisation named as publisher in each article's JSON-LD
    language: str = ""  # a BCP 47 tag, e.g. en-GB
    timezone: str = ""  # an IANA zone, e.g. Europe/London
    accent: str = ""  # "#rrggbb"
    logo: str = ""  # an image file in the home
    favicon: str = ""  # an image file in the home
    contact: str = ""  # an e-mail address readers may write to
    notice: str = ""  # the archive notice every page's foot carries
    pages: dict = field(default_factory=dict)  # "about", "terms", "privacy": Markdown

    @property
    def title(self) -> str:
        """The name a page shows: the paper's, else neutral words."""
        return self.name or NEUTRAL_NAME

    @property
    def short(self) -> str:
        return self.short_name or self.title

    @property
    def publisher_name(self) -> str:
        return self.publisher or self.name

    @property
    def archive_notice(self) -> str:
        return self.notice or NEUTRAL_NOTICE

    @property
    def accent_colour(self) -> str:
        return self.accent or DEFAULT_ACCENT

    @property
    def html_language(self) -> str:
        return self.language or "en"

    @property
    def base_url(self) -> str:
        """The canonical base address without a trailing slash ("" when not set: the request's own is used)."""
        return self.url.rstrip("/")

    def merged(self, changes: dict) -> Paper:
        """Return this paper with the non-empty ``changes`` (from the admin) laid over it, each checked."""
        given = {k: v for k, v in changes.items() if v not in ("", None) and k in _FIELD_NAMES and k != "pages"}
        pages = {**self.pages, **{k: v for k, v in (changes.get("pages") or {}).items() if v}}
        return checked(replace(self, **given, pages=pages))


_FIELD_NAMES = {f.name for f in fields(Paper)}


def checked(paper: Paper) -> Paper:
    """Return ``paper`` with its values tidied, or raise ConfigurationError naming the first bad one and what it must be."""
    problems = field_problems(paper)
    if problems:
        name, problem = next(iter(problems.items()))
        raise ConfigurationError(f"the paper's {name} {problem}")
    return replace(paper, accent=paper.accent.lower(), url=paper.url.rstrip("/"))


def field_problems(paper: Paper) -> dict[str, str]:
    """Return {field: what is wrong with it} for every value that cannot be used (empty: all is well)."""
    problems = {}
    for name in ("name", "short_name", "publisher", "logo", "favicon", "contact", "timezone", "language"):
        value = getattr(paper, name)
        if not isinstance(value, str):
            problems[name] = f"must be text, not {value!r}"
        elif len(value) > 200 or "\n" in value:
            problems[name] = "must be one line of at most 200 characters"
    if problems:
        return problems
    if paper.url:
        parts = urlsplit(paper.url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment or "@" in parts.netloc:
            problems["url"] = f"{paper.url!r} must be a web address such as https://archive.example.com"
    if paper.founded is not None and (not isinstance(paper.founded, int) or isinstance(paper.founded, bool)
                                      or not 1600 <= paper.founded <= date.today().year):
        problems["founded"] = f"{paper.founded!r} must be a year between 1600 and {date.today().year}"
    if paper.accent and not _HEX.fullmatch(paper.accent):
        problems["accent"] = f"{paper.accent!r} must be a colour written #rrggbb, e.g. #8b1a1a"
    if paper.language and not _LANGUAGE.fullmatch(paper.language):
        problems["language"] = f"{paper.language!r} must be a language tag such as en, en-GB or de"
    if paper.timezone:
        try:
            ZoneInfo(paper.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            problems["timezone"] = f"{paper.timezone!r} must be a time zone such as Europe/London or America/New_York"
    if paper.contact and not _EMAIL.fullmatch(paper.contact):
        problems["contact"] = f"{paper.contact!r} must be an e-mail address"
    for name in ("logo", "favicon"):
        value = getattr(paper, name)
        if value and (Path(value).is_absolute() or ".." in Path(value).parts):
            problems[name] = f"{value!r} must be a file inside the archive home, named relative to it"
    if not isinstance(paper.notice, str) or len(paper.notice) > 1000:
        problems["notice"] = "must be text of at most 1,000 characters"
    if not isinstance(paper.pages, dict) or set(paper.pages) - set(PAGES) or not all(isinstance(v, str) for v in paper.pages.values()):
        problems["pages"] = f"must name only {', '.join(PAGES)}, each with its text"
    return problems


# What each setting looks like, written commented out into a new morgue.toml for whoever edits it.
EXAMPLES = {
    "name": "The Oldcastle Courier", "short_name": "The Courier", "url": "https://archive.oldcastle-courier.example",
    "founded": 1901, "publisher": "Oldcastle Media Ltd", "language": "en-GB", "timezone": "Europe/London",
    "accent": "#8b1a1a", "logo": "masthead.png", "favicon": "favicon.png", "contact": "archive@oldcastle-courier.example",
    "notice": "The Courier's archive since 1901: every article as it was printed, corrections published.",
}


def paper_file(home: Path) -> Path:
    return home / FILE_NAME


def read_paper(home: Path) -> Paper:
    """Return the paper described by the home's ``morgue.toml`` (a neutral one if there is none)."""
    path = paper_file(home)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Paper()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"cannot read {path} ({exc}): mend or remove it") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(f"{path} is not valid TOML ({exc}): mend it (it is a plain text file)") from exc
    section = data.get("paper", {})
    if not isinstance(section, dict):
        raise ConfigurationError(f"{path}: [paper] must be a table of settings")
    unknown = set(section) - _FIELD_NAMES - {"pages"}
    if unknown:
        known = ", ".join(sorted(_FIELD_NAMES - {"pages"}))
        raise ConfigurationError(f"{path}: [paper] has no setting {sorted(unknown)[0]!r}; the settings are {known}")
    pages = data.get("pages", {})
    try:
        return checked(Paper(**section, pages=pages if isinstance(pages, dict) else {"": pages}))
    except ConfigurationError as exc:
        raise ConfigurationError(f"{path}: {exc}") from exc


def write_paper(home: Path, paper: Paper) -> Path:
    """Write ``paper`` to the home's ``morgue.toml`` (checked first); return the file's path."""
    paper = checked(paper)
    lines = ["# The paper this archive belongs to: its name and words on every page, its address in feeds and",
             "# sitemaps, its founding year for the audit. Edit it here, or in the admin (/admin/) for what can",
             "# change while the site runs; the admin's values win. Logo and favicon are files in this folder.",
             "", "[paper]"]
    for name, value in asdict(paper).items():
        if name == "pages":
            continue
        if value in ("", None):
            lines.append(f"# {name} = {_toml_value(EXAMPLES[name])}")  # an example, to fill in
        else:
            lines.append(f"{name} = {_toml_value(value)}")
    lines += ["", "# The about, terms and privacy pages, in Markdown (the admin's Site pages win)."]
    if paper.pages:
        lines += ["[pages]"] + [f"{name} = {_toml_value(text)}" for name, text in paper.pages.items() if text]
    else:
        lines += ["# [pages]", '# about = "The **Courier** has reported on Oldcastle since 1901. …"']
    path = paper_file(home)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _toml_value(value) -> str:
    if isinstance(value, int):
        return str(value)
    # A JSON string is a TOML basic string: both escape quotes, backslashes, newlines, tabs and \u escapes alike.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def readable_accent(colour: str, background: str = "#fdfcf9", ratio: float = 4.5) -> str:
    """Return ``colour`` darkened just enough for text in it to be read on ``background`` (WCAG contrast ``ratio``)."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    for _ in range(40):
        if _contrast(rgb, [int(background[i:i + 2], 16) for i in (1, 3, 5)]) >= ratio:
            break
        rgb = [int(c * 0.9) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def _luminance(rgb) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a, b) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
