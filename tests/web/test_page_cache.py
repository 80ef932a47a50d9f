"""Pages shared between readers without an account, kept in the cache every server process sees."""

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from morgue.archive.models import Article, Revision
from morgue.archive.revisions import append_revision
from morgue.web import fragments
from morgue.web.cache import ArchiveDiskCache, cache_settings

pytestmark = [pytest.mark.django_db, pytest.mark.db_backends]


@pytest.fixture
def caching(settings, archive):
    settings.MORGUE_ARTICLE_CACHE_SECONDS = 300
    settings.MORGUE_PAGE_CACHE_SECONDS = 300
    fragments.forget()
    yield
    fragments.forget()


def first_article():
    return Article.objects.order_by("pk").first()


def test_a_reader_without_cookies_gets_the_shared_page_for_one_query(client, caching):
    article = first_article()
    url = f"/article/{article.pk}/"
    made = client.get(url).content
    with CaptureQueriesContext(connection) as again:
        kept = client.get(url)
    assert kept.status_code == 200 and kept.content == made and kept["Content-Type"].startswith("text/html")
    assert len(again) == 1  # the article's state; the page itself comes from the cache


def test_a_correction_withdrawal_and_restore_show_at_once_to_readers_without_cookies(client, caching):
    article = first_article()
    url = f"/article/{article.pk}/"
    client.get(url)
    append_revision(article, Revision.CORRECTION, {"headline": "A corrected headline"}, reason="r", public_note="Fixed it.")
    html = client.get(url).content.decode()
    assert "A corrected headline" in html and "Fixed it." in html
    article.refresh_from_db()
    append_revision(article, Revision.WITHDRAWAL, {"withdrawn": True}, reason="legal", public_note="Withdrawn.")
    assert client.get(url).status_code == 410


def test_a_signed_in_reader_never_gets_the_shared_page_and_never_leaves_theirs(client, caching):
    article = first_article()
    url = f"/article/{article.pk}/"
    anonymous = client.get(url).content.decode()
    assert "Sign in" in anonymous
    reader = get_user_model().objects.create_user("ruth", password="a long passphrase")
    client.force_login(reader)
    theirs = client.get(url).content.decode()
    assert "ruth" in theirs and "Bookmark this article" in theirs and "csrfmiddlewaretoken" in theirs
    client.logout()
    client.cookies.clear()
    after = client.get(url).content.decode()
    assert "ruth" not in after and "csrfmiddlewaretoken" not in after and after == anonymous


def test_a_reader_with_a_message_waiting_gets_a_page_of_their_own(client, caching):
    client.get("/")
    client.cookies["messages"] = "a message for this reader only"
    assert not fragments.is_anyones(client.get("/").wsgi_request)
    client.cookies.clear()
    client.cookies["csrftoken"] = "x" * 32
    assert fragments.is_anyones(client.get("/").wsgi_request)


def test_a_page_that_renders_a_csrf_token_is_never_shared(rf, caching):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    request = rf.get("/somewhere/")
    calls = []

    def respond():
        calls.append(1)
        return HttpResponse(f"<form>{get_token(request)}</form>")

    fragments.whole_page(request, "k", 300, respond)
    fragments.whole_page(rf.get("/somewhere/"), "k", 300, respond)
    assert len(calls) == 2


def test_home_section_and_search_pages_are_shared_too(client, caching):
    for url in ("/", "/section/news/", "/search/?q=council"):
        made = client.get(url).content
        with CaptureQueriesContext(connection) as again:
            assert client.get(url).content == made
        assert len(again) <= 1, url  # at most a count that names the page (a section's size)


def test_another_process_sees_what_this_one_cached(caching, settings):
    if settings.CACHES["default"]["BACKEND"] != "morgue.web.cache.ArchiveDiskCache":
        pytest.skip("MORGUE_CACHE_URL names another cache")
    cache.set(fragments.cache_key("shared"), "from the test process", 60)
    code = ("import sys\nfrom morgue.django_setup import setup\nsetup(sys.argv[1], migrate=False)\n"
            "from django.core.cache import cache\nfrom django.conf import settings\nsettings.HOME = sys.argv[2]\n"
            "from morgue.web import fragments\nprint(cache.get(fragments.cache_key('shared')))\n")
    run_home = Path(settings.CACHES["default"]["LOCATION"]).parent  # the home the cache was configured in
    out = subprocess.run([sys.executable, "-c", code, str(run_home), str(settings.HOME)],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "from the test process"


def test_cache_settings_from_the_url(tmp_path):
    assert cache_settings("", tmp_path)["default"]["LOCATION"] == str(tmp_path / "cache")
    assert cache_settings("", tmp_path)["default"]["BACKEND"].endswith("ArchiveDiskCache")
    assert cache_settings("redis://cache:6379/1", tmp_path)["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://cache:6379/1"}
    assert cache_settings("memcached://cache:11211", tmp_path)["default"]["LOCATION"] == "cache:11211"
    assert cache_settings("none", tmp_path)["default"]["BACKEND"].endswith("DummyCache")
    with pytest.raises(ImproperlyConfigured, match="MORGUE_CACHE_URL"):
        cache_settings("mysql://nope", tmp_path)


def test_keys_are_safe_for_every_backend_and_apart_per_archive(settings):
    key = fragments.cache_key("section:Arts & Culture:1:a very long name " * 20)
    assert len(key) < 250 and " " not in key
    settings.HOME = "/another/archive"
    assert fragments.cache_key("home") != key and fragments.cache_key("home") != fragments.cache_key("home2")


def test_the_disk_cache_keeps_working_after_django_closes_it(tmp_path):
    backend = ArchiveDiskCache(str(tmp_path / "c"), {})
    backend.set("k", "v", 60)
    backend.close()
    assert backend.get("k") == "v"


def test_the_writer_shows_a_value_at_once_and_writes_it_soon(settings):
    writer = fragments.CacheWriter()
    name = fragments.cache_key("written-soon")
    writer.put(name, "a part", 60)
    assert writer.get(name) == "a part"
    writer.settle()
    assert writer.get(name) is None and cache.get(name) == "a part"


def test_the_writer_keeps_at_most_its_limit_waiting(monkeypatch):
    release = threading.Event()
    monkeypatch.setattr(cache, "set", lambda *a, **k: release.wait(10))  # a stalled cache
    writer = fragments.CacheWriter(limit=3)
    for n in range(10):
        writer.put(f"k{n}", n, 60)
    assert sum(writer.get(f"k{n}") is not None for n in range(10)) <= 3
    release.set()
    writer.settle()


def test_a_failing_cache_costs_a_render_never_a_page(client, caching, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(cache, "set", broken)
    article = first_article()
    assert client.get(f"/article/{article.pk}/").status_code == 200
    fragments.writer.settle()
    monkeypatch.setattr(cache, "get", broken)
    fragments.writer.forget()
    assert client.get(f"/article/{article.pk}/").status_code == 200
    assert client.get("/").status_code == 200


def test_site_urls_follow_the_prefix_the_site_is_served_under():
    from django.urls import set_script_prefix

    from morgue.web.templatetags.site_urls import site_url

    try:
        assert site_url("search") == "/search/"
        set_script_prefix("/archive/")
        assert site_url("search") == "/archive/search/" and site_url("home") == "/archive/"
    finally:
        set_script_prefix("/")
    assert site_url("search") == "/search/"


def account_div(html: str) -> str:
    start = html.index('<div class="account">')
    return html[start:html.index("</div>", start)]


def test_signed_in_readers_share_the_page_but_each_gets_their_own_account_links(client, caching):
    article = first_article()
    url = f"/article/{article.pk}/"
    users = get_user_model().objects
    ruth, sam = users.create_user("ruth", password="a long passphrase"), users.create_user("sam", password="a long passphrase")
    client.force_login(ruth)
    for_ruth = client.get(url).content.decode()
    client.force_login(sam)
    with CaptureQueriesContext(connection) as again:
        for_sam = client.get(url).content.decode()
    assert "ruth" in account_div(for_ruth) and "ruth" not in for_sam
    assert "sam" in account_div(for_sam) and "Bookmark this article" in for_sam
    assert "csrfmiddlewaretoken" in account_div(for_sam) and fragments.account_slot() not in for_sam
    # The same page but for the header: the article from the shell, the links made for sam.
    assert for_sam.replace(account_div(for_sam), "") == for_ruth.replace(account_div(for_ruth), "")
    assert not any("archive_article" in q["sql"] and "body" in q["sql"] for q in again.captured_queries)
    client.logout()
    client.cookies.clear()
    anonymous = client.get(url).content.decode()
    assert "sam" not in anonymous and "csrfmiddlewaretoken" not in anonymous and "Sign in" in account_div(anonymous)


def test_a_message_is_shown_to_its_reader_once_and_never_kept_in_the_shared_shell(client, caching):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.contrib.messages.storage.base import Message

    reader = get_user_model().objects.create_user("ruth", password="a long passphrase")
    client.force_login(reader)
    client.get("/")  # the shell is made and kept
    storage = CookieStorage(client.get("/").wsgi_request)
    encoded = storage._encode([Message(constants.INFO, "Your search was saved.")])
    client.cookies["messages"] = encoded
    assert "Your search was saved." in client.get("/").content.decode()
    assert "Your search was saved." not in client.get("/").content.decode()  # shown once
    other = get_user_model().objects.create_user("sam", password="a long passphrase")
    client.force_login(other)
    assert "Your search was saved." not in client.get("/").content.decode()


def test_the_account_slot_cannot_be_forged_by_archive_text(client, caching):
    article = first_article()
    append_revision(article, Revision.CORRECTION, {"headline": f"Headline {fragments.account_slot()}"}, reason="r",
                    public_note="n")
    reader = get_user_model().objects.create_user("ruth", password="a long passphrase")
    client.force_login(reader)
    html = client.get(f"/article/{article.pk}/").content.decode()
    assert html.count("ruth") == 1 and "&lt;!--morgue-account-" in html


def test_sessions_are_read_from_the_shared_cache_and_a_signed_out_one_is_gone_from_it(client, caching, settings):
    from morgue.web.cache import session_engine

    assert session_engine("django.core.cache.backends.locmem.LocMemCache").endswith(".db")  # not shared: database alone
    if settings.SESSION_ENGINE != "morgue.accounts.sessions":
        pytest.skip("MORGUE_CACHE_URL names a cache the server processes do not share")
    reader = get_user_model().objects.create_user("ruth", password="a long passphrase")
    client.force_login(reader)
    client.get("/")
    with CaptureQueriesContext(connection) as again:
        assert "ruth" in client.get("/").content.decode()
    assert not any("django_session" in q["sql"] for q in again.captured_queries)
    stolen = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.post("/account/sign-out/").status_code == 302
    client.cookies[settings.SESSION_COOKIE_NAME] = stolen  # the old cookie, kept by someone else
    assert "ruth" not in client.get("/").content.decode()


def test_a_failing_cache_never_signs_a_reader_out(client, caching, monkeypatch, settings):
    if settings.SESSION_ENGINE != "morgue.accounts.sessions":
        pytest.skip("MORGUE_CACHE_URL names a cache the server processes do not share")
    reader = get_user_model().objects.create_user("ruth", password="a long passphrase")
    client.force_login(reader)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    from django.core.cache import caches
    monkeypatch.setattr(caches["default"], "get", broken)
    monkeypatch.setattr(caches["default"], "set", broken)
    assert "ruth" in client.get("/").content.decode()
