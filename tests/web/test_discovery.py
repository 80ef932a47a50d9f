"""Feeds, sitemaps and query counts: what machines read, and what each page costs the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from morgue.archive.models import Article, Revision
from morgue.archive.revisions import append_revision
from morgue.web.paper import current_paper

pytestmark = [pytest.mark.django_db, pytest.mark.db_backends]

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def xml_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return etree.fromstring(response.content)


def test_section_feed_is_atom_with_the_newest_articles(client, archive):
    feed = xml_of(client, "/feeds/section/news/")
    assert feed.tag == f"{ATOM}feed" and feed.findtext(f"{ATOM}title").startswith("News")
    entries = feed.findall(f"{ATOM}entry")
    news = Article.objects.filter(section="News")
    assert len(entries) == news.count()
    newest = news.order_by("-published", "-pk").first()
    assert entries[0].findtext(f"{ATOM}title") == newest.headline
    assert entries[0].find(f"{ATOM}link").get("href").endswith(f"/article/{newest.pk}/")
    assert all(e.findtext(f"{ATOM}updated") and e.findtext(f"{ATOM}id") for e in entries)


def test_corrections_feed_lists_public_notes_newest_first(client, archive):
    first, second = Article.objects.order_by("pk")[:2]
    append_revision(first, Revision.CORRECTION, {"byline": "A. Writer"}, reason="r", public_note="The byline was wrong.")
    append_revision(second, Revision.FIX, {"body": ["Fixed."]}, reason="r")  # no note: not published
    append_revision(second, Revision.WITHDRAWAL, {"withdrawn": True}, reason="r", public_note="Withdrawn at the subject's request.")
    entries = xml_of(client, "/feeds/corrections/").findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}summary") for e in entries] == ["Withdrawn at the subject's request.", "The byline was wrong."]
    assert entries[0].findtext(f"{ATOM}title") == "An article was withdrawn"
    assert entries[1].findtext(f"{ATOM}title") == f"Correction: {first.headline}"
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 2


def test_sitemaps_list_every_public_article_once(client, archive):
    withdrawn = Article.objects.order_by("pk").first()
    append_revision(withdrawn, Revision.WITHDRAWAL, {"withdrawn": True}, reason="r")
    undated = Article.objects.exclude(pk=withdrawn.pk).filter(published__isnull=False).order_by("pk").first()
    append_revision(undated, Revision.CORRECTION, {"published": None}, reason="r")
    index = xml_of(client, "/sitemap.xml")
    locations = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    years = sorted({d.year for d in Article.objects.filter(withdrawn=False).exclude(published=None).values_list("published", flat=True)})
    assert locations == [f"http://testserver/sitemap-{y}.xml" for y in years] + ["http://testserver/sitemap-undated.xml"]
    listed = []
    for location in locations:
        listed += [loc.text for loc in xml_of(client, location.removeprefix("http://testserver")).iter(f"{SITEMAP}loc")]
    public = Article.objects.filter(withdrawn=False).values_list("pk", flat=True)
    assert sorted(listed) == sorted(f"http://testserver/article/{pk}/" for pk in public)
    assert f"http://testserver/article/{undated.pk}/" in [
        loc.text for loc in xml_of(client, "/sitemap-undated.xml").iter(f"{SITEMAP}loc")]


def test_a_year_larger_than_one_sitemap_is_split_into_pages(client, archive, monkeypatch):
    monkeypatch.setattr("morgue.web.sitemaps.ArticleSitemap.limit", 4)
    in_2004 = Article.objects.filter(published__year=2004).count()
    assert in_2004 > 8
    locations = [loc.text for loc in xml_of(client, "/sitemap.xml").iter(f"{SITEMAP}loc")]
    assert "http://testserver/sitemap-2004.xml?p=2" in locations and "http://testserver/sitemap-2004.xml?p=3" in locations
    page3 = list(xml_of(client, "/sitemap-2004.xml?p=3").iter(f"{SITEMAP}loc"))
    assert len(page3) == in_2004 - 8


@pytest.mark.parametrize("url, most", [
    ("/", 8), ("/article/{pk}/", 6), ("/article/{pk}/history/", 3), ("/section/news/", 3), ("/dates/", 3),
    ("/dates/2004/", 2), ("/search/?q=council", 3), ("/feeds/section/news/", 3), ("/feeds/corrections/", 2),
    ("/sitemap.xml", 3), ("/sitemap-2004.xml", 4),
])
def test_query_counts_are_bounded(client, archive, django_assert_max_num_queries, url, most):
    article = Article.objects.filter(section="News").order_by("pk")[3]
    for other in Article.objects.order_by("pk")[:5]:
        append_revision(other, Revision.CORRECTION, {"byline": "X"}, reason="r", public_note="note")
    url = url.format(pk=article.pk)
    current_paper()  # the paper's settings cost two queries a minute, not a page's
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200


def test_counts_are_cached_between_requests(client, archive, settings):
    settings.MORGUE_PAGE_CACHE_SECONDS = 30
    client.get("/")
    with CaptureQueriesContext(connection) as second:
        client.get("/")
    assert len(second) <= 1  # only the recent additions; counts and corrections come from the cache


def test_a_cached_article_shows_a_new_correction_at_once(client, archive, settings):
    from morgue.web import fragments

    settings.MORGUE_ARTICLE_CACHE_SECONDS = 300
    fragments.forget()
    article = Article.objects.order_by("pk").first()
    client.get(f"/article/{article.pk}/")
    with CaptureQueriesContext(connection) as again:
        assert article.headline in client.get(f"/article/{article.pk}/").content.decode()
    assert len(again) == 1  # the article's revision count; the rest is reused
    append_revision(article, Revision.CORRECTION, {"headline": "A corrected headline"}, reason="r", public_note="Fixed the headline.")
    html = client.get(f"/article/{article.pk}/").content.decode()
    assert "A corrected headline" in html and "Fixed the headline." in html
    fragments.forget()
