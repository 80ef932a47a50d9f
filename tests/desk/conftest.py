"""Shared set-up for these tests; quick Argon2 hashing comes from tests/hashing.py."""

import pytest

from tests.hashing import quick_password_hashing  # noqa: F401 - autouse fixture


@pytest.fixture
def archive(tmp_path):
    """A small archive with transfer damage (mojibake, an entity, a cut-off ending), audited."""
    from datetime import date

    from django.test import override_settings

    from morgue.archive.audit import audit_archive
    from morgue.archive.ingest import IngestOptions, ingest

    from ..archive.legacy import build_damaged_archive

    src = tmp_path / "src"
    build_damaged_archive(src)
    home = tmp_path / "home"
    ingest([str(src)], IngestOptions(home=home, workers=1))
    audit_archive(today=date(2026, 1, 1))
    with override_settings(HOME=home):
        yield home


@pytest.fixture
def people(db):
    """A reader, an editor and an admin."""
    from morgue.accounts.roles import create_account

    return {
        "reader": create_account("rita", "reader-password-1"),
        "editor": create_account("ed", "editor-password-1", editor=True),
        "admin": create_account("ada", "admin-password-1", admin=True),
    }
