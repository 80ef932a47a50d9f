"""Starting the embedded Django project from the command line or a script."""

from __future__ import annotations

import os
from pathlib import Path

from morgue.errors import ConfigurationError
from morgue.home import archive_home

_ready = False


def setup(home: str | Path | None = None, *, migrate: bool = True, existing: bool = False) -> Path:
    """Configure Django for the archive at ``home`` (or MORGUE_HOME), create/upgrade its database; return the home.

    With ``existing``, a home that is not there is an error rather than a new
    empty archive (a mistyped --home must not answer with empty tables).
    """
    global _ready
    if home is not None:
        os.environ["MORGUE_HOME"] = str(Path(home).expanduser().resolve())
    if existing and not _ready:
        require_archive(archive_home())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "morgue.settings")
    import django
    from django.conf import settings

    if not _ready:
        from django.core.exceptions import ImproperlyConfigured

        try:
            home_dir = settings.HOME  # reading the settings checks DATABASE_URL and the MORGUE_ variables
        except ImproperlyConfigured as exc:
            raise ConfigurationError(str(exc)) from exc
        try:
            home_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigurationError(f"cannot create the archive home {settings.HOME}: {exc}. Choose another with --home or MORGUE_HOME.") from exc
        django.setup()
        _ready = True
    if migrate:
        migrate_database()
    return settings.HOME


def require_archive(home: Path) -> None:
    """Raise ConfigurationError unless ``home`` holds an archive (its SQLite database, or DATABASE_URL names one)."""
    if not home.is_dir():
        raise ConfigurationError(f"there is no archive at {home}: name it with --home or MORGUE_HOME, "
                                 "or make one there with `morgue ingest PATH` or `morgue demo`")
    if not os.environ.get("DATABASE_URL") and not (home / "morgue.sqlite3").is_file():
        raise ConfigurationError(f"{home} holds no archive (no morgue.sqlite3): name the right one with --home, "
                                 "or make one there with `morgue ingest PATH` or `morgue demo`")


def read_only_if_disk_full(home: Path) -> str | None:
    """If the archive's SQLite database cannot be opened because its disk is full, open it read-only from now on.

    Returns the reason (for a warning) when it did, else None. SQLite needs to
    write a small shared-memory file to open a WAL database; on a full disk it
    cannot, and the site could not even read. Call before ``setup``.
    """
    import shutil
    import sqlite3

    from morgue.faults import explain

    database = home / "morgue.sqlite3"
    if os.environ.get("DATABASE_URL") or not database.is_file():
        return None
    try:
        connection = sqlite3.connect(database, timeout=5)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
        return None
    except sqlite3.OperationalError as exc:
        if shutil.disk_usage(home).free > 1 << 20:
            return None  # not the disk: the normal start reports it
        os.environ["MORGUE_DATABASE_READ_ONLY"] = "1"
        return explain(exc) or str(exc)


def migrate_database() -> None:
    """Bring the database's tables up to date (quietly; a no-op when they are)."""
    from django.core.management import call_command
    from django.db import OperationalError

    check_known_migrations()
    try:
        call_command("migrate", interactive=False, verbosity=0)
    except OperationalError as exc:
        from morgue.faults import explain

        fault = explain(exc)
        if fault:
            raise ConfigurationError(fault) from exc
        raise ConfigurationError(f"cannot open the database: {exc}. Check DATABASE_URL (or unset it to use SQLite in the archive home).") from exc


def check_known_migrations() -> None:
    """Raise ConfigurationError if the database records migrations this morgue does not have (a newer morgue made it)."""
    from django.db import DatabaseError, connection
    from django.db.migrations.loader import MigrationLoader

    try:
        loader = MigrationLoader(connection, ignore_no_migrations=True)
    except DatabaseError:
        return  # the database cannot be read: migrate reports why
    ours = {"archive", "web", "accounts", "desk"}
    unknown = sorted(f"{app}.{name}" for app, name in loader.applied_migrations if app in ours and (app, name) not in loader.disk_migrations)
    if unknown:
        from morgue import __version__

        raise ConfigurationError(f"this archive's database was brought up to a newer morgue than this one ({__version__}; it does not know "
                                 f"{', '.join(unknown[:3])}): run it with the morgue that made it (or a later one), or restore a backup made by this version")

