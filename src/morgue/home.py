"""Where the archive lives on disk: its home folder and what is inside it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

DEFAULT_HOME = "morgue-archive"


def archive_home() -> Path:
    """Return the archive home from ``MORGUE_HOME`` (default ``./morgue-archive``), absolute."""
    return Path(os.environ.get("MORGUE_HOME") or DEFAULT_HOME).expanduser().resolve()


def originals_dir(home: Path) -> Path:
    """Return the folder of the content-addressed originals store."""
    return home / "originals"


def secret_key(home: Path) -> str:
    """Return the site's secret key: from ``MORGUE_SECRET_KEY``, else one kept in the home.

    The key is made once per archive home and kept in ``home/secret_key`` so
    sessions survive restarts; a home that cannot be written falls back to a
    per-process key (sign-ins then last only as long as the process).
    """
    if os.environ.get("MORGUE_SECRET_KEY"):
        return os.environ["MORGUE_SECRET_KEY"]
    path = home / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(50)
    try:
        home.mkdir(parents=True, exist_ok=True)
        path.write_text(key)
        path.chmod(0o600)
    except OSError:
        pass
    return key
