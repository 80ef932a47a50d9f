"""The reading site on a real archive: every page, corrections, withdrawal, browsing, search, pages, query counts."""

import json
import re
from datetime import date

import pytest
from django.test import override_settings

from morgue.archive.models import Article, Revision
from morgue.archive.revisions import append_revision
from morgue.archive.searching import catch_up
from morgue.web.models import SitePage

pytestmark = [pytest.mark.django_db, pytest.mark.db_backends]


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def jsonld_of(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def news(archive):
    return Article.objects.filter(section="News").exclude(published=None).order_by("published", "pk")


PAGES = ["/", "/sections/", "/section/news/", "/dates/", "/dates/2000s/", "/dates/2004/", "/search/", "/search/?q=bridge",
         "/search/help/", "/about/", "/terms/", "/privacy/", "/robots.txt", "/sitemap.xml", "/sitemap-2004.xml",
         "/feeds/corrections/", "/feeds/section/news/"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_answers(client, archive, url):
    html_of(client, url)


def test_every_html_page_has_landmarks_and_the_search_box(client, archive):
    article = news(archive).first()
    for url in ["/", f"/article/{article.pk}/", f"/article/{article.pk}/history/", "/section/news/", "/dates/",
                "/search/?q=bridge", "/search/help/", "/about/", "/no-such-page/"]:
        html = client.get(url).content.decode()
        assert '<main id="content">' in html and "<header>" in html and "<footer" in html, url
        assert 'role="search"' in html and '<label class="visually-hidden" for="site-search">' in html, url
        assert "<h1>" in html, url


def test_article_page_shows_corrections_history_jsonld_and_neighbours(client, archive):
    first, second, third = list(news(archive)[:3])
    append_revision(second, Revision.CORRECTION, {"byline": "John Doe"}, reason="wrong writer", public_note="An earlier version named the wrong writer.")
    append_revision(second, Revision.FIX, {"body": second.body + ["x"]}, reason="mechanical")  # no public note: not listed
    html = html_of(client, f"/article/{second.pk}/")
    assert second.headline in html and "By John Doe" in html and second.published.strftime("%-d %B %Y") in html
    assert 'id="corrections"' in html and "An earlier version named the wrong writer." in html
    assert f'href="/article/{second.pk}/history/"' in html and f'href="/article/{second.pk}/original"' in html
    assert f'href="/article/{first.pk}/" rel="prev"' in html and f'href="/article/{third.pk}/" rel="next"' in html
    data = jsonld_of(html)
    assert data["@type"] == "NewsArticle" and data["headline"] == second.headline
    assert data["datePublished"] == second.published.isoformat() and data["articleSection"] == "News"
    assert data["author"] == {"@type": "Person", "name": "John Doe"}
    assert data["url"].endswith(f"/article/{second.pk}/") and data["dateModified"]
    assert [c["text"] for c in data["correction"]] == ["An earlier version named the wrong writer."]
    assert all(c["@type"] == "CorrectionComment" and c["datePublished"] for c in data["correction"])
    history = html_of(client, f"/article/{second.pk}/history/")
    assert "as extracted" in history and "correction" in history and "transfer repair" in history
    assert "Repaired after transfer on" in html and "the wording is unchanged" in html  # the repair: one quiet line
    assert "mechanical" not in html and "mechanical" not in history  # the editors' reason is theirs
    assert "An earlier version named the wrong writer." in history and "wrong writer" not in history.replace("named the wrong writer", "")


def test_undated_article_says_so_and_states_no_date(client, archive):
    article = news(archive).first()
    append_revision(article, Revision.CORRECTION, {"published": None}, reason="date was the crawl's")
    html = html_of(client, f"/article/{article.pk}/")
    assert "date unknown" in html and "datePublished" not in jsonld_of(html)
    assert article.headline in html_of(client, "/dates/undated/")
    section = html_of(client, "/section/news/")
    assert section.index(news(archive).last().headline) < section.index(article.headline)  # undated last


def test_archive_text_is_escaped_everywhere(client, archive):
    article = news(archive).first()
    evil = "<script>alert('x')</script>"
    append_revision(article, Revision.CORRECTION, {"headline": evil, "body": [evil], "notices": [evil], "byline": evil},
                    reason="test", public_note=evil)
    catch_up(archive)
    for url in [f"/article/{article.pk}/", f"/article/{article.pk}/history/", "/", "/section/news/", "/search/?q=alert"]:
        html = html_of(client, url)
        assert "<script>alert" not in html, url
    html = html_of(client, f"/article/{article.pk}/")
    assert "&lt;script&gt;alert" in html and jsonld_of(html)["headline"] == evil
    assert '<p class="notice" role="note">' in html


def test_withdrawn_article_is_gone_with_its_note_and_never_its_text(client, archive):
    article = news(archive).first()
    append_revision(article, Revision.WITHDRAWAL, {"withdrawn": True}, reason="legal", public_note="Withdrawn on legal advice.")
    for url in (f"/article/{article.pk}/", f"/article/{article.pk}/history/", f"/article/{article.pk}/original"):
        html = html_of(client, url, 410)
        assert "Withdrawn on legal advice." in html and article.body[0][:40] not in html and article.headline not in html
    assert article.headline not in html_of(client, "/section/news/")
    home = html_of(client, "/")
    assert "An article was withdrawn" in home and "Withdrawn on legal advice." in home and article.headline not in home


def test_missing_things_are_404(client, archive):
    for url in ["/article/999999/", "/section/no-such-section/", "/dates/1700s/", "/dates/1995s/", "/dates/1700/",
                "/dates/99999/", "/dates/2004/13/", "/dates/2004/02/30/", "/dates/1901/01/01/", "/sitemap-1700.xml",
                "/feeds/section/Nope/", "/no-such-page/"]:
        html = html_of(client, url, 404)
        if not url.endswith(".xml"):
            assert "Not found" in html or "No " in html, url


def test_home_shows_size_sections_recent_and_corrections(client, archive):
    article = news(archive).first()
    append_revision(article, Revision.CORRECTION, {"headline": "Corrected headline"}, reason="typo", public_note="The headline had a typo.")
    html = html_of(client, "/")
    assert "13 articles from 1999 to 2004 in 2 sections" in html
    assert 'href="/section/news/"' in html and 'href="/section/business/"' in html
    assert "Corrected headline" in html and "The headline had a typo." in html and f"/article/{article.pk}/#corrections" in html


def test_browse_by_date_counts_every_level(client, archive):
    by_year = {}
    for day in Article.objects.exclude(published=None).values_list("published", flat=True):
        by_year[day.year] = by_year.get(day.year, 0) + 1
    html = html_of(client, "/dates/")
    for decade in {y - y % 10 for y in by_year}:
        total = sum(n for y, n in by_year.items() if y - y % 10 == decade)
        assert f'href="/dates/{decade}s/">{decade}s</a> <span class="meta">({total})' in html
    assert f'href="/dates/2004/">2004</a> <span class="meta">({by_year[2004]})' in html_of(client, "/dates/2000s/")
    march = Article.objects.filter(published__year=1999, published__month=3).count()
    assert f'href="/dates/1999/3/">March 1999</a> <span class="meta">({march})' in html_of(client, "/dates/1999/")
    day = Article.objects.filter(published=date(1999, 3, 1)).get()
    assert 'href="/dates/1999/3/1/">1 March 1999</a> <span class="meta">(1)' in html_of(client, "/dates/1999/3/")
    assert day.headline in html_of(client, "/dates/1999/3/1/")


def test_section_is_paginated_newest_first(client, archive, monkeypatch):
    monkeypatch.setattr("morgue.web.reading.PAGE_SIZE", 4)
    ordered = list(news(archive).reverse())
    first = html_of(client, "/section/news/")
    assert ordered[0].headline in first and ordered[4].headline not in first and 'rel="next"' in first
    assert ordered[4].headline in html_of(client, "/section/news/?page=2")
    assert html_of(client, "/section/news/?page=999").count('class="meta">') >= 1  # the last page, not an error


def test_search_page_results_facets_pagination_sort(client, archive, monkeypatch):
    html = html_of(client, "/search/?q=council")
    assert "<mark>" in html and "of " in html
    assert 'href="?q=council+section%3ANews"' in html and 'href="?q=council+section%3ABusiness"' not in html
    assert 'href="?q=council+date%3A2000..2009"' in html
    refined = html_of(client, "/search/?q=council+section%3ANews")
    assert "section:News" in refined
    monkeypatch.setattr("morgue.web.views.search.PER_PAGE", 3)
    paged = html_of(client, "/search/?q=council&sort=date")
    assert 'href="?q=council&amp;sort=date&amp;page=2"' in paged and '<strong aria-current="page">1</strong>' in paged
    second = html_of(client, "/search/?q=council&sort=date&page=2")
    assert '<ol class="list" start="4">' in second
    assert html_of(client, "/search/?q=council&sort=nonsense&page=x").count("<li>\n<a href=\"/article/") == 3


def test_search_bad_and_empty_queries_are_friendly(client, archive):
    for q in ['"', "-", "()", "OR"]:
        html = html_of(client, f"/search/?q={q}")
        assert "Sorry, we could not understand" in html and "/search/help/" in html, q
    empty = html_of(client, "/search/")
    assert "Ways to search" in empty and "harbour bridge" in empty
    none = html_of(client, "/search/?q=zzyzxqv")
    assert "No articles match" in none and "Ways to search" in none
    help_page = html_of(client, "/search/help/")
    assert "<table>" in help_page and "date:1998..2008" in help_page and 'section:"Local news"' in help_page


def test_site_pages_defaults_settings_and_admin_rows(client, archive):
    assert "About the archive" in html_of(client, "/about/")
    assert "Terms of Use" in html_of(client, "/terms/") and "Privacy Policy" in html_of(client, "/privacy/")
    with override_settings(MORGUE_ABOUT="Our paper since 1850.\n\n<b>Second</b> paragraph."):
        html = html_of(client, "/about/")
        assert "<p>Our paper since 1850.</p>" in html and "&lt;b&gt;Second&lt;/b&gt;" in html
    SitePage.objects.create(slug=SitePage.PRIVACY, title="Privacy at the Courier", body="We keep nothing.")
    html = html_of(client, "/privacy/")
    assert "Privacy at the Courier" in html and "We keep nothing." in html


def test_robots_points_at_the_sitemap_index(client, archive):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /search/" in response.content.decode()


def test_a_section_link_by_its_old_name_is_sent_to_its_slug(client, archive):
    response = client.get("/section/News/")
    assert response.status_code == 301 and response["Location"] == "/section/news/"


def test_history_shows_how_the_original_was_read(client, archive):
    article = news(archive).first()
    Article.objects.filter(pk=article.pk).update(removed=[
        {"text": "2031-05-02T10:00:00Z", "reason": "stated published date after the capture date 2008-06-01"},
        {"text": "- The Daily Clarion", "reason": "headline candidate (title: site name or section)"},
        {"text": "Share this story", "reason": "share prompt"},
        {"text": "<b>x</b>" * 100, "reason": "date (printed only in the page's header, menus or footer)"},
    ])
    html = html_of(client, f"/article/{article.pk}/history/")
    assert "How the original was read" in html
    assert "2031-05-02T10:00:00Z" in html and "after the capture date 2008-06-01" in html
    assert "- The Daily Clarion" in html
    assert "Share this story" not in html  # site chrome is the original's, not a choice
    assert "<b>x</b>" not in html and "…" in html  # escaped and shortened
