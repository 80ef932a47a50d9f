"""The paper's identity on the reading site: its name, words, colour, logo and address — and never the software's name."""

import json
import re

import pytest

from morgue.archive.models import Article
from morgue.paper import Paper, write_paper
from morgue.web import paper as papers
from morgue.web.models import PaperSettings, SitePage

pytestmark = [pytest.mark.django_db, pytest.mark.db_backends]

READER_PAGES = ["/", "/sections/", "/section/news/", "/dates/", "/dates/2000s/", "/dates/2004/", "/dates/undated/",
                "/search/", "/search/?q=bridge", "/search/help/", "/about/", "/terms/", "/privacy/", "/robots.txt",
                "/sitemap.xml", "/sitemap-2004.xml", "/feeds/corrections/", "/feeds/section/news/",
                "/account/sign-in/", "/account/sign-up/", "/account/password-reset/", "/no/such/page/", "/paper/colours.css",
                "/favicon.ico"]
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture
def fresh_paper():
    papers.forget()
    yield
    papers.forget()


def pages_of(client, archive):
    article = Article.objects.exclude(published=None).order_by("pk").first()
    urls = READER_PAGES + [f"/article/{article.pk}/", f"/article/{article.pk}/history/"]
    return {url: client.get(url) for url in urls}


def jsonld_of(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_with_no_settings_no_reader_page_names_the_software(client, archive, fresh_paper):
    for url, response in pages_of(client, archive).items():
        assert response.status_code in (200, 404), url
        assert "morgue" not in response.content.decode().lower(), url
    home = client.get("/").content.decode()
    assert "<title>The archive</title>" in home and "Every article here was extracted" in home


def test_the_papers_file_names_every_page_feed_and_sitemap(client, archive, fresh_paper):
    (archive / "masthead.png").write_bytes(PNG)
    write_paper(archive, Paper(name="The Oldcastle Courier", url="https://archive.oldcastle.example", founded=1901,
                               publisher="Oldcastle Media Ltd", accent="#ffcc00", logo="masthead.png",
                               notice="The Courier's archive, kept as it was printed.",
                               pages={"about": "The **Courier** since 1901. <script>alert(1)</script>"}))
    papers.forget()
    home = client.get("/").content.decode()
    assert "<title>The Oldcastle Courier · the archive</title>" in home
    assert re.search(r'<img class="logo" src="/paper/logo\?v=\w+" alt="The Oldcastle Courier">', home)
    assert "The Courier&#x27;s archive, kept as it was printed." in home and "Published since 1901" in home
    article = Article.objects.exclude(published=None).order_by("pk").first()
    page = client.get(f"/article/{article.pk}/").content.decode()
    assert f"<title>{article.headline} · The Oldcastle Courier</title>" in page.replace("&#x27;", "'")
    data = jsonld_of(page)
    assert data["url"] == f"https://archive.oldcastle.example/article/{article.pk}/"
    assert data["publisher"] == {"@type": "NewsMediaOrganization", "name": "Oldcastle Media Ltd",
                                 "url": "https://archive.oldcastle.example/",
                                 "logo": {"@type": "ImageObject", "url": "https://archive.oldcastle.example/paper/logo"}}
    assert data["isAccessibleForFree"] is True
    logo = client.get("/paper/logo")
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png" and logo.content == PNG
    css = client.get("/paper/colours.css").content.decode()
    assert "--accent: #ffcc00" in css and "--accent-text: #ffcc00" not in css  # too light for text: darkened
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://archive.oldcastle.example/sitemap-2004.xml</loc>" in sitemap and "testserver" not in sitemap
    assert "https://archive.oldcastle.example/article/" in client.get("/sitemap-2004.xml").content.decode()
    feed = client.get("/feeds/section/news/").content.decode()
    assert "News — The Oldcastle Courier" in feed and 'href="https://archive.oldcastle.example/' in feed
    assert "testserver" not in feed
    assert "Sitemap: https://archive.oldcastle.example/sitemap.xml" in client.get("/robots.txt").content.decode()
    about = client.get("/about/").content.decode()
    assert "The <strong>Courier</strong> since 1901." in about and "<script>alert" not in about
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in about


def test_the_admin_overrides_the_file_at_once(client, archive, fresh_paper):
    write_paper(archive, Paper(name="The Oldcastle Courier"))
    papers.forget()
    assert "The Oldcastle Courier" in client.get("/").content.decode()
    PaperSettings.objects.create(name="The Oldcastle Evening Courier", accent="#123456", logo=PNG, logo_type="image/png")
    home = client.get("/").content.decode()
    assert "The Oldcastle Evening Courier" in home and '<img class="logo"' in home
    assert "--accent: #123456" in client.get("/paper/colours.css").content.decode()
    SitePage.objects.create(slug=SitePage.ABOUT, title="About the Courier", body="Written in the admin.")
    assert "Written in the admin." in client.get("/about/").content.decode()


def test_a_default_favicon_is_the_papers_initial_in_its_colour(client, archive, fresh_paper):
    write_paper(archive, Paper(name="The Oldcastle Courier", accent="#8b1a1a"))
    papers.forget()
    icon = client.get("/favicon.ico")
    assert icon["Content-Type"] == "image/svg+xml" and b'fill="#8b1a1a"' in icon.content and b">O</text>" in icon.content
    assert client.get("/favicon.ico", HTTP_IF_NONE_MATCH=icon["ETag"]).status_code == 304


def test_an_svg_that_could_run_script_is_never_served(archive, fresh_paper):
    assert papers.image_type(b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>') == "image/svg+xml"
    for hostile in (b'<svg><script>alert(1)</script></svg>', b'<svg onload="alert(1)"></svg>',
                    b'<svg><a href="javascript:alert(1)">x</a></svg>', b'<svg><image href="https://tracker.example/x"/></svg>'):
        assert papers.image_type(hostile) is None, hostile
    (archive / "evil.svg").write_bytes(b'<svg onload="alert(1)"></svg>')
    write_paper(archive, Paper(name="X", logo="evil.svg"))
    papers.forget()
    assert papers.image("logo") is None


def test_a_logo_outside_the_home_is_refused(archive, fresh_paper):
    from morgue.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match="inside the archive home"):
        write_paper(archive, Paper(logo="../../etc/passwd"))


def test_the_admin_form_checks_values_and_images(archive, fresh_paper):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from morgue.web.admin import PaperSettingsForm

    bad = PaperSettingsForm({"accent": "red", "url": "javascript:alert(1)", "founded": "1066"},
                            {"logo_file": SimpleUploadedFile("x.svg", b"<svg onload='x()'></svg>")})
    assert not bad.is_valid()
    assert set(bad.errors) >= {"accent", "url", "founded", "logo_file"}
    good = PaperSettingsForm({"name": "The Oldcastle Courier", "accent": "#8B1A1A"},
                             {"logo_file": SimpleUploadedFile("m.png", PNG)})
    assert good.is_valid(), good.errors
    good.save()
    row = PaperSettings.objects.get()
    assert bytes(row.logo) == PNG and row.logo_type == "image/png" and row.logo_digest
    assert papers.current_paper().logo.startswith("upload:") and papers.image("logo") == (PNG, "image/png")


def test_the_admin_page_saves_the_paper(client, archive, fresh_paper):
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin = get_user_model().objects.create_superuser("ada", "ada@paper.example", "a-long-admin-password")
    client.force_login(admin)
    form = client.get("/admin/web/papersettings/add/")
    assert form.status_code == 200 and 'name="logo_file"' in form.content.decode()
    saved = client.post("/admin/web/papersettings/add/", {"name": "The Oldcastle Courier", "accent": "#8b1a1a",
                                                         "logo_file": SimpleUploadedFile("m.png", PNG)})
    assert saved.status_code == 302, saved.content.decode()[:3000]
    client.logout()
    assert '<img class="logo"' in client.get("/").content.decode()


def test_hostile_settings_are_escaped_everywhere(client, archive, fresh_paper):
    hostile = '</title><script>alert(1)</script>"'
    write_paper(archive, Paper(name=hostile, publisher=hostile, notice=hostile, short_name=hostile))
    papers.forget()
    article = Article.objects.exclude(published=None).order_by("pk").first()
    for url in ("/", f"/article/{article.pk}/", "/about/", "/feeds/corrections/", "/favicon.ico"):
        body = client.get(url).content.decode()
        assert "<script>alert(1)" not in body, url
    data = jsonld_of(client.get(f"/article/{article.pk}/").content.decode())
    assert data["publisher"]["name"] == hostile  # data, not markup: the script element's escaping keeps it inert


def test_a_file_broken_while_the_site_runs_leaves_pages_in_neutral_words(client, archive, fresh_paper):
    write_paper(archive, Paper(name="The Oldcastle Courier"))
    papers.forget()
    assert "The Oldcastle Courier" in client.get("/").content.decode()
    (archive / "morgue.toml").write_text("[paper]\nname = \n")
    papers.forget()
    page = client.get("/")
    assert page.status_code == 200 and "<title>The archive</title>" in page.content.decode()
