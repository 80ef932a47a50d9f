"""Roles: a reader (any account), an editor (the "editors" group, or a superuser), an admin (staff and superuser)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from morgue.errors import MorgueError

EDITORS = "editors"


class AccountError(MorgueError):
    """An account cannot be created or changed as asked; the message says why."""


def is_editor(user) -> bool:
    """Return whether the user may use the editors' desk (remembered on the user object for the request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if not hasattr(user, "_morgue_is_editor"):
        user._morgue_is_editor = user.is_superuser or user.groups.filter(name=EDITORS).exists()
    return user._morgue_is_editor


def is_admin(user) -> bool:
    """Return whether the user may manage users and roles (Django admin)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_staff and user.is_superuser)


def role_of(user) -> str:
    """Return the user's highest role: "admin", "editor" or "reader"."""
    if is_admin(user):
        return "admin"
    return "editor" if is_editor(user) else "reader"


def create_account(username: str, password: str, *, email: str = "", editor: bool = False, admin: bool = False):
    """Create and return a user with the given role; raise AccountError if the name or e-mail is taken."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    User = get_user_model()
    username = username.strip()
    email = email.strip()
    if not username:
        raise AccountError("a user needs a name")
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(f"the user name {username!r} is taken")
    if email and User.objects.filter(email__iexact=email).exists():
        raise AccountError(f"the e-mail address {email!r} already has an account")
    try:
        validate_password(password, User(username=username, email=email))
    except ValidationError as exc:
        raise AccountError(" ".join(exc.messages)) from exc
    with transaction.atomic():
        user = User.objects.create_user(username=username, email=email, password=password,
                                        is_staff=admin, is_superuser=admin)
        if editor or admin:
            user.groups.add(Group.objects.get_or_create(name=EDITORS)[0])
    return user
