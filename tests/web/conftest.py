"""A small real archive for the site's tests: 13 ingested articles, searchable, with caching off."""

import pytest
from django.test import override_settings

from morgue.archive.ingest import IngestOptions, ingest
from morgue.archive.searching import catch_up, forget_readers

from ..archive.legacy import build_good_archive


@pytest.fixture
def archive(tmp_path, django_db_blocker):
    build_good_archive(tmp_path / "src")
    home = tmp_path / "home"
    # Caching is off so each test sees its own changes at once; test_caching turns it on.
    with override_settings(HOME=home, MORGUE_PAGE_CACHE_SECONDS=0, MORGUE_ARTICLE_CACHE_SECONDS=0):
        ingest([str(tmp_path / "src")], IngestOptions(home=home, workers=1))
        catch_up(home)
        yield home
    forget_readers()
