"""E-mail settings from the environment: the console by default, SMTP from a URL or from MORGUE_SMTP_*."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

CONSOLE = "django.core.mail.backends.console.EmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"
TRUE = {"1", "true", "yes", "on"}


def email_settings(env: Mapping[str, str]) -> dict:
    """Return Django's EMAIL_* settings from ``MORGUE_EMAIL_URL`` or ``MORGUE_SMTP_*`` (console if neither is set).

    ``MORGUE_EMAIL_URL`` is ``smtp://user:password@host:587?tls=1`` (STARTTLS),
    ``smtps://user:password@host:465`` (TLS from the start) or ``console:``.
    ``MORGUE_SMTP_HOST``, ``_PORT``, ``_USER``, ``_PASSWORD``, ``_TLS``, ``_SSL``
    say the same thing one variable at a time.
    """
    result = {"DEFAULT_FROM_EMAIL": env.get("MORGUE_EMAIL_FROM") or "archive@localhost"}
    url = env.get("MORGUE_EMAIL_URL", "").strip()
    if url:
        return result | _from_url(url)
    if env.get("MORGUE_SMTP_HOST"):
        return result | {
            "EMAIL_BACKEND": SMTP,
            "EMAIL_HOST": env["MORGUE_SMTP_HOST"],
            "EMAIL_PORT": _port(env.get("MORGUE_SMTP_PORT") or "25", "MORGUE_SMTP_PORT"),
            "EMAIL_HOST_USER": env.get("MORGUE_SMTP_USER", ""),
            "EMAIL_HOST_PASSWORD": env.get("MORGUE_SMTP_PASSWORD", ""),
            "EMAIL_USE_TLS": env.get("MORGUE_SMTP_TLS", "").lower() in TRUE,
            "EMAIL_USE_SSL": env.get("MORGUE_SMTP_SSL", "").lower() in TRUE,
        }
    return result | {"EMAIL_BACKEND": CONSOLE}


def _from_url(url: str) -> dict:
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": CONSOLE}
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ImproperlyConfigured(
            f"MORGUE_EMAIL_URL must look like smtp://user:password@host:587?tls=1, smtps://... or console:, not {parts.scheme or url!r}")
    options = {k: v[-1].lower() for k, v in parse_qs(parts.query).items()}
    ssl = parts.scheme == "smtps" or options.get("ssl") in TRUE
    try:
        port = parts.port or (465 if ssl else 25)
    except ValueError as exc:
        raise ImproperlyConfigured(f"MORGUE_EMAIL_URL has a bad port: {exc}") from exc
    return {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": not ssl and options.get("tls") in TRUE,
        "EMAIL_USE_SSL": ssl,
    }


def _port(text: str, name: str) -> int:
    try:
        return int(text)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a port number, not {text!r}") from exc
