"""Sign-in rate limiting: a few failures per username, more per address, within a sliding window.

Failures are rows in the database (SignInFailure), so every web worker and
process sees the same counts without a shared cache server. The numbers come
from settings: MORGUE_SIGNIN_MAX_FAILURES per username and
MORGUE_SIGNIN_MAX_FAILURES_PER_IP per address, within MORGUE_SIGNIN_WINDOW
(15 minutes, as OWASP's authentication cheat sheet suggests for lockouts).
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
    return (username or "").strip().lower()[:254]


def retry_after(username: str, ip: str | None, limits: SignInLimits | None = None, now=None) -> timedelta | None:
    """Return how long until this username and address may try again, or None if they may now."""
    limits = limits or SignInLimits.from_settings()
    now = now or timezone.now()
    since = now - limits.window
    waits = []
    checks = [({"username": _key(username)}, limits.per_username)]
    if ip:
        checks.append(({"ip": ip}, limits.per_ip))
    for lookup, allowed in checks:
        recent = SignInFailure.objects.filter(at__gt=since, **lookup).order_by("-at")
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

