"""Faults of the machine, told in one line: a full or read-only disk, a home morgue may not write, a database locked or gone.

Pure (no Django import at module level): ``explain(exc)`` looks at an
exception and its causes and returns the one line a user needs — what
happened, where, and what to do — or None when the exception is not a fault
of the machine (then it is a bug, and the traceback is worth having).

Every message says that the next run finishes the job, because it does:
originals are written before the rows that refer to them and rows one batch
per transaction, so a fault leaves nothing half-written. No message ever
suggests deleting the archive, its originals or its index.
"""

from __future__ import annotations

import errno

RERUN = "then run the same command again: nothing was half-written, and it carries on where it stopped"


def explain(exc: BaseException) -> str | None:
    """Return a one-line explanation of a machine fault in ``exc`` (or its causes), else None."""
    for link in _chain(exc):
        message = _explain_one(link)
        if message:
            return message
    return None


def _chain(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _explain_one(exc: BaseException) -> str | None:
    if isinstance(exc, MemoryError):
        return ("morgue ran out of memory: give it more (or, for ingest, fewer --workers), or leave the largest "
                f"documents out with --max-size, {RERUN}")
    if isinstance(exc, OSError) and exc.errno is not None:
        return _explain_os_error(exc)
    if _is_database_error(exc):
        return _explain_database_error(exc)
    # Libraries in Rust or C (tantivy, zstd) report the system's error only in their message.
    text = str(exc).lower()
    if "no space left on device" in text or "os error 28" in text:
        return f"the disk is full ({str(exc)[:200]}): free some space, {RERUN}"
    if "read-only file system" in text or "os error 30" in text:
        return f"the filesystem is read-only ({str(exc)[:200]}): mount it writable or choose another home with --home, {RERUN}"
    return None


def _where(exc: OSError) -> str:
    return f" ({exc.filename})" if exc.filename else ""


def _explain_os_error(exc: OSError) -> str | None:
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk is full{_where(exc)}: free some space, {RERUN}"
    if code == errno.EROFS:
        return f"the filesystem is read-only{_where(exc)}: mount it writable or choose another home with --home, {RERUN}"
    if code in (errno.EACCES, errno.EPERM):
        return f"morgue may not write here{_where(exc)}: give this user write permission or choose another home with --home, {RERUN}"
    if code == errno.EADDRINUSE:
        return "that address and port are already in use (is morgue or another server running there?): choose another with --port"
    if code == errno.EADDRNOTAVAIL:
        return "this machine has no such address to listen on: choose another with --host (127.0.0.1, or 0.0.0.0 for every address)"
    if code == errno.EIO:
        return f"the disk reported an input/output error{_where(exc)}: check the disk (dmesg), {RERUN}"
    return None


def _is_database_error(exc: BaseException) -> bool:
    module = type(exc).__module__ or ""
    return type(exc).__name__ in ("OperationalError", "InterfaceError", "DatabaseError") and (
        module.startswith(("django.db", "sqlite3", "psycopg")) or module == "_sqlite3")


def _explain_database_error(exc: BaseException) -> str | None:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    low = text.lower()
    if "database is locked" in low or "database table is locked" in low:
        return ("the archive's database is locked by another program (another morgue command still running?): "
                f"wait for it to finish, {RERUN}")
    if "disk is full" in low or "no space left" in low or "disk i/o error" in low:
        return f"the disk holding the archive's database is full or failing ({text}): free some space, {RERUN}"
    if "readonly database" in low or "read-only" in low:
        return f"the archive's database cannot be written ({text}): check the home's permissions and filesystem, {RERUN}"
    if "file is not a database" in low or "malformed" in low:
        return (f"the archive's database is damaged ({text}): restore the archive from a backup with `morgue restore`, "
                "or rebuild it by ingesting its sources again into a new --home")
    if "no such table" in low:
        return (f"the archive's database is missing its tables ({text}): run `morgue init` on this home to bring them "
                "up to date")
    if "unable to open database file" in low:
        return f"the archive's database cannot be opened ({text}): check that the home exists and may be written, {RERUN}"
    if any(s in low for s in ("connection refused", "could not connect", "connection failed", "server closed the connection",
                              "connection is closed", "terminating connection", "could not translate host name",
                              "connection timed out", "the database system is", "no route to host")):
        return (f"the PostgreSQL server named by DATABASE_URL cannot be reached ({text}): start it or correct DATABASE_URL, "
                f"{RERUN}")
    if "password authentication failed" in low or ("role" in low and "does not exist" in low) or (
            "database" in low and "does not exist" in low):
        return f"PostgreSQL refused the connection ({text}): correct the user, password or database in DATABASE_URL"
    return None
