"""Starting the embedded Django project from the command line or a script."""

from __future__ import annotations

import os
from pathlib import Path

from morgue.errors import ConfigurationError

_ready = False


def setup(home: str | Path | None = None, *, migrate: bool = True) -> Path:
    """Configure Django for the archive at ``home`` (or MORGUE_HOME), create/upgrade its database; return the home."""
    global _ready
    if home is not None:
        os.environ["MORGUE_HOME"] = str(Path(home).expanduser().resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "morgue.settings")
    import django
    from django.conf import settings

    if not _ready:
        try:
            settings.HOME.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigurationError(f"cannot create the archive home {settings.HOME}: {exc}. Choose another with --home or MORGUE_HOME.") from exc
        django.setup()
        _ready = True
    if migrate:
        migrate_database()
    return settings.HOME


def migrate_database() -> None:
    """Bring the database's tables up to date (quietly; a no-op when they are)."""
    from django.core.management import call_command
    from django.db import OperationalError

    try:
        call_command("migrate", interactive=False, verbosity=0)
    except OperationalError as exc:
        raise ConfigurationError(f"cannot open the database: {exc}. Check DATABASE_URL (or unset it to use SQLite in the archive home).") from exc
