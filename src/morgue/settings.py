"""The embedded Django project's settings: a user never writes a settings file.

Everything a deployment changes comes from the environment:

- ``MORGUE_HOME``: the archive home (default ``./morgue-archive``), holding the
  SQLite database, the originals store and the search index;
- ``DATABASE_URL``: a database URL (default: SQLite in WAL mode inside the home);
- ``MORGUE_DATABASE_TIMEOUT``: seconds to wait for a SQLite database another command holds (default 30);
- ``MORGUE_SEARCH_BACKEND``: ``tantivy`` (default), ``sqlite``, or ``postgres`` (needs PostgreSQL);
- ``MORGUE_SECRET_KEY``, ``MORGUE_DEBUG``, ``MORGUE_ALLOWED_HOSTS``;
- ``MORGUE_HTTPS``, ``MORGUE_PROXY_SSL_HEADER``: secure cookies and HSTS when served over HTTPS;
- ``MORGUE_EMAIL_URL`` or ``MORGUE_SMTP_*``, ``MORGUE_EMAIL_FROM``: password-reset mail (console by default);
- ``MORGUE_SIGNIN_MAX_FAILURES``, ``MORGUE_SIGNIN_MAX_FAILURES_PER_IP``: sign-in rate limits;
- ``MORGUE_PROXY_COUNT``: how many trusted proxies stand in front (the reader's address for those limits);
- ``MORGUE_CACHE_URL``: the cache the site's processes share (default: files in the home; see morgue.web.cache).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from morgue.accounts.mail import email_settings
from morgue.errors import ConfigurationError
from morgue.home import archive_home, secret_key
from morgue.paper import read_paper
from morgue.search import backend_problem
from morgue.web.cache import cache_settings, session_engine

HOME: Path = archive_home()


def _seconds(name: str, default: float) -> float:
    text = os.environ.get(name, "")
    try:
        value = float(text) if text else default
    except ValueError:
        value = -1
    if value < 0:
        raise ImproperlyConfigured(f"{name} must be a number of seconds, not {text!r}")
    return value


BASE_DIR = Path(__file__).resolve().parent

DEBUG = os.environ.get("MORGUE_DEBUG", "") == "1"
SECRET_KEY = secret_key(HOME)
ALLOWED_HOSTS = [h for h in os.environ.get("MORGUE_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "morgue.archive",
    "morgue.web",
    "morgue.accounts",
    "morgue.desk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "morgue.web.headers.PermissionsPolicyMiddleware",
]

ROOT_URLCONF = "morgue.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "morgue.accounts.context.roles",
                "morgue.web.context.paper",
            ],
        },
    },
]

WSGI_APPLICATION = "morgue.wsgi.application"



def _database(url: str) -> dict:
    """Return Django's settings for the database at ``url``; an unusable URL is a one-line error naming its scheme only."""
    try:
        return dj_database_url.parse(url, conn_max_age=60)
    except (ValueError, KeyError) as exc:  # UnknownSchemeError is a ValueError; the password is never repeated
        scheme = url.split("://", 1)[0] if "://" in url else ""
        what = f"its scheme {scheme!r} is not a database morgue knows" if scheme else "it is not a URL"
        raise ImproperlyConfigured(f"DATABASE_URL cannot be used ({what}): set it to postgres://USER:PASSWORD@HOST:5432/NAME, "
                                   "or unset it to keep the archive in SQLite inside its home") from exc


_default_sqlite = f"sqlite:///{HOME / 'morgue.sqlite3'}"
DATABASES = {"default": _database(os.environ.get("DATABASE_URL") or _default_sqlite)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers (the site) go on while ingest writes; IMMEDIATE avoids
    # the "database is locked" upgrade deadlock between two writers.
    # Connections are kept (one per server thread): opening one and running
    # the pragmas cost more than an article page's query.
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": _seconds("MORGUE_DATABASE_TIMEOUT", 30),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    if os.environ.get("MORGUE_DATABASE_READ_ONLY"):
        # Set by `morgue serve` when the disk is full and SQLite cannot make its shared-memory file:
        # the archive is read as it stands (immutable: no locks, no -shm), so reading still works.
        DATABASES["default"]["NAME"] = f"file:{HOME / 'morgue.sqlite3'}?immutable=1"
        DATABASES["default"]["OPTIONS"] = {"uri": True, "timeout": _seconds("MORGUE_DATABASE_TIMEOUT", 30)}

# The search backend (morgue.archive.searching): "postgres" needs the archive on PostgreSQL.
_search_problem = backend_problem(os.environ.get("MORGUE_SEARCH_BACKEND") or "tantivy",
                                  DATABASES["default"]["ENGINE"])
if _search_problem:
    raise ImproperlyConfigured(_search_problem)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The paper's language and time zone (morgue.toml in the home; `morgue init --language --timezone`).
try:
    _paper = read_paper(HOME)
except ConfigurationError as _exc:
    raise ImproperlyConfigured(str(_exc)) from _exc
LANGUAGE_CODE = _paper.html_language
TIME_ZONE = _paper.timezone or "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"

# Rendered page parts and counts, shared by every server process (morgue.web.cache).
CACHES = cache_settings(os.environ.get("MORGUE_CACHE_URL", ""), HOME)


# Accounts. Argon2 first: new passwords are hashed with it (argon2-cffi), and
# a password stored under an older hasher is re-hashed at its next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["morgue.accounts.backends.UsernameOrEmailBackend"]
LOGIN_URL = "signin"
LOGIN_REDIRECT_URL = "profile"
LOGOUT_REDIRECT_URL = "home"


def _count(name: str, default: int, minimum: int = 1) -> int:
    text = os.environ.get(name, "")
    if not text:
        return default
    if not text.isdigit() or int(text) < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number of at least {minimum}, not {text!r}")
    return int(text)


# Sign-in rate limits (morgue.accounts.ratelimit): failures within 15 minutes.
MORGUE_SIGNIN_MAX_FAILURES = _count("MORGUE_SIGNIN_MAX_FAILURES", 5)
MORGUE_SIGNIN_MAX_FAILURES_PER_IP = _count("MORGUE_SIGNIN_MAX_FAILURES_PER_IP", 20)
MORGUE_SIGNIN_WINDOW = 15 * 60
# Trusted proxies in front of the site (nginx, a load balancer): the reader's
# address is read from X-Forwarded-For through that many (morgue.accounts.addresses).
MORGUE_PROXY_COUNT = _count("MORGUE_PROXY_COUNT", 0, minimum=0)

# Password-reset mail: the console (the server's output) unless SMTP is configured.
globals().update(email_settings(os.environ))

# Served over HTTPS (directly, or behind a proxy that says so): cookies only
# over HTTPS, and browsers told to use HTTPS for a year (HSTS).
if os.environ.get("MORGUE_PROXY_SSL_HEADER", "") == "1":
    # Only behind a proxy that sets X-Forwarded-Proto itself and strips any a client sent.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The proxy says which requests came over HTTPS, so plain-HTTP ones can be sent there.
    SECURE_SSL_REDIRECT = True
HTTPS = os.environ.get("MORGUE_HTTPS", "") == "1" or os.environ.get("MORGUE_PROXY_SSL_HEADER", "") == "1"
# Sessions read from the shared cache, written through to the database (morgue.accounts.sessions).
SESSION_ENGINE = session_engine(CACHES["default"]["BACKEND"])
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A strict Content-Security-Policy: the site runs no script at all and its
# style is one file of its own, so a text that slipped past escaping could
# still neither run nor restyle anything. (JSON-LD is data, not script.)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'none'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
    },
}
# Nothing on the site needs a camera, a microphone or a location: none may be asked for.
PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
                      "payment=(), usb=(), interest-cohort=(), browsing-topics=()")
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = False  # other sites on the same domain are not ours to decide for
