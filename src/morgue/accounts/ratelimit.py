"""Sign-in rate limiting: a few failures per username, more per address, within a sliding window.

Failures are rows in the database (SignInFailure), so every web worker and
process sees the same counts without a shared cache server. The numbers come
from settings: MORGUE_SIGNIN_MAX_FAILURES per username and
MORGUE_SIGNIN_MAX_FAILURES_PER_IP per address, within MORGUE_SIGNIN_WINDOW
(15 minutes, as OWASP's authentication cheat sheet suggests for lockouts).

Two things an attacker would try are closed. Parallel guesses: each
attempt is written *before* it is judged (``begin_attempt``), so of many
sent at once only the allowed number find fewer than the limit ahead of
them. Spelling variants: failures are counted per account, whichever name
or address was typed for it ("Ed", "ed", "ED@example.org"), and a name
that is no account is counted by its normalised form (case, and for an
e-mail address the dots and "+tag" of its local part).

Written here rather than taken from django-axes: axes keys on the typed
username (its lockout parameters are fixed fields, not the account), and
this app's sign-in accepts a name or an address; forty lines over one
table do exactly what is needed, on every database and process.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from morgue.accounts.models import SignInFailure


@dataclass(frozen=True)
class SignInLimits:
    """How many failures are allowed, per username and per address, within how long."""

    per_username: int = 5
    per_ip: int = 20
    window: timedelta = timedelta(minutes=15)

    @classmethod
    def from_settings(cls) -> SignInLimits:
        return cls(
            per_username=getattr(settings, "MORGUE_SIGNIN_MAX_FAILURES", cls.per_username),
            per_ip=getattr(settings, "MORGUE_SIGNIN_MAX_FAILURES_PER_IP", cls.per_ip),
            window=timedelta(seconds=getattr(settings, "MORGUE_SIGNIN_WINDOW", cls.window.total_seconds())),
        )


def _key(username: str) -> str:
    """Return what failures are counted under: the account typed for, else the normalised name."""
    from django.contrib.auth import get_user_model

    typed = (username or "").strip()
    if not typed:
        return ""
    User = get_user_model()
    user = User.objects.filter(username__iexact=typed).order_by("pk").only("pk").first()
    if user is None and "@" in typed:
        matches = list(User.objects.filter(email__iexact=typed).only("pk")[:2])
        user = matches[0] if len(matches) == 1 else None
    return f"account:{user.pk}" if user is not None else normalise_name(typed)


def normalise_name(typed: str) -> str:
    """Return a typed name as counted: lower-cased; an e-mail address without the dots and "+tag" of its local part."""
    name = typed.strip().lower()
    if name.count("@") == 1:
        local, domain = name.split("@")
        name = local.split("+", 1)[0].replace(".", "") + "@" + domain
    return name[:254]


def begin_attempt(username: str, ip: str | None, limits: SignInLimits | None = None, now=None) -> tuple[int, timedelta | None]:
    """Record a sign-in attempt before it is judged; return its row id and how long to wait if it is refused.

    A refused attempt's row is deleted again (it was never tried); one let
    through stays, as a failure, unless it succeeds (``clear_failures``).
    """
    limits = limits or SignInLimits.from_settings()
    now = now or timezone.now()
    SignInFailure.objects.filter(at__lte=now - limits.window).delete()
    row = SignInFailure.objects.create(username=_key(username), ip=ip, at=now)
    wait = retry_after(username, ip, limits, now, _exclude=row.pk)
    if wait is not None:
        SignInFailure.objects.filter(pk=row.pk).delete()
    return row.pk, wait


def retry_after(username: str, ip: str | None, limits: SignInLimits | None = None, now=None,
                _exclude: int | None = None) -> timedelta | None:
    """Return how long until this username and address may try again, or None if they may now."""
    limits = limits or SignInLimits.from_settings()
    now = now or timezone.now()
    since = now - limits.window
    waits = []
    checks = [({"username": _key(username)}, limits.per_username)]
    if ip:
        checks.append(({"ip": ip}, limits.per_ip))
    for lookup, allowed in checks:
        recent = SignInFailure.objects.filter(at__gt=since, **lookup).exclude(pk=_exclude).order_by("-at", "-pk")
        failures = list(recent.values_list("at", flat=True)[:allowed])
        if len(failures) >= allowed:
            # Free again when the oldest of the last `allowed` failures leaves the window.
            waits.append(failures[-1] + limits.window - now)
    return max(waits) if waits else None


def record_failure(username: str, ip: str | None, limits: SignInLimits | None = None, now=None) -> None:
    """Record one failed sign-in, and forget failures older than the window."""
    limits = limits or SignInLimits.from_settings()
    now = now or timezone.now()
    SignInFailure.objects.filter(at__lte=now - limits.window).delete()
    SignInFailure.objects.create(username=_key(username), ip=ip, at=now)


def clear_failures(username: str) -> None:
    """Forget a username's failures after it signs in successfully."""
    SignInFailure.objects.filter(username=_key(username)).delete()


def describe_wait(wait: timedelta) -> str:
    """Return a wait in plain words: "14 minutes", "1 minute", "30 seconds"."""
    seconds = max(1, math.ceil(wait.total_seconds()))
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"

