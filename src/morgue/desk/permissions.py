"""Who may use the desk: editors only. Anyone signed out is sent to sign in; a reader is refused (403)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from morgue.accounts.roles import is_editor


def editor_required(view):
    """Wrap a view so it runs for editors only; checked before anything is read or written, for GET and POST alike."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_editor(request.user):
            raise PermissionDenied("The editors' desk is for editors.")
        return view(request, *args, **kwargs)

    return wrapped
