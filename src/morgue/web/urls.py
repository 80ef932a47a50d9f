"""The reading site's URLs."""

from django.urls import path

import morgue.web.converters  # noqa: F401 - registers the bounded <id:>, <year:> and <md:> converters

from morgue.web.models import SitePage
from morgue.web.sitemaps import sitemap_index, sitemap_section
from morgue.web.views import articles, browse, entities, feeds, home, identity, pages, search, topics

urlpatterns = [
    path("", home.home, name="home"),
    path("article/<id:pk>/", articles.article, name="article"),
    path("article/<id:pk>/original", articles.original, name="original"),
    path("article/<id:pk>/history/", articles.history, name="history"),
    path("sections/", browse.sections, name="sections"),
    path("section/<path:name>/", browse.section, name="section"),
    path("topics/", topics.topics, name="topics"),
    path("topic/<path:name>/", topics.topic, name="topic"),
    *[path(f"{index}/", entities.entities, {"index": index}, name=f"entities_{index}") for index in entities.INDEX_KINDS],
    *[path(f"{kind}/<slug:slug>/", entities.entity, {"kind": kind}, name=f"entity_{kind}") for kind in entities.KIND_INDEX],
    path("dates/", browse.by_date, name="by_date"),
    path("dates/undated/", browse.undated, name="undated"),
    path("dates/<year:start>s/", browse.decade, name="decade"),
    path("dates/<year:year>/", browse.year, name="year"),
    path("dates/<year:year>/<md:month>/", browse.month, name="month"),
    path("dates/<year:year>/<md:month>/<md:day>/", browse.day, name="day"),
    path("search/", search.search, name="search"),
    path("search/help/", search.search_help, name="search_help"),
    path("about/", pages.page, {"slug": SitePage.ABOUT}, name="about"),
    path("terms/", pages.page, {"slug": SitePage.TERMS}, name="terms"),
    path("privacy/", pages.page, {"slug": SitePage.PRIVACY}, name="privacy"),
    path("feeds/corrections/", feeds.CorrectionsFeed(), name="feed_corrections"),
    path("feeds/section/<path:name>/", feeds.SectionFeed(), name="feed_section"),
    path("sitemap.xml", sitemap_index, name="sitemap-index"),
    path("sitemap-<str:section>.xml", sitemap_section, name="sitemap-section"),
    path("robots.txt", pages.robots, name="robots"),
    path("favicon.ico", identity.favicon, name="favicon"),
    path("paper/logo", identity.logo, name="paper_logo"),
    path("paper/colours.css", identity.colours, name="paper_colours"),
]
