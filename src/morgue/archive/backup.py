"""`morgue backup` and `morgue restore`: a consistent copy of the archive, taken while it serves, that restores.

A backup folder holds:

- ``database.sqlite3`` (SQLite's online backup: one consistent snapshot,
  readers and writers go on) or ``database.pgdump`` (``pg_dump`` custom
  format, one repeatable-read snapshot);
- ``originals/``, the originals store's own layout, copied incrementally:
  originals are never rewritten, so a file already in the backup is skipped;
- ``home/``, the home's small files (the secret key, the audit's vocabulary);
- ``manifest.json``, written last: what the backup holds, with the
  SHA-256 of the database snapshot. A folder without it is not a backup.

Consistency comes from the order: the database is snapshotted first, and
the originals copied after it. Ingest writes an original's file before any
row refers to it, so every original the snapshot names is already on disk
when the copy starts. The search index and the page cache are derived and
are not copied: restore rebuilds the index from the restored database.

Every file is written to a temporary name and renamed into place, so a
backup killed at any moment leaves the previous complete backup (or
nothing) under the real names, and running it again finishes the job.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from morgue import __version__
from morgue.archive.store import OriginalsStore
from morgue.atomic import replacing, write_bytes
from morgue.errors import ConfigurationError
from morgue.home import originals_dir

MANIFEST = "manifest.json"
SQLITE_SNAPSHOT = "database.sqlite3"
POSTGRES_SNAPSHOT = "database.pgdump"
# Derived or bulky: rebuilt (the search index), thrown away (the cache) or the user's own sources (demo).
_NOT_HOME_FILES = {"morgue.sqlite3", "morgue.sqlite3-wal", "morgue.sqlite3-shm", "morgue.sqlite3-journal"}
_NOT_HOME_FOLDERS = {"originals", "search", "cache", "demo"}


@dataclass
class BackupSummary:
    """What one backup run wrote."""

    destination: str = ""
    database: str = ""  # "sqlite" or "postgres"
    database_bytes: int = 0
    originals: int = 0  # originals the backup holds after this run
    originals_copied: int = 0  # ... of which this run copied
    bytes_copied: int = 0
    home_files: int = 0
    articles: int = 0
    seconds: float = 0.0


def backup_archive(home: Path, destination: Path, progress: Callable[[int], None] | None = None) -> BackupSummary:
    """Write a consistent backup of the archive at ``home`` into ``destination``; return what was done."""
    from django.db import connection

    from morgue.archive.models import Article

    started = datetime.now(timezone.utc)
    destination = Path(destination).expanduser().resolve()
    home = Path(home).resolve()
    if destination == home or home in destination.parents:
        raise ConfigurationError(f"the backup {destination} would be inside the archive home {home}: choose a folder elsewhere "
                                 "(another disk is best)")
    destination.mkdir(parents=True, exist_ok=True)
    _remove_temporaries(destination)
    summary = BackupSummary(destination=str(destination))
    # 1. The database first: every original it names is on disk by now (originals are written before their rows).
    summary.articles = Article.objects.count()
    if connection.vendor == "sqlite":
        summary.database = "sqlite"
        snapshot = _snapshot_sqlite(Path(connection.settings_dict["NAME"]), destination)
    elif connection.vendor == "postgresql":
        summary.database = "postgres"
        snapshot = _snapshot_postgres(destination)
    else:
        raise ConfigurationError(f"backing up a {connection.vendor} database is not supported (SQLite and PostgreSQL are)")
    summary.database_bytes = snapshot.stat().st_size
    # 2. The originals, incrementally: content-addressed files are never rewritten.
    copied = OriginalsStore(originals_dir(home)).copy_missing_to(OriginalsStore(destination / "originals"), progress=progress)
    summary.originals_copied, summary.bytes_copied = copied
    summary.originals = sum(1 for _ in OriginalsStore(destination / "originals").iter_hashes())
    # 3. The home's small files.
    summary.home_files = _copy_home_files(home, destination / "home")
    summary.seconds = (datetime.now(timezone.utc) - started).total_seconds()
    # 4. The manifest, last: its presence says the backup is complete.
    manifest = {"format": 1, "morgue": __version__, "taken_at": started.isoformat(), "home": str(home),
                "database": summary.database, "snapshot": snapshot.name, "snapshot_sha256": _sha256(snapshot),
                "articles": summary.articles, "originals": summary.originals}
    write_bytes(destination / MANIFEST, json.dumps(manifest, indent=2).encode())
    return summary


def read_manifest(source: Path) -> dict:
    """Return a backup's manifest, checking the snapshot against it; raise ConfigurationError if it is no backup."""
    path = Path(source) / MANIFEST
    try:
        manifest = json.loads(path.read_text())
    except FileNotFoundError:
        raise ConfigurationError(f"{source} is not a complete morgue backup (no {MANIFEST}): name the folder "
                                 "`morgue backup` wrote, or run the backup again to finish it") from None
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"the backup's {path} cannot be read ({exc})") from exc
    snapshot = Path(source) / manifest.get("snapshot", "")
    if not snapshot.is_file() or _sha256(snapshot) != manifest.get("snapshot_sha256"):
        raise ConfigurationError(f"the database snapshot in {source} does not match its manifest (damaged or "
                                 "changed since the backup): restore from another backup")
    return manifest


@dataclass
class RestoreSummary:
    home: str = ""
    database: str = ""
    originals: int = 0
    home_files: int = 0
    taken_at: str = ""


def restore_files(source: Path, home: Path, database_url: str | None) -> RestoreSummary:
    """Put a backup's database and files in place for a new archive at ``home`` (before Django is set up).

    The home must hold no archive yet; with ``database_url`` (PostgreSQL) the
    database it names must hold no archive either. Nothing is overwritten.
    """
    source = Path(source).expanduser().resolve()
    home = Path(home).expanduser().resolve()
    manifest = read_manifest(source)
    if (home / "morgue.sqlite3").exists() or (home / "originals").exists():
        raise ConfigurationError(f"{home} already holds an archive: restore into a new --home (nothing there is overwritten)")
    home.mkdir(parents=True, exist_ok=True)
    summary = RestoreSummary(home=str(home), database=manifest["database"], taken_at=manifest.get("taken_at", ""))
    if manifest["database"] == "sqlite":
        if database_url:
            raise ConfigurationError("this backup holds a SQLite archive: unset DATABASE_URL to restore it "
                                     "(then move it to PostgreSQL as the README's 'PostgreSQL' section says)")
        _copy_atomically(source / SQLITE_SNAPSHOT, home / "morgue.sqlite3")
    elif manifest["database"] == "postgres":
        if not database_url:
            raise ConfigurationError("this backup holds a PostgreSQL archive: set DATABASE_URL to an empty database to restore it into")
        _restore_postgres(source / POSTGRES_SNAPSHOT, database_url)
    else:
        raise ConfigurationError(f"this backup holds a {manifest['database']!r} database, which this morgue cannot restore")
    copied, _ = OriginalsStore(source / "originals").copy_missing_to(OriginalsStore(originals_dir(home)))
    summary.originals = copied
    summary.home_files = _copy_home_files(source / "home", home) if (source / "home").is_dir() else 0
    return summary


def _snapshot_sqlite(database: Path, destination: Path) -> Path:
    final = destination / SQLITE_SNAPSHOT
    with replacing(final, suffix=".sqlite3") as tmp:
        source = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)  # all pages in one step: one consistent snapshot, writers are not blocked (WAL)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
            source.close()
    return final


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / name).is_file():
            return str(folder / name)
    raise ConfigurationError(f"{name} is needed to back up and restore a PostgreSQL archive: install the PostgreSQL "
                             "client tools (apt-get install postgresql-client)")


def _snapshot_postgres(destination: Path) -> Path:
    from morgue.archive.searching import database_conninfo

    final = destination / POSTGRES_SNAPSHOT
    with replacing(final, suffix=".pgdump") as tmp:
        done = subprocess.run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(tmp),
                               "--dbname", database_conninfo()], capture_output=True, text=True)
        if done.returncode != 0:
            raise ConfigurationError(f"pg_dump could not back up the database: {done.stderr.strip()[:300]}")
    return final


def _restore_postgres(snapshot: Path, database_url: str) -> None:
    import dj_database_url
    from psycopg.conninfo import make_conninfo

    config = dj_database_url.parse(database_url)
    conninfo = make_conninfo(dbname=config["NAME"], user=config.get("USER") or None, password=config.get("PASSWORD") or None,
                             host=config.get("HOST") or None, port=str(config["PORT"]) if config.get("PORT") else None)
    import psycopg

    with psycopg.connect(conninfo) as db:
        tables = db.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' "
                            "AND table_name = 'archive_article'").fetchone()[0]
    if tables:
        raise ConfigurationError(f"the database {config['NAME']} already holds an archive: restore into an empty database "
                                 "(createdb NAME), nothing there is overwritten")
    done = subprocess.run([_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                           "--dbname", conninfo, str(snapshot)], capture_output=True, text=True)
    if done.returncode != 0:
        raise ConfigurationError(f"pg_restore could not restore the database: {done.stderr.strip()[:300]}")


def _copy_home_files(source: Path, destination: Path) -> int:
    """Copy the small files of a home (not its database, originals, index or cache); return how many."""
    destination.mkdir(parents=True, exist_ok=True)
    copied = 0
    for path in sorted(source.iterdir()):
        if path.name in _NOT_HOME_FILES or path.name.startswith(".tmp-") or path.is_symlink():
            continue
        if path.is_file():
            _copy_atomically(path, destination / path.name)
            copied += 1
    return copied


def _copy_atomically(source: Path, final: Path) -> None:
    with replacing(final) as tmp:
        shutil.copyfile(source, tmp)
        shutil.copymode(source, tmp)


def _remove_temporaries(destination: Path) -> None:
    for path in [*destination.glob(".tmp-*"), *(destination / "home").glob(".tmp-*")]:
        path.unlink(missing_ok=True)
    OriginalsStore(destination / "originals").remove_leftover_temporaries()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
