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

    from ..archive.legacy import article_html

    src = tmp_path / "src"
    src.mkdir()
    for i in range(6):
        (src / f"clean-{i}.html").write_bytes(article_html(i))
    page = article_html(10).decode().replace('"We listened', "\u00e2\u20ac\u0153We listened")
    (src / "mojibake.html").write_bytes(page.encode())
    page = article_html(11).decode().replace("Mayor Alice Brandt told", "Mayor Alice Brandt &amp;amp; aides told")
    (src / "entities.html").write_bytes(page.encode())
    page = article_html(12).decode().replace("in the old town hall.</p>", "in the old town</p>")
    (src / "truncated.html").write_bytes(page.encode())
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
