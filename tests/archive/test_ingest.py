"""Ingest on a real database (SQLite here; make test runs these again on PostgreSQL)."""

import hashlib

import pytest
from django.db import connection

from morgue.archive.ingest import IngestOptions, ingest
from morgue.archive.models import AppendOnlyError, Article, Original, Rejection, Revision, SourceLocation
from morgue.archive.revisions import append_revision
from morgue.archive.store import OriginalsStore
from morgue.archive.verify import verify_archive
from morgue.home import originals_dir
from morgue.read.options import ReadOptions

from .legacy import build_bad_archive, build_good_archive

pytestmark = [pytest.mark.django_db, pytest.mark.db_backends]


def run(home, paths, **kw):
    return ingest([str(p) for p in paths], IngestOptions(home=home, **kw))


def test_ingest_keeps_every_original_byte_for_byte(tmp_path):
    expected = build_good_archive(tmp_path / "src")
    summary = run(tmp_path / "home", [tmp_path / "src"], workers=2, batch_size=3)
    assert summary.rejected_total == 0, summary.rejected
    assert SourceLocation.objects.count() == expected["locations"]
    assert Original.objects.count() == expected["originals"]
    assert Article.objects.count() == expected["articles"]
    assert summary.same_bytes == 1
    store = OriginalsStore(originals_dir(tmp_path / "home"))
    # Every plain file's bytes come back exactly, under their SHA-256.
    for loc in SourceLocation.objects.filter(member="", offset=None).exclude(path__endswith=".zip"):
        data = open(loc.path, "rb").read()
        assert loc.original.sha256 == hashlib.sha256(data).hexdigest()
        assert store.get(loc.original.sha256) == data
    # The duplicated page is one original and one article found at two places.
    dup = Original.objects.get(sha256=hashlib.sha256((tmp_path / "src/site/copy-of-story-0.html").read_bytes()).hexdigest())
    assert dup.locations.count() == 2
    # Containers: the zip member and WARC record locations are precise.
    assert SourceLocation.objects.filter(member="pages/zipped-1.html").exists()
    warc = SourceLocation.objects.filter(path__endswith="crawl.warc.gz").order_by("offset")
    assert [l.url for l in warc] == ["http://valley.example/0", "http://valley.example/1"]
    assert warc[0].captured_at.year == 2010 and warc[1].offset > warc[0].offset
    # Revision 0 is what extraction produced, chained and hashed.
    for article in Article.objects.all():
        rev0 = article.revisions.get()
        assert rev0.number == 0 and rev0.kind == "extraction" and rev0.content_hash == rev0.compute_hash()
        assert rev0.headline == article.headline and rev0.body == article.body and article.body
    assert verify_archive(tmp_path / "home").ok


def test_extracted_fields_reach_the_archive(tmp_path):
    build_good_archive(tmp_path / "src")
    run(tmp_path / "home", [tmp_path / "src"], workers=1)
    page = Article.objects.get(original__locations__path__endswith="story-3.html")
    assert page.headline == "Dunmore bridge plan 3 approved"  # site name not glued on
    assert page.published.isoformat() == "2004-04-04"
    assert not any("All rights reserved" in p for p in page.body)
    exported = Article.objects.get(headline="Exported story 1")
    assert exported.section == "Business" and exported.published.isoformat() == "1999-03-02"


def test_reingest_adds_nothing(tmp_path):
    build_good_archive(tmp_path / "src")
    first = run(tmp_path / "home", [tmp_path / "src"], workers=1)
    counts = (Original.objects.count(), SourceLocation.objects.count(), Article.objects.count(), Revision.objects.count())
    second = run(tmp_path / "home", [tmp_path / "src"], workers=1)
    assert first.new_articles > 0 and second.new_articles == 0 and second.new_originals == 0
    assert second.skipped == first.documents
    assert counts == (Original.objects.count(), SourceLocation.objects.count(), Article.objects.count(), Revision.objects.count())


def test_bad_input_is_recorded_and_the_run_goes_on(tmp_path):
    build_good_archive(tmp_path / "good")
    run(tmp_path / "home", [tmp_path / "good"], workers=1)
    before = {a.pk: (a.headline, tuple(a.body)) for a in Article.objects.all()}
    expected = build_bad_archive(tmp_path / "bad")
    (tmp_path / "bad" / "big.html").write_bytes(b"<html><body><p>" + b"long text " * 20000 + b"</p></body></html>")
    expected["big.html"] = "too-large"
    missing = tmp_path / "does-not-exist"
    summary = run(tmp_path / "home", [tmp_path / "bad", missing, tmp_path / "good"], workers=2,
                  read=ReadOptions(max_document_bytes=100_000, max_container_member_bytes=1 << 20))
    reasons = {r.path.rsplit("/", 1)[-1]: r.reason for r in Rejection.objects.all()}
    for name, reason in expected.items():
        assert reasons.get(name) == reason, (name, reasons)
    assert reasons.get("does-not-exist") == "not-found"
    assert summary.rejected_total >= len(expected) + 1
    # Nothing already ingested was touched, and the good sources were all skipped as known.
    assert {a.pk: (a.headline, tuple(a.body)) for a in Article.objects.all()} == before
    # A document rejected by extraction still keeps its bytes: nothing is lost.
    no_text = Rejection.objects.get(reason="no-text")
    assert no_text.original is not None
    assert OriginalsStore(originals_dir(tmp_path / "home")).get(no_text.original.sha256) == (tmp_path / "bad/no-text.html").read_bytes()
    assert verify_archive(tmp_path / "home").ok


def test_undeclared_windows_1252_text_is_read_right(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    page = ("<html><head><title>Caf\u00e9 owners \u2018delighted\u2019 by new square</title></head><body><article>"
            "<h1>Caf\u00e9 owners \u2018delighted\u2019 by new square</h1>"
            + "".join(f"<p>The caf\u00e9 on the corner of the new square reopened this week, and its owners say trade is up by a third since the market moved in number {i}.</p>" for i in range(4))
            + "</article></body></html>").encode("cp1252")
    (src / "cafe.html").write_bytes(page)
    run(tmp_path / "home", [src], workers=1)
    article = Article.objects.get()
    assert "caf\u00e9" in article.body[0]
    assert "\u00e2\u20ac" not in " ".join(article.body)  # no mojibake introduced


def test_verify_finds_altered_originals_and_revisions(tmp_path):
    build_good_archive(tmp_path / "src", n_html=3)
    run(tmp_path / "home", [tmp_path / "src"], workers=1)
    assert verify_archive(tmp_path / "home").ok
    store = OriginalsStore(originals_dir(tmp_path / "home"))
    victim = Original.objects.order_by("pk").first()
    store.path_for(victim.sha256).write_bytes(store.path_for(Original.objects.order_by("pk").last().sha256).read_bytes())
    article = Article.objects.order_by("pk").last()
    # Tampering below the model layer, as a careless script would.
    Revision.objects.filter(article=article, number=0).update(headline="Rewritten in place")
    report = verify_archive(tmp_path / "home")
    messages = [str(p) for p in report.problems]
    assert any(victim.sha256 in m and "SHA-256" in m for m in messages)
    assert any("altered" in m for m in messages)
    assert not report.ok
    quick = verify_archive(tmp_path / "home", rehash=False)
    assert not any(victim.sha256 in str(p) for p in quick.problems)  # quick mode only checks presence


def test_revisions_append_and_chain(tmp_path):
    build_good_archive(tmp_path / "src", n_html=1)
    run(tmp_path / "home", [tmp_path / "src"], workers=1)
    article = Article.objects.order_by("pk").first()
    original_headline = article.headline
    rev = append_revision(article, Revision.CORRECTION, {"headline": "Corrected headline"}, reason="typo", public_note="We fixed the headline.")
    assert rev.number == 1 and rev.previous_hash == article.revisions.get(number=0).content_hash
    article.refresh_from_db()
    assert article.headline == "Corrected headline" and article.revision_count == 2
    assert article.revisions.get(number=0).headline == original_headline  # revision 0 stays
    with pytest.raises(AppendOnlyError):
        rev.save()
    with pytest.raises(AppendOnlyError):
        rev.delete()
    assert verify_archive(tmp_path / "home").ok
    # Removing the newest revision behind the model's back breaks the chain visibly.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM archive_revision WHERE id = %s", [rev.pk])
    assert any("different from its newest" in str(p) or "records 2" in str(p) for p in verify_archive(tmp_path / "home").problems)
