"""Fresh, throw-away databases for tests that run `morgue` in a child process."""

from __future__ import annotations

import contextlib
import os
import uuid

import dj_database_url


@contextlib.contextmanager
def scratch_database_url():
    """Yield a DATABASE_URL for a new empty database on the server under test, or None for SQLite.

    Under the PostgreSQL run (DATABASE_URL names a server) a new database is
    created and dropped afterwards; otherwise the child uses SQLite in its home.
    """
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield None
        return
    import psycopg

    cfg = dj_database_url.parse(url)
    name = f"morgue_scratch_{uuid.uuid4().hex[:12]}"
    admin = psycopg.connect(host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], password=cfg["PASSWORD"], dbname=cfg["NAME"], autocommit=True)
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        base = url.rsplit("/", 1)[0]
        yield f"{base}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
