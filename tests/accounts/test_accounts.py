"""Accounts through the Django test client: sign-up, sign-in, rate limit, password reset, CSRF, bookmarks, roles."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from morgue.accounts import ratelimit
from morgue.accounts.models import Bookmark, SavedSearch, SignInFailure
from morgue.accounts.roles import AccountError, create_account, is_admin, is_editor, role_of

from ..archive.legacy import build_good_archive

pytestmark = [pytest.mark.django_db, pytest.mark.db_backends]

User = get_user_model()
PASSWORD = "harbour-bridge-1987"


@pytest.fixture
def archive(tmp_path):
    from morgue.archive.ingest import IngestOptions, ingest

    build_good_archive(tmp_path / "src")
    ingest([str(tmp_path / "src")], IngestOptions(home=tmp_path / "home", workers=1))
    with override_settings(HOME=tmp_path / "home"):
        yield tmp_path / "home"


@pytest.fixture
def reader():
    return create_account("rita", PASSWORD, email="rita@example.org")


def test_the_site_hashes_with_argon2_first():
    from morgue import settings as site_settings

    assert site_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "morgue.accounts.backends.UsernameOrEmailBackend" in site_settings.AUTHENTICATION_BACKENDS


def test_sign_up_hashes_with_argon2_and_signs_in(client):
    page = client.get("/account/sign-up/")
    assert page.status_code == 200 and "csrfmiddlewaretoken" in page.content.decode()
    response = client.post("/account/sign-up/", {"username": "newreader", "email": "new@example.org",
                                                  "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/account/"
    user = User.objects.get(username="newreader")
    assert user.password.startswith("argon2$argon2id$")
    profile = client.get("/account/")
    assert profile.status_code == 200 and "newreader" in profile.content.decode() and "reader" in profile.content.decode()


def test_sign_up_refuses_taken_names_addresses_and_weak_passwords(client, reader):
    for data, message in (
        ({"username": "RITA", "email": "", "password1": PASSWORD, "password2": PASSWORD}, "That user name is taken"),
        ({"username": "other", "email": "Rita@Example.org", "password1": PASSWORD, "password2": PASSWORD}, "already has an account"),
        ({"username": "other", "email": "", "password1": "12345678", "password2": "12345678"}, "too common"),
    ):
        page = client.post("/account/sign-up/", data)
        assert page.status_code == 200 and message in page.content.decode()
    assert User.objects.count() == 1


def test_sign_in_by_name_or_address_and_sign_out_by_post(reader):
    for name in ("rita", "RITA@example.org"):
        client = Client()
        response = client.post("/account/sign-in/", {"username": name, "password": PASSWORD})
        assert response.status_code == 302, name
        assert client.get("/account/").status_code == 200
        assert client.get("/account/sign-out/").status_code == 405  # signing out is a POST (a link cannot do it)
        assert client.post("/account/sign-out/").status_code == 302
        assert client.get("/account/").status_code == 302


def test_wrong_password_is_refused_plainly(client, reader):
    page = client.post("/account/sign-in/", {"username": "rita", "password": "wrong-password"})
    assert page.status_code == 200 and "correct username and password" in page.content.decode()
    assert SignInFailure.objects.filter(username=f"account:{reader.pk}").count() == 1


@override_settings(MORGUE_SIGNIN_MAX_FAILURES=3)
def test_sign_in_is_rate_limited_per_username(client, reader):
    for _ in range(3):
        assert client.post("/account/sign-in/", {"username": "rita", "password": "guess"}).status_code == 200
    # Now even the right password waits: the guesser must not learn it was right.
    page = client.post("/account/sign-in/", {"username": "Rita", "password": PASSWORD})
    html = page.content.decode()
    assert page.status_code == 429
    assert "Too many failed sign-in attempts. Try again in 15 minutes." in html
    assert "_auth_user_id" not in client.session
    # Another account from another address is not affected.
    create_account("tom", PASSWORD)
    assert Client(REMOTE_ADDR="10.0.0.9").post("/account/sign-in/", {"username": "tom", "password": PASSWORD}).status_code == 302


@override_settings(MORGUE_SIGNIN_MAX_FAILURES_PER_IP=4)
def test_sign_in_is_rate_limited_per_address(reader):
    guesser = Client(REMOTE_ADDR="192.0.2.7")
    for n in range(4):
        guesser.post("/account/sign-in/", {"username": f"user{n}", "password": "guess"})
    page = guesser.post("/account/sign-in/", {"username": "rita", "password": PASSWORD})
    assert page.status_code == 429 and "Too many failed sign-in attempts" in page.content.decode()
    assert Client(REMOTE_ADDR="192.0.2.8").post("/account/sign-in/", {"username": "rita", "password": PASSWORD}).status_code == 302


@override_settings(MORGUE_SIGNIN_MAX_FAILURES_PER_IP=4, MORGUE_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_the_limit_counts_each_reader_not_the_proxy(reader):
    def through_proxy(reader_address, claimed=""):
        # The proxy connects from 10.0.0.1 and appends the address it saw to what the client sent.
        return Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"{claimed}{reader_address}")

    guesser = through_proxy("198.51.100.7")
    for n in range(4):
        guesser.post("/account/sign-in/", {"username": f"user{n}", "password": "guess"})
    assert guesser.post("/account/sign-in/", {"username": "rita", "password": PASSWORD}).status_code == 429
    # Another reader behind the same proxy is not paused with the guesser.
    assert through_proxy("198.51.100.8").post("/account/sign-in/", {"username": "rita", "password": PASSWORD}).status_code == 302
    # A guesser cannot escape by writing a fresh address of their own in front: the proxy's entry is what counts.
    escaping = through_proxy("198.51.100.7", claimed="203.0.113.99, ")
    assert escaping.post("/account/sign-in/", {"username": "rita", "password": PASSWORD}).status_code == 429


def test_client_address_reads_only_the_trusted_proxies_entries(rf, settings):
    from morgue.accounts.addresses import client_address

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.99, 198.51.100.7, 10.0.0.2")
    settings.MORGUE_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.1"
    settings.MORGUE_PROXY_COUNT = 2
    assert client_address(request) == "198.51.100.7"
    settings.MORGUE_PROXY_COUNT = 4  # fewer entries than proxies: the header cannot be trusted
    assert client_address(request) == "10.0.0.1"
    settings.MORGUE_PROXY_COUNT = 1
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")) == "10.0.0.1"
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="2001:db8::1")) == "2001:db8::1"


def test_rate_limit_window_passes_and_success_clears():
    limits = ratelimit.SignInLimits(per_username=2, per_ip=100, window=timedelta(minutes=15))
    start = timezone.now()
    ratelimit.record_failure("ann", "192.0.2.1", limits, now=start)
    ratelimit.record_failure("ann", "192.0.2.1", limits, now=start + timedelta(minutes=5))
    wait = ratelimit.retry_after("ann", "192.0.2.1", limits, now=start + timedelta(minutes=6))
    assert wait == timedelta(minutes=9) and ratelimit.describe_wait(wait) == "9 minutes"
    assert ratelimit.retry_after("ann", "192.0.2.1", limits, now=start + timedelta(minutes=15, seconds=1)) is None
    ratelimit.clear_failures("ANN")
    assert ratelimit.retry_after("ann", "192.0.2.1", limits, now=start + timedelta(minutes=6)) is None
    assert ratelimit.describe_wait(timedelta(seconds=30)) == "30 seconds"


def test_password_reset_by_mail(client, reader):
    assert client.post("/account/password-reset/", {"email": "rita@example.org"}).status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rita@example.org"] and "rita" in message.body
    link = re.search(r"https?://[^/\s]+(/account/password-reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and "new_password1" in form_page.content.decode()
    new = "a-new-password-for-rita"
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert Client().post("/account/sign-in/", {"username": "rita", "password": new}).status_code == 302
    # An unknown address gets the same answer and no mail.
    assert client.post("/account/password-reset/", {"email": "nobody@example.org"}).status_code == 302
    assert len(mail.outbox) == 1


def test_csrf_is_enforced_on_account_forms(reader):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/account/sign-in/", {"username": "rita", "password": PASSWORD}).status_code == 403
    assert strict.post("/account/sign-up/", {"username": "x1", "password1": PASSWORD, "password2": PASSWORD}).status_code == 403
    assert not User.objects.filter(username="x1").exists()
    # With the token from the form it works.
    page = strict.get("/account/sign-in/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    assert strict.post("/account/sign-in/", {"username": "rita", "password": PASSWORD, "csrfmiddlewaretoken": token}).status_code == 302


def test_bookmarks_and_saved_searches(client, archive, reader):
    from morgue.archive.models import Article

    article = Article.objects.order_by("pk").first()
    assert client.post("/account/bookmarks/", {"article": article.pk}).status_code == 302  # to sign in
    assert not Bookmark.objects.exists()
    client.force_login(reader)
    page = client.get(f"/article/{article.pk}/").content.decode()
    assert "Bookmark this article" in page
    response = client.post("/account/bookmarks/", {"article": article.pk, "next": f"/article/{article.pk}/"})
    assert response.status_code == 302 and response["Location"] == f"/article/{article.pk}/"
    client.post("/account/bookmarks/", {"article": article.pk})  # twice is once
    assert Bookmark.objects.filter(user=reader).count() == 1
    client.post("/account/searches/", {"q": '  "town hall"   section:News '})
    profile = client.get("/account/").content.decode()
    assert article.headline in profile and "&quot;town hall&quot; section:News" in profile
    # An open redirect is refused: back to the profile instead.
    assert client.post("/account/searches/", {"q": "x", "next": "https://evil.example/"})["Location"] == "/account/"
    # Someone else's bookmark cannot be removed.
    other = create_account("tom", PASSWORD)
    mark = Bookmark.objects.get(user=reader)
    client.force_login(other)
    client.post(f"/account/bookmarks/{mark.pk}/remove/")
    assert Bookmark.objects.filter(pk=mark.pk).exists()
    client.force_login(reader)
    client.post(f"/account/bookmarks/{mark.pk}/remove/")
    client.post(f"/account/searches/{SavedSearch.objects.get(query='x').pk}/remove/")
    assert not Bookmark.objects.exists() and SavedSearch.objects.count() == 1


def test_navigation_follows_the_role(client, archive, reader):
    home = client.get("/").content.decode()
    assert "/account/sign-in/" in home and "/account/sign-up/" in home and "/desk/" not in home
    client.force_login(reader)
    home = client.get("/").content.decode()
    assert "Sign out" in home and "/account/" in home and "/desk/" not in home
    editor = create_account("ed", PASSWORD, editor=True)
    client.force_login(editor)
    home = client.get("/").content.decode()
    assert "/desk/" in home and "/desk/dashboard/" in home and "/admin/" not in home
    client.force_login(create_account("ada", PASSWORD, admin=True))
    assert "/admin/" in client.get("/").content.decode()
    assert client.get("/admin/").status_code == 200


def test_roles_and_create_account():
    reader = create_account("r1", PASSWORD)
    editor = create_account("e1", PASSWORD, editor=True)
    admin = create_account("a1", PASSWORD, admin=True, email="a1@example.org")
    assert [role_of(u) for u in (reader, editor, admin)] == ["reader", "editor", "admin"]
    assert not is_editor(reader) and is_editor(editor) and is_editor(admin) and is_admin(admin) and not is_admin(editor)
    assert Group.objects.get(name="editors").user_set.count() == 2
    with pytest.raises(AccountError, match="taken"):
        create_account("R1", PASSWORD)
    with pytest.raises(AccountError, match="already has an account"):
        create_account("a2", PASSWORD, email="A1@example.org")
    with pytest.raises(AccountError, match="too short"):
        create_account("a3", "short")


def test_admin_shows_archive_tables_read_only(client, archive):
    from morgue.archive.models import Article, Revision

    client.force_login(create_account("ada", PASSWORD, admin=True))
    article = Article.objects.order_by("pk").first()
    assert client.get("/admin/archive/revision/").status_code == 200
    page = client.get(f"/admin/archive/article/{article.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.get("/admin/archive/revision/add/").status_code == 403
    before = Revision.objects.count()
    client.post(f"/admin/archive/article/{article.pk}/delete/", {"post": "yes"})
    assert Article.objects.filter(pk=article.pk).exists() and Revision.objects.count() == before
    assert client.get("/admin/auth/user/").status_code == 200


@override_settings(MORGUE_SIGNIN_MAX_FAILURES=3, MORGUE_SIGNIN_MAX_FAILURES_PER_IP=1000)
def test_every_spelling_of_an_account_counts_against_the_same_limit(client, reader):
    for name in ("rita", "RITA", "Rita@Example.org"):
        assert client.post("/account/sign-in/", {"username": name, "password": "guess"}).status_code == 200
    assert client.post("/account/sign-in/", {"username": " rItA ", "password": PASSWORD}).status_code == 429


def test_an_address_that_is_no_account_is_counted_without_dots_case_or_tag():
    assert ratelimit.normalise_name("J.Doe+spam@Mail.example") == "jdoe@mail.example"
    assert ratelimit.normalise_name("  Someone ") == "someone"


def test_password_reset_mail_links_to_the_papers_address(client, reader, settings):
    from morgue.paper import Paper, write_paper
    from morgue.web import paper as papers

    write_paper(settings.HOME, Paper(name="The Oldcastle Courier", url="https://archive.oldcastle.example"))
    papers.forget()
    try:
        assert client.post("/account/password-reset/", {"email": "rita@example.org"}).status_code == 302
        message = mail.outbox[-1]
        assert message.subject == "Reset your password for The Oldcastle Courier"
        assert "https://archive.oldcastle.example/account/password-reset/" in message.body and "testserver" not in message.body
    finally:
        (settings.HOME / "morgue.toml").unlink()
        papers.forget()
