"""Mail and HTTPS settings from the environment."""

import json
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from morgue.accounts.mail import CONSOLE, SMTP, email_settings


def test_console_mail_by_default():
    assert email_settings({})["EMAIL_BACKEND"] == CONSOLE
    assert email_settings({"MORGUE_EMAIL_URL": "console:"})["EMAIL_BACKEND"] == CONSOLE


def test_smtp_from_a_url():
    s = email_settings({"MORGUE_EMAIL_URL": "smtp://desk%40paper.example:p%2Fss@mail.example:587?tls=1",
                        "MORGUE_EMAIL_FROM": "archive@paper.example"})
    assert s == {"EMAIL_BACKEND": SMTP, "EMAIL_HOST": "mail.example", "EMAIL_PORT": 587, "EMAIL_HOST_USER": "desk@paper.example",
                 "EMAIL_HOST_PASSWORD": "p/ss", "EMAIL_USE_TLS": True, "EMAIL_USE_SSL": False,
                 "DEFAULT_FROM_EMAIL": "archive@paper.example"}
    ssl = email_settings({"MORGUE_EMAIL_URL": "smtps://u:p@mail.example"})
    assert ssl["EMAIL_PORT"] == 465 and ssl["EMAIL_USE_SSL"] and not ssl["EMAIL_USE_TLS"]


def test_smtp_one_variable_at_a_time():
    s = email_settings({"MORGUE_SMTP_HOST": "mail.example", "MORGUE_SMTP_PORT": "2525", "MORGUE_SMTP_USER": "u",
                        "MORGUE_SMTP_PASSWORD": "p", "MORGUE_SMTP_TLS": "1"})
    assert (s["EMAIL_BACKEND"], s["EMAIL_HOST"], s["EMAIL_PORT"], s["EMAIL_USE_TLS"], s["EMAIL_USE_SSL"]) == (SMTP, "mail.example", 2525, True, False)


@pytest.mark.parametrize("env", [{"MORGUE_EMAIL_URL": "http://mail.example"}, {"MORGUE_EMAIL_URL": "smtp://h:notaport"},
                                 {"MORGUE_SMTP_HOST": "h", "MORGUE_SMTP_PORT": "x"}])
def test_bad_mail_settings_fail_loudly(env):
    with pytest.raises(ImproperlyConfigured, match="MORGUE_"):
        email_settings(env)


def _settings_in_child(**env) -> dict:
    code = ("import json, django; from django.conf import settings; django.setup(); "
            "print(json.dumps({k: getattr(settings, k, None) for k in ('SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
            "'SECURE_HSTS_SECONDS', 'SECURE_PROXY_SSL_HEADER', 'SECURE_SSL_REDIRECT', 'EMAIL_BACKEND', 'MORGUE_SIGNIN_MAX_FAILURES')}))")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("MORGUE_HTTPS", "MORGUE_PROXY", "MORGUE_EMAIL", "MORGUE_SMTP"))}
    proc = subprocess.run([sys.executable, "-c", code], env={**base, "DJANGO_SETTINGS_MODULE": "morgue.settings", **env},
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_secure_cookies_and_hsts_only_over_https():
    plain = _settings_in_child()
    assert not plain["SESSION_COOKIE_SECURE"] and not plain["CSRF_COOKIE_SECURE"] and not plain["SECURE_HSTS_SECONDS"]
    assert plain["EMAIL_BACKEND"] == CONSOLE and plain["MORGUE_SIGNIN_MAX_FAILURES"] == 5
    https = _settings_in_child(MORGUE_HTTPS="1", MORGUE_SIGNIN_MAX_FAILURES="3")
    assert https["SESSION_COOKIE_SECURE"] and https["CSRF_COOKIE_SECURE"] and https["SECURE_HSTS_SECONDS"] >= 31536000
    assert not https["SECURE_SSL_REDIRECT"] and https["MORGUE_SIGNIN_MAX_FAILURES"] == 3
    proxied = _settings_in_child(MORGUE_PROXY_SSL_HEADER="1")
    assert proxied["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"] and proxied["SECURE_SSL_REDIRECT"]
    assert proxied["SESSION_COOKIE_SECURE"]


@pytest.mark.django_db
def test_https_requests_get_hsts_and_secure_cookies(client, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31536000
    page = client.get("/account/sign-in/", secure=True)
    assert page["Strict-Transport-Security"].startswith("max-age=31536000")
    assert page.cookies["csrftoken"]["secure"] and page.cookies["csrftoken"]["samesite"] == "Lax"
