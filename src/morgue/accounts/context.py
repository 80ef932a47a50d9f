"""Template context: the signed-in user's role, for the account navigation."""

from __future__ import annotations

from morgue.accounts.roles import is_admin, is_editor


def roles(request) -> dict:
    """Return ``is_editor`` and ``is_admin`` for the current user (lazily: only pages that ask pay for it)."""
    user = getattr(request, "user", None)
    return {"is_editor": lambda: is_editor(user), "is_admin": lambda: is_admin(user)}
