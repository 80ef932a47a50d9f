"""The archive feeds the PostgreSQL search index in its own database: catch_up, reindex, search_archive."""

import pytest
from django.test import override_settings

from morgue.archive.ingest import IngestOptions, ingest
from morgue.archive.models import Article, Revision
from morgue.archive.revisions import append_revision
from morgue.archive.searching import catch_up, forget_readers, index_path, reindex, search_archive
from morgue.search.backends.postgres import PostgresLocation

from ..archive.legacy import build_good_archive
from .conftest import needs_postgres

pytestmark = [needs_postgres, pytest.mark.db_backends]


@pytest.fixture
def archive(tmp_path, monkeypatch):
    monkeypatch.setenv("MORGUE_SEARCH_BACKEND", "postgres")
    home = tmp_path / "home"
    with override_settings(HOME=home):
        yield home
    forget_readers()  # its connections, or the test database could not be dropped


@pytest.mark.django_db(transaction=True)
def test_the_outbox_feeds_the_index_in_the_database(archive, tmp_path):
    location = index_path(archive)
    assert isinstance(location, PostgresLocation)
    build_good_archive(tmp_path / "src")
    ingest([str(tmp_path / "src")], IngestOptions(home=archive, workers=1))
    reindex(archive)  # tables left by an earlier test of this database start empty
    live = Article.objects.filter(withdrawn=False).count()
    assert search_archive("Dunmore bridge", home=archive).total >= 1
    article = Article.objects.get(headline="Dunmore bridge plan 3 approved")
    append_revision(article, Revision.CORRECTION, {"headline": "Dunmore viaduct plan 3 approved"}, reason="wrong word")
    assert catch_up(archive) == 1
    assert [h.id for h in search_archive("headline:viaduct", home=archive).hits] == [article.pk]
    append_revision(article, Revision.WITHDRAWAL, {"withdrawn": True}, reason="legal")
    catch_up(archive)
    assert search_archive("viaduct", home=archive).total == 0
    assert reindex(archive, progress=lambda n: None) == live - 1
    assert search_archive("viaduct", home=archive).total == 0
    assert catch_up(archive) == 0
    assert not (archive / "search").exists()  # nothing on this machine's disk
