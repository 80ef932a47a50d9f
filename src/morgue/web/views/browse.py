"""Browsing: a section's articles, and the archive by date (decade → year → month → day)."""

from __future__ import annotations

import calendar
from datetime import date

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from morgue.web import dates, reading
from morgue.web.views.parts import shared_page


def _crumbs(*, decade: int | None = None, year: int | None = None, month: int | None = None) -> list[tuple[str, str]]:
    """Return the breadcrumb links above a date page: by date, then the decade, year and month given."""
    crumbs = [(reverse("by_date"), "By date")]
    if decade is not None:
        crumbs.append((reverse("decade", args=[decade]), f"{decade}s"))
    if year is not None:
        crumbs.append((reverse("year", args=[year]), str(year)))
    if month is not None:
        crumbs.append((reverse("month", args=[year, month]), calendar.month_name[month]))
    return crumbs


def section(request, name: str):
    """A section's articles, newest first (undated ones last), paginated; ``name`` is its slug."""
    named = reading.sections_at(name)
    if not named:
        if name in dict(reading.section_counts()):
            # A link from before sections had slugs: sent, for good, to the slug.
            return redirect(reverse("section", args=[reading.section_slug(name)]), permanent=True)
        raise Http404("no such section")
    names = [n for n, _ in named]
    count = sum(n for _, n in named)
    title = " / ".join(names)
    articles = reading.newest_first(reading.public().filter(section__in=names))
    paginator = reading.CountedPaginator(articles, reading.PAGE_SIZE, count=count)
    number = paginator.get_page(request.GET.get("page")).number  # lazy: no query yet
    return shared_page(request, "web/section.html", "web/_section.html", f"section:{name}:{number}",
                       lambda: {"name": title, "slug": name, "count": count, "page": paginator.page(number)},
                       {"name": title, "slug": name})


def sections(request):
    """Every section with its number of articles."""
    return render(request, "web/sections.html", {"sections": reading.section_counts()})


def by_date(request):
    """The decades the archive covers, with counts, and the undated articles."""
    return render(request, "web/dates.html", {
        "title": "Browse by date", "periods": dates.decades(reading.year_counts()), "level": "decade",
        "undated": reading.undated_count(), "crumbs": [],
    })


def decade(request, start: int):
    """The years of one decade, with counts."""
    if start % 10:
        raise Http404("not a decade")
    periods = dates.years_in_decade(reading.year_counts(), start)
    if not periods:
        raise Http404("no articles in this decade")
    return render(request, "web/dates.html", {"title": f"The {start}s", "periods": periods, "level": "year",
                                              "crumbs": _crumbs()})


def year(request, year: int):
    """The months of one year, with counts."""
    if not 1 <= year <= 9999:
        raise Http404("no such year")
    periods = dates.months(year, reading.month_counts(year))
    if not periods:
        raise Http404("no articles in this year")
    start = dates.decade_of(year)
    return render(request, "web/dates.html", {"title": str(year), "periods": periods, "level": "month",
                                              "crumbs": _crumbs(decade=start)})


def month(request, year: int, month: int):
    """The days of one month, with counts."""
    try:
        first, following = dates.month_range(year, month)
    except ValueError:
        raise Http404("no such month") from None
    periods = dates.days(year, month, reading.day_counts(first, following))
    if not periods:
        raise Http404("no articles in this month")
    start = dates.decade_of(year)
    return render(request, "web/dates.html", {
        "title": f"{calendar.month_name[month]} {year}", "periods": periods, "level": "day",
        "crumbs": _crumbs(decade=start, year=year),
    })


def day(request, year: int, month: int, day: int):
    """The articles of one day, paginated."""
    try:
        when = date(year, month, day)
    except ValueError:
        raise Http404("no such day") from None
    articles = reading.newest_first(reading.public().filter(published=when))
    page = Paginator(articles, reading.PAGE_SIZE).get_page(request.GET.get("page"))
    if not page.object_list and page.number == 1:
        raise Http404("no articles on this day")
    start = dates.decade_of(year)
    return render(request, "web/articles_on.html", {
        "title": f"{day} {calendar.month_name[month]} {year}", "page": page,
        "crumbs": _crumbs(decade=start, year=year, month=month),
    })


def undated(request):
    """The articles whose source gave no date (a date is never invented), paginated."""
    articles = reading.public().filter(published=None).only(*reading.LIST_FIELDS).order_by("-pk")
    page = reading.CountedPaginator(articles, reading.PAGE_SIZE, count=reading.undated_count()).get_page(request.GET.get("page"))
    return render(request, "web/articles_on.html", {"title": "Date unknown", "page": page,
                                                    "crumbs": _crumbs()})

