"""Generate the demo archive: three imaginary papers' pages as a legacy system left them.

``generate_demo(dest, options)`` writes

- ``dest/sources/`` — what an archive ingests:
  ``northfield-courier/YYYY/MM/<slug>-<n>.html`` (crawled pages; undated ones under
  ``archive/``), ``courier-extra.zip`` (more Courier pages in subfolders),
  ``harbour-gazette/YYYY/<slug>-<n>.txt`` (text scrapes; undated under ``undated/``),
  ``harbour-gazette-cms.jsonl`` (CMS export), ``valley-evening-post.warc.gz``
  (request/response pairs) and ``valley-evening-post-nitf/YYYY/vep-<n>.xml``.
  Containers are split every ``per_container`` entries (``courier-extra-00002.zip``).
- ``dest/truth.jsonl`` — one line per article, in order: where it is
  (``source.path`` relative to sources/, ``source.member`` in a zip,
  ``source.offset`` = byte offset of the WARC response record or 1-based JSONL
  line), its URL, the true headline, byline, dateline, date (null when the page
  lost it), section and the section the page shows, the clean body and the
  damage injected (see ``damage.Damage``; ``damage.page_body`` replays it).

Every article is drawn from random generators seeded by (seed, article number,
purpose), so the same options give byte-identical files, articles are
independent of each other, and a near-duplicate can rewrite its original from
the seed instead of keeping it in memory.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
import random
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from pathlib import Path

from ..errors import ConfigurationError
from . import templates
from .containers import Folder, JsonlWriter, WarcWriter, ZipWriter, capture_records
from .damage import KINDS, Page, damage_story
from .errata import plant_errata
from .sites import (JSONL_NAME, WARC_NAME, ZIP_NAME, Location, locate, section_name, site_of, slugify)
from .stories import SECTIONS, Story, retell_story, write_headline, write_story

# How often each section appears, in SECTIONS order: a local paper is mostly news.
SECTION_WEIGHTS = (22, 14, 14, 16, 10, 8, 8, 8)
# A near-duplicate re-publishes a story from at most this many articles earlier.
_REPUBLISH_WINDOW = 200
_RENDER = {"html": templates.render_courier, "zip": templates.render_courier,
           "text": templates.render_gazette, "jsonl": templates.render_cms_record,
           "warc": templates.render_post, "nitf": templates.render_nitf}


@dataclass(frozen=True)
class DemoOptions:
    """Everything that shapes a demo archive; the defaults are the demo's."""

    articles: int = 600
    seed: int = 1
    # Share of articles that get each kind of transfer damage.
    mojibake_rate: float = 0.05
    truncation_rate: float = 0.05
    duplicated_paragraph_rate: float = 0.05
    missing_date_rate: float = 0.05
    misfiled_section_rate: float = 0.05
    erratum_rate: float = 0.004  # per kind (misspelt name, wrong date): printed errors an editor corrects
    leftover_entities_rate: float = 0.05
    # Share of articles that re-publish an earlier story of another paper.
    near_duplicate_rate: float = 0.01
    # Courier, Gazette, Post.
    site_shares: tuple[float, float, float] = (0.4, 0.3, 0.3)
    zip_share: float = 0.25  # of the Courier's pages, delivered in the zip
    jsonl_share: float = 0.1  # of the Gazette's, in the CMS export instead of scrapes
    nitf_share: float = 0.05  # of the Post's, as NITF files instead of in the WARC
    per_container: int = 50_000  # entries per zip / WARC / JSONL file before a new part
    # Processes that write stories and pages (0: one per CPU). The files are the
    # same whatever the number; small runs use one.
    workers: int = 0

    def damage_rates(self) -> dict[str, float]:
        """Return the damage rate of each kind in damage.KINDS."""
        return {kind: getattr(self, f"{kind}_rate") for kind in KINDS}

    def check(self) -> None:
        """Raise ConfigurationError, saying what to change, if an option is unusable."""
        if self.articles < 0:
            raise ConfigurationError(f"articles must be 0 or more, not {self.articles}")
        if self.workers < 0:
            raise ConfigurationError("workers must be 0 (one per CPU) or more")
        if self.per_container < 1:
            raise ConfigurationError("per_container must be at least 1")
        for option in fields(self):
            name = option.name
            if name.endswith(("_rate", "_share")) and not 0 <= getattr(self, name) <= 1:
                raise ConfigurationError(f"{name} must be between 0 and 1, not {getattr(self, name)}")
        if len(self.site_shares) != 3 or min(self.site_shares) < 0 or sum(self.site_shares) <= 0:
            raise ConfigurationError("site_shares needs three non-negative shares with a positive sum")


@dataclass(frozen=True)
class DemoSummary:
    """What a generate_demo run wrote."""

    dest: Path
    sources: Path
    truth: Path
    articles: int
    files: int  # files written under sources/
    by_site: dict[str, int] = field(default_factory=dict)
    by_format: dict[str, int] = field(default_factory=dict)
    damage: dict[str, int] = field(default_factory=dict)  # articles with each kind
    near_duplicates: int = 0


@dataclass(frozen=True)
class _Plan:
    number: int
    fmt: str
    section: str
    original: int | None  # number of the story this one re-publishes


def _rng(options: DemoOptions, number: int, purpose: int) -> random.Random:
    """Return the generator for one purpose (0 plan, 1 story, 2 page) of one article."""
    return random.Random(options.seed * (1 << 40) + number * 4 + purpose)


def _format(options: DemoOptions, site: int, roll: float) -> str:
    if site == 0:
        return "zip" if roll < options.zip_share else "html"
    if site == 1:
        return "jsonl" if roll < options.jsonl_share else "text"
    return "nitf" if roll < options.nitf_share else "warc"


def _pick_site(options: DemoOptions, roll: float, exclude: int | None = None) -> int:
    shares = [0.0 if i == exclude else s for i, s in enumerate(options.site_shares)]
    if sum(shares) == 0:  # only one site has a share: re-publish on another anyway
        shares = [0.0 if i == exclude else 1.0 for i in range(3)]
    point, total = roll * sum(shares), 0.0
    for index, share in enumerate(shares):
        total += share
        if point < total and share:
            return index
    return max(i for i, s in enumerate(shares) if s)


def _site_index(fmt: str) -> int:
    return 0 if fmt in ("html", "zip") else 1 if fmt in ("text", "jsonl") else 2


def _is_copy(options: DemoOptions, number: int) -> bool:
    """Return whether an article is drawn to re-publish an earlier story."""
    return _rng(options, number, 0).random() < options.near_duplicate_rate


def _plan(options: DemoOptions, number: int) -> _Plan:
    """Return an article's site, format and section, and what it re-publishes if anything."""
    rng = _rng(options, number, 0)
    copy_roll, site_roll, format_roll = rng.random(), rng.random(), rng.random()
    section = rng.choices(SECTIONS, SECTION_WEIGHTS)[0]
    back = rng.randrange(1, _REPUBLISH_WINDOW)
    if copy_roll < options.near_duplicate_rate:
        # Re-publish the nearest earlier story that is not itself a copy.
        original = number - back
        while original >= 1 and _is_copy(options, original):
            original -= 1
        if original >= 1:
            source = _plan(options, original)
            site = _pick_site(options, site_roll, exclude=_site_index(source.fmt))
            return _Plan(number, _format(options, site, format_roll), source.section, original)
    return _Plan(number, _format(options, _pick_site(options, site_roll), format_roll), section, None)


def _story(options: DemoOptions, plan: _Plan) -> Story:
    """Return the clean story of a plan; a re-publication rewrites its original first."""
    return _story_and_edit(options, plan)[0]


def _story_and_edit(options: DemoOptions, plan: _Plan) -> tuple[Story, str | None]:
    """Return the clean story of a plan and, for a reprint, how it was edited (stories.REPRINT_EDITS)."""
    site = site_of(plan.fmt)
    rng = _rng(options, plan.number, 1)
    if plan.original:
        source = _plan(options, plan.original)
        original = _story(options, source)
        return retell_story(rng, original, site_of(source.fmt).name)
    return write_story(rng, plan.section, site.home, site.staff), None


@functools.cache
def _related_pool(section: str, home: str) -> tuple[str, ...]:
    """Return headlines for related-stories boxes: a fixed pool per section and paper.

    They are site chrome, not articles, so a shared pool is realistic enough and
    saves writing three headlines per page.
    """
    rng = random.Random(f"{section} {home}")
    return tuple(sorted({write_headline(rng, section, home) for _ in range(300)}))


def _captured(rng: random.Random, published: datetime) -> datetime:
    """Return when a page was crawled: after publication, and not before the web had it."""
    start = max(published, datetime(1998, 1, 1))
    return start + timedelta(days=rng.randint(1, 2500), seconds=rng.randrange(86400))


def _http_headers(rng: random.Random, captured: datetime, length: int) -> list[tuple[str, str]]:
    server = "Apache/2.2.22 (Debian)" if captured.year < 2015 else "nginx/1.18.0"
    headers = [("Date", f"{captured:%a, %d %b %Y %H:%M:%S} GMT"), ("Server", server),
               ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(length))]
    if rng.random() < 0.5:
        headers.append(("Set-Cookie", f"vep_session={rng.getrandbits(64):016x}; Path=/; HttpOnly"))
    headers += [("Cache-Control", "max-age=300"), ("Connection", "close")]
    return headers


_REQUEST_HEADERS = [("User-Agent", "Mozilla/5.0 (compatible; heritrix/3.4.0 +http://crawler.example.org)"),
                    ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
                    ("Accept-Language", "en-GB,en;q=0.7"), ("Connection", "close")]


@dataclass(frozen=True)
class _Made:
    """One article made ready to write: its page bytes and most of its truth line."""

    fmt: str
    site: str
    location: Location  # for zip/WARC/JSONL the path is filled in when written
    data: bytes  # the page; for WARC its gzipped response and request records
    captured: datetime
    truth: str  # the truth record as JSON, without its closing "}" and its "source"
    damage: frozenset[str]
    copy: bool


def _make(options: DemoOptions, number: int, folder: Folder) -> _Made:
    """Return one article written, damaged and rendered.

    A page that is a file of its own is written into ``folder`` here (file
    creation is slow on some disks, and workers can do it side by side); a page
    bound for a container comes back as bytes for the one process that appends.
    """
    # Plan the article and write its clean story (or re-tell an earlier one).
    plan = _plan(options, number)
    story, edit = _story_and_edit(options, plan)
    site = site_of(plan.fmt)

    # Damage it, then decide where and when the page was captured.
    # A few stories were printed with an editorial error (a misspelt name, a wrong date) for the editor to correct.
    story, errata = plant_errata(_rng(options, number, 3), story, options.erratum_rate, dated=plan.original is None)
    rng = _rng(options, number, 2)
    page = damage_story(rng, story, options.damage_rates())
    if not page.dated:
        errata = [e for e in errata if e["field"] != "published"]  # the page lost its date: nothing to correct
    captured = _captured(rng, story.published)
    related = tuple(rng.sample(_related_pool(page.section, site.home), 3))
    site_number = 10_000 + number
    location = locate(plan.fmt, site_number, slugify(story.headline), page.section,
                      story.published if page.dated else None, 1, rng.random())

    # Render the page in its site's template; a WARC capture becomes its records here,
    # so worker processes do the compressing.
    context = templates.Context(site_number, location.url, captured, related)
    text = _RENDER[plan.fmt](story, page, context, rng)
    data = text.encode("utf-8")
    if plan.fmt == "warc":
        bits = (rng.getrandbits(128), rng.getrandbits(128))
        data = capture_records(location.url, data, captured,
                               _http_headers(rng, captured, len(data)),
                               [("Host", location.url.split("/")[2])] + _REQUEST_HEADERS, bits)

    if plan.fmt in _FILE_FORMATS:
        folder.write(location.path, data)
        data = b""

    # Record the truth about it (its source is added once the container part is known).
    record = json.dumps({**_truth(number, plan, story, page, site.key, location, captured), "errata": errata,
                         "reprint_edit": edit},
                        ensure_ascii=False)
    return _Made(plan.fmt, site.key, location, data, captured, record[:-1],
                 frozenset(d.kind for d in page.damage), plan.original is not None)


def _make_many(options: DemoOptions, sources: Path, first: int, last: int) -> list[_Made]:
    """Return articles first..last (inclusive) made ready to write."""
    folder = Folder(sources)
    return [_make(options, number, folder) for number in range(first, last + 1)]


def _made(options: DemoOptions, sources: Path) -> Iterator[_Made]:
    """Yield every article in order, made in worker processes when it pays.

    At most a few chunks per worker are in flight, so memory stays flat however
    many articles there are and however slow the disk is.
    """
    workers = options.workers or os.cpu_count() or 1
    if workers == 1 or options.articles < _POOL_MIN_ARTICLES:
        folder = Folder(sources)
        for number in range(1, options.articles + 1):
            yield _make(options, number, folder)
        return
    starts = iter(range(1, options.articles + 1, _CHUNK))
    context = multiprocessing.get_context("spawn")  # safe in a process that holds threads
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: deque = deque()
        for start in starts:
            pending.append(pool.submit(_make_many, options, sources, start,
                                       min(start + _CHUNK - 1, options.articles)))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


# Formats whose pages are files of their own, not members of a container.
_FILE_FORMATS = ("html", "text", "nitf")
# Below this many articles, starting worker processes costs more than it saves.
_POOL_MIN_ARTICLES = 5_000
_CHUNK = 250


def generate_demo(dest: Path, options: DemoOptions = DemoOptions()) -> DemoSummary:
    """Write a demo archive under ``dest`` (sources/ and truth.jsonl); return what was written.

    Raises ConfigurationError for unusable options or when ``dest/sources``
    already holds files (a second run into it would mix two archives).
    """
    # 1. Check the options and the destination; open one writer per kind of output.
    options.check()
    dest = Path(dest)
    sources = dest / "sources"
    if sources.exists() and any(sources.iterdir()):
        raise ConfigurationError(f"{sources} is not empty; choose a new folder for the demo")
    sources.mkdir(parents=True, exist_ok=True)
    writers = _Writers(sources, options.per_container)
    by_site, by_format, damaged = Counter(), Counter(), Counter()
    near_duplicates = 0
    truth_path = dest / "truth.jsonl"

    with open(truth_path, "wb") as truth:
        # 2. Make each article (story, damage, page; see _make), in order.
        for made in _made(options, sources):
            # 3. Write its page, then its truth line with where the page went.
            source = writers.write(made)
            line = f'{made.truth}, "source": {json.dumps(source, ensure_ascii=False)}}}\n'
            truth.write(line.encode("utf-8"))
            by_site[made.site] += 1
            by_format[made.fmt] += 1
            damaged.update(made.damage)
            near_duplicates += made.copy

    # 4. Close the containers and count what was written.
    files = writers.close()
    return DemoSummary(dest, sources, truth_path, options.articles, files,
                       dict(sorted(by_site.items())), dict(sorted(by_format.items())),
                       {kind: damaged[kind] for kind in KINDS}, near_duplicates)


class _Writers:
    """The containers one run appends to, in article order."""

    def __init__(self, sources: Path, per_container: int):
        self.files = 0
        self.zips = ZipWriter(sources, ZIP_NAME, per_container)
        self.warcs = WarcWriter(sources, WARC_NAME, per_container)
        self.exports = JsonlWriter(sources, JSONL_NAME, per_container)

    def write(self, made: _Made) -> dict:
        """Write one page; return its truth "source": path, member, offset."""
        location, offset = made.location, None
        if made.fmt == "jsonl":
            path = self.exports.path().name
            offset = self.exports.write(made.data)
        elif made.fmt == "zip":
            path = self.zips.path().name
            self.zips.write(location.member, made.data, made.captured)
        elif made.fmt == "warc":
            path = self.warcs.path().name
            offset = self.warcs.write(made.data, made.captured)
        else:
            path = location.path  # already written by _make
            self.files += 1
        return {"path": path, "member": location.member, "offset": offset}

    def close(self) -> int:
        """Close the containers; return how many files were written in all."""
        for writer in (self.zips, self.warcs, self.exports):
            writer.close()
        return self.files + self.zips.files + self.warcs.files + self.exports.files


def _truth(number: int, plan: _Plan, story: Story, page: Page, site: str, location: Location,
           captured: datetime) -> dict:
    """Return the truth.jsonl record of one article, all but its "source"."""
    return {
        "id": f"demo-{number:07d}",
        "site": site,
        "format": plan.fmt,
        "url": location.url,
        "captured": f"{captured:%Y-%m-%dT%H:%M:%SZ}",
        "headline": story.headline,
        "byline": story.byline,
        "author": story.author,
        "dateline": story.dateline,
        "published": story.published.date().isoformat() if page.dated else None,
        "section": story.section,
        "page_section": page.section,
        "page_section_name": section_name(page.section, story.published.year),  # what the page calls it
        "body": list(story.paragraphs),
        "damage": [d.to_dict() for d in page.damage],
        "near_duplicate_of": f"demo-{plan.original:07d}" if plan.original else None,
        "people": [{"name": p.name, "title": p.title} for p in story.people],
        "organisations": list(story.organisations),
        "places": list(story.places),
        "quotes": [{"text": q.text, "speaker": q.speaker} for q in story.quotes],
    }


def demo_stories(options: DemoOptions, first: int = 1, last: int | None = None) -> Iterator[tuple[int, Story, str]]:
    """Yield (number, clean story, paper's name) for articles first..last of the demo, without writing pages.

    The same stories `generate_demo` renders, for benchmarks that need many
    articles in an archive without paying for page rendering and extraction.
    """
    last = options.articles if last is None else last
    for number in range(first, last + 1):
        plan = _plan(options, number)
        yield number, _story(options, plan), site_of(plan.fmt).name


def demo_versions(options: DemoOptions, first: int = 1, last: int | None = None
                  ) -> Iterator[tuple[int, Story, int | None, str | None]]:
    """Yield (number, clean story, number of the story it reprints or None, how the reprint was edited).

    What bench/duplicates.py needs to know which articles are the same story, without rendering pages.
    """
    last = options.articles if last is None else last
    for number in range(first, last + 1):
        plan = _plan(options, number)
        story, edit = _story_and_edit(options, plan)
        yield number, story, plan.original, edit
