"""What the reading site asks of the archive: public articles, counts, corrections — bounded queries, briefly cached."""

from __future__ import annotations

import hashlib

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.utils.text import slugify
from django.db.models import Count, F, Max, Min, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.functional import cached_property

from morgue.archive import revision_kinds
from morgue.archive.models import Article, Defect, Revision
from morgue.web import fragments
from morgue.web.jsonld import PublishedCorrection

# Only the columns a list shows: bodies stay in the database.
LIST_FIELDS = ("pk", "headline", "byline", "published", "section", "dateline", "created_at")
PAGE_SIZE = 50

T = TypeVar("T")


def cache_seconds() -> int:
    """Return how long counts and lists shared by many pages are kept (MORGUE_PAGE_CACHE_SECONDS, default 10)."""
    return int(getattr(settings, "MORGUE_PAGE_CACHE_SECONDS", 10))


def cached(key: str, compute: Callable[[], T]) -> T:
    """Return ``compute()``, kept for a few seconds under ``key`` so busy pages (and processes) share one query."""
    return fragments.fragment(f"counts:{key}", cache_seconds(), compute)


def public() -> QuerySet[Article]:
    """Return the articles readers may see (not withdrawn)."""
    return Article.objects.filter(withdrawn=False)


def newest_first(articles: QuerySet[Article]) -> QuerySet[Article]:
    """Return list rows only, newest first with undated articles last."""
    return articles.only(*LIST_FIELDS).order_by(F("published").desc(nulls_last=True), "-pk")


def section_counts() -> list[tuple[str, int]]:
    """Return (section, articles) pairs, largest first."""
    def compute():
        rows = public().exclude(section="").values_list("section").annotate(n=Count("id")).order_by("-n", "section")
        return [(name, n) for name, n in rows]
    return cached("sections", compute)


def section_slug(name: str) -> str:
    """Return the slug a section's links use: its name slugified, so no name can bend a URL.

    Section names are whatever the old system left ("U.S. / World", "Sport?",
    "Лента"). Two spellings that slug alike ("U.S." and "US") share one page;
    a name with no letters or digits gets a slug from its hash.
    """
    slug = slugify(name, allow_unicode=True)[:80].strip("-")
    return slug or "section-" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def sections_at(slug: str) -> list[tuple[str, int]]:
    """Return the (section, articles) pairs whose links use ``slug`` (usually one, none if no such section)."""
    return [(name, n) for name, n in section_counts() if section_slug(name) == slug]


def year_counts() -> list[tuple[int, int]]:
    """Return (year, articles) pairs for dated articles, oldest first, from one GROUP BY."""
    def compute():
        rows = (public().exclude(published=None).annotate(y=ExtractYear("published")).values_list("y")
                .annotate(n=Count("id")).order_by("y"))
        return [(int(y), n) for y, n in rows]
    return cached("years", compute)


def undated_count() -> int:
    """Return how many public articles have no known date."""
    return cached("undated", lambda: public().filter(published=None).count())


def month_counts(year: int) -> list[tuple[int, int]]:
    """Return (month, articles) pairs for one year (an index range on the publication date)."""
    rows = (public().filter(published__year=year).annotate(m=ExtractMonth("published")).values_list("m")
            .annotate(n=Count("id")).order_by("m"))
    return [(int(m), n) for m, n in rows]


def day_counts(first, following) -> list[tuple]:
    """Return (date, articles) pairs for the days in [first, following)."""
    rows = (public().filter(published__gte=first, published__lt=following).values_list("published")
            .annotate(n=Count("id")).order_by("published"))
    return list(rows)


def archive_size() -> dict:
    """Return the archive at a glance: articles, first and last year, sections."""
    def compute():
        years = public().aggregate(first=Min("published"), last=Max("published"))
        return {
            "articles": public().count(),
            "first_year": years["first"].year if years["first"] else None,
            "last_year": years["last"].year if years["last"] else None,
            "sections": len(section_counts()),
        }
    return cached("size", compute)


def on_this_day(today, years: list[tuple[int, int]] | None = None, limit: int = 8) -> list[Article]:
    """Return articles published on ``today``'s day and month in earlier years, most recent year first.

    ``years`` are the (year, articles) pairs of ``year_counts`` when the caller has them already.

    One indexed lookup of the dates themselves (a day in each year the archive
    holds), never a scan of every article's month and day.
    """
    days = []
    for year, _n in year_counts() if years is None else years:
        if year >= today.year:
            continue
        try:
            days.append(today.replace(year=year))
        except ValueError:  # 29 February in a year that has none
            continue
    if not days:
        return []
    return list(public().filter(published__in=days).only(*LIST_FIELDS).order_by("-published", "pk")[:limit])


def latest_corrections(limit: int = 10) -> list[dict]:
    """Return the newest corrections, recategorisations and withdrawals (with a public note), newest first.

    Transfer repairs are not news: they are told on their articles and counted on the about page.
    """
    def compute():
        rows = (Revision.objects.filter(revision_kinds.news_q(), number__gt=0).exclude(public_note="")
                .order_by("-created_at", "-pk")
                .values("pk", "number", "kind", "reason", "public_note", "created_at", "article_id", "article__headline")[:limit])
        return [_as_read(row) for row in rows]
    return cached(f"corrections:{limit}", compute)


def _as_read(row: dict) -> dict:
    """Return a revision row with its kind as readers know it (and without the editors' reason)."""
    reason = row.pop("reason", "")
    row["kind"] = revision_kinds.reader_kind(row["kind"], reason)
    row["label"] = revision_kinds.LABELS.get(row["kind"], row["kind"])
    return row


def published_corrections(revisions: list[dict]) -> list[PublishedCorrection]:
    """Return the corrections readers are shown on the article: news revisions with a public note, oldest first."""
    return [PublishedCorrection(r["number"], r["kind"], r["created_at"], r["public_note"])
            for r in revisions if r["number"] > 0 and r["public_note"] and r["kind"] != revision_kinds.REPAIR]


def last_repair(revisions: list[dict]):
    """Return when the article was last repaired after its transfer (None if never)."""
    return max((r["created_at"] for r in revisions if r["kind"] == revision_kinds.REPAIR), default=None)


def revisions_of(article_id: int) -> list[dict]:
    """Return every revision's number, kind as readers know it, label, date and public note (never its text), oldest first."""
    rows = (Revision.objects.filter(article_id=article_id).order_by("number")
            .values("number", "kind", "reason", "public_note", "created_at"))
    return [_as_read(row) for row in rows]


# The audit's words for what the move damaged, as readers would say them.
DAMAGE_WORDS = {"mojibake": "broken characters (mojibake)", "leftover-markup": "leftover markup or entities",
                "duplicated-content": "repeated paragraphs", "control-character": "stray control characters"}


def repair_counts() -> dict:
    """Return the transfer repairs (revisions, articles, and the defects they mended by kind) and the other changes by kind."""
    def compute():
        repairs = Revision.objects.filter(revision_kinds.repair_q())
        mended = (Defect.objects.filter(status=Defect.FIXED, resolved_by__in=repairs.values("pk")).values_list("kind")
                  .annotate(n=Count("id"), a=Count("article", distinct=True)).order_by("-n", "kind"))
        kinds = {revision_kinds.REPAIR: repairs.count()}
        rows = Revision.objects.exclude(kind__in=[Revision.EXTRACTION, Revision.FIX]).values_list("kind").annotate(n=Count("id"))
        kinds.update(dict(rows))
        accepted = Revision.objects.filter(kind=Revision.FIX).count() - kinds[revision_kinds.REPAIR]
        if accepted:  # audit suggestions that changed wording, stored as fixes before they were told apart
            kinds[Revision.CORRECTION] = kinds.get(Revision.CORRECTION, 0) + accepted
        return {
            "repairs": kinds[revision_kinds.REPAIR],
            "repaired_articles": repairs.values("article").distinct().count(),
            "by_defect": [{"kind": k, "label": DAMAGE_WORDS.get(k, k.replace("-", " ")), "defects": n, "articles": a}
                          for k, n, a in mended],
            "by_kind": [{"kind": k, "label": label, "revisions": kinds[k]} for k, label in revision_kinds.LABELS.items() if kinds.get(k)],
        }
    return cached("repairs", compute)


def article_state(pk: int) -> tuple[bool, int, str] | None:
    """Return (withdrawn, revision count, cluster stamp) of an article, or None if there is none: all a cached page needs.

    The stamp changes whenever the article's same-story cluster is re-drawn
    ("-" when it has none) or the article is enriched again, so neither "Also
    published as" nor its names and quotations are ever stale.
    Written out, as ``neighbours`` is: every article page asks it, and the ORM
    takes three times longer to build the statement than SQLite to answer it.
    """
    from morgue.archive.models import ClusterMember, StoryCluster

    quote = connection.ops.quote_name
    a, m, c = quote(Article._meta.db_table), quote(ClusterMember._meta.db_table), quote(StoryCluster._meta.db_table)
    columns = ", ".join(f"{a}.{quote(Article._meta.get_field(f).column)}" for f in ("withdrawn", "revision_count", "enriched_at"))
    sql = (f"SELECT {columns}, {c}.{quote('id')}, {c}.{quote('updated_at')} FROM {a} "
           f"LEFT JOIN {m} ON {m}.{quote('article_id')} = {a}.{quote(Article._meta.pk.column)} "
           f"LEFT JOIN {c} ON {c}.{quote('id')} = {m}.{quote('cluster_id')} "
           f"WHERE {a}.{quote(Article._meta.pk.column)} = %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        row = cursor.fetchone()
    if not row:
        return None
    cluster = f"{row[3]}.{row[4]}" if row[3] is not None else "-"
    # Enriched again (names, quotations, an editor's rename or merge): the page's names change too.
    return bool(row[0]), row[1], f"{cluster}.{row[2] or '-'}".replace(" ", "T").replace(":", "")


def withdrawal_note(article_id: int) -> str:
    """Return the public note of an article's latest withdrawal ("" if none was given)."""
    row = (Revision.objects.filter(article_id=article_id, kind=Revision.WITHDRAWAL).order_by("-number")
           .values_list("public_note", flat=True).first())
    return row or ""


def neighbours(article: Article) -> tuple[tuple[int, str] | None, tuple[int, str] | None]:
    """Return (id, headline) of the articles just before (older) and after (newer) this one in its section.

    Dated articles are ordered by date then id, undated ones by id among themselves.
    One statement, written out: the ORM spends longer building the two queries
    than the database takes to answer them from the (section, published) index.
    """
    quote = connection.ops.quote_name
    table = quote(Article._meta.db_table)
    ident, headline, section, published, withdrawn = (quote(Article._meta.get_field(f).column)
                                                       for f in ("id", "headline", "section", "published", "withdrawn"))
    if article.published is None:
        older = f"{published} IS NULL AND {ident} < %s ORDER BY {ident} DESC"
        newer = f"{published} IS NULL AND {ident} > %s ORDER BY {ident}"
        params = [article.pk, article.pk]
    else:
        older = f"({published} < %s OR ({published} = %s AND {ident} < %s)) ORDER BY {published} DESC, {ident} DESC"
        newer = f"({published} > %s OR ({published} = %s AND {ident} > %s)) ORDER BY {published}, {ident}"
        params = [article.published, article.published, article.pk] * 2
    base = f"SELECT 0 AS side, {ident}, {headline} FROM {table} WHERE {section} = %s AND NOT {withdrawn} AND "
    sql = (f"SELECT * FROM ({base}{older} LIMIT 1) AS o UNION ALL "
           f"SELECT * FROM ({base.replace('0 AS side', '1 AS side')}{newer} LIMIT 1) AS n")
    half = len(params) // 2
    with connection.cursor() as cursor:
        cursor.execute(sql, [article.section, *params[:half], article.section, *params[half:]])
        rows = {side: (pk, text) for side, pk, text in cursor.fetchall()}
    return rows.get(0), rows.get(1)


class CountedPaginator(Paginator):
    """A Paginator told its count in advance (from a cached count), so a page costs one query, not two."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count
