"""The first reading site: home, section, article, original, on a real database."""

import pytest
from django.test import override_settings

from morgue.archive.ingest import IngestOptions, ingest
from morgue.archive.models import Article, Revision
from morgue.archive.revisions import append_revision

from ..archive.legacy import build_good_archive

pytestmark = [pytest.mark.django_db, pytest.mark.db_backends]


@pytest.fixture
def archive(tmp_path):
    build_good_archive(tmp_path / "src")
    ingest([str(tmp_path / "src")], IngestOptions(home=tmp_path / "home", workers=1))
    with override_settings(HOME=tmp_path / "home"):
        yield tmp_path / "home"


def test_home_lists_sections_and_recent(client, archive):
    page = client.get("/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "News" in html and "Business" in html
    assert "13 articles" in html
    assert Article.objects.order_by("-created_at", "-pk").first().headline in html


def test_article_section_and_original(client, archive):
    article = Article.objects.filter(section="News").order_by("pk").first()
    page = client.get(f"/article/{article.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert article.headline in html and article.body[0][:40] in html
    assert client.get("/section/news/").status_code == 200
    assert client.get("/section/No-such-section/").status_code == 404
    original = client.get(f"/article/{article.pk}/original")
    assert original.status_code == 200
    source = article.original.locations.first()
    if not source.member and source.offset is None:
        assert original.content == open(source.path, "rb").read()


def test_archive_text_is_escaped_and_withdrawn_articles_hidden(client, archive):
    article = Article.objects.order_by("pk").first()
    append_revision(article, Revision.CORRECTION, {"body": ["<script>alert('x')</script> stays text"]}, reason="test")
    html = client.get(f"/article/{article.pk}/").content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    append_revision(article, Revision.WITHDRAWAL, {"withdrawn": True}, reason="legal")
    assert client.get(f"/article/{article.pk}/").status_code == 410
    assert client.get("/").status_code == 200
