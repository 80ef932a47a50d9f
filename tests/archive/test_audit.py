"""The audit over a real archive: defects stored, safe fixes as revisions, filters (SQLite and PostgreSQL)."""

from datetime import date

import pytest

from morgue.archive.audit import audit_archive, audit_report, open_defects, url_date
from morgue.archive.ingest import IngestOptions, ingest
from morgue.archive.models import Article, ArchiveDefect, Defect, Revision
from morgue.archive.revisions import append_revision
from morgue.archive.verify import verify_archive

from .legacy import build_damaged_archive

pytestmark = [pytest.mark.django_db, pytest.mark.db_backends]


@pytest.fixture
def archive(tmp_path):
    src = tmp_path / "src"
    build_damaged_archive(src)
    home = tmp_path / "home"
    ingest([str(src)], IngestOptions(home=home, workers=1))
    return home


def article_from(name: str) -> Article:
    return Article.objects.get(original__locations__path__endswith=name)


def test_audit_stores_defects_with_spans(archive):
    summary = audit_archive(today=date(2026, 1, 1))
    assert summary.audited == Article.objects.count() == 9
    mojibake = Defect.objects.get(article=article_from("mojibake.html"), kind="mojibake")
    assert "\u00e2\u20ac" in mojibake.excerpt and mojibake.status == "open" and mojibake.suggestion
    assert Defect.objects.filter(article=article_from("entities.html"), kind="leftover-markup").exists()
    assert Defect.objects.filter(article=article_from("truncated.html"), kind="truncation").exists()
    # Clean pages raise no mechanical alarms.
    clean = Defect.objects.filter(article__original__locations__path__contains="clean-").exclude(severity="info")
    assert not clean.filter(kind__in=["mojibake", "leftover-markup", "truncation", "duplicated-content", "chrome-in-body"]).exists()
    # Running again audits nothing new and doubles nothing.
    before = Defect.objects.count()
    assert audit_archive().audited == 0
    assert Defect.objects.count() == before


def test_fix_safe_appends_revisions_and_leaves_the_rest(archive):
    audit_archive()
    target = article_from("mojibake.html")
    rev0_body = list(target.revisions.get(number=0).body)
    summary = audit_archive(fix_safe=True)
    assert summary.fixed_articles == 2  # mojibake and entities; truncation waits for an editor
    target.refresh_from_db()
    fix = target.revisions.get(number=1)
    assert fix.kind == Revision.FIX and "mojibake" in fix.reason and fix.public_note
    assert "\u201cWe listened" in " ".join(target.body) and "\u00e2\u20ac" not in " ".join(target.body)
    assert target.revisions.get(number=0).body == rev0_body  # revision 0 untouched
    assert Defect.objects.filter(article=target, kind="mojibake", status="fixed", resolved_by=fix).exists()
    assert not Defect.objects.filter(article=target, kind="mojibake", status="open").exists()
    assert Defect.objects.filter(article=article_from("truncated.html"), kind="truncation", status="open").exists()
    assert verify_archive(archive).ok


def test_changed_articles_are_audited_again_and_report_filters(archive):
    audit_archive()
    article = article_from("clean-1.html")
    append_revision(article, Revision.CORRECTION, {"body": [*article.body, "A new paragraph that stops in the"]}, reason="test")
    assert audit_archive().audited == 1
    assert Defect.objects.filter(article=article, kind="truncation", status="open").exists()
    report = audit_report(kinds=["truncation"])
    assert {row["kind"] for row in report["by_kind"]} == {"truncation"}
    assert report["articles_affected"] == 2
    assert audit_report(section="No such section")["open_defects"] == 0
    assert open_defects(kinds=["mojibake"]).count() >= 1


def test_archive_level_same_url_two_articles(archive):
    first, second = Article.objects.order_by("pk")[:2]
    Article.objects.filter(pk__in=[first.pk, second.pk]).update(url="https://paper.example/story")
    audit_archive(rescan=True)
    finding = ArchiveDefect.objects.get(kind="same-url-different-articles")
    assert "paper.example/story" in finding.subject


def test_url_date():
    assert url_date("https://x.example/2004/03/05/story.html") == date(2004, 3, 5)
    assert url_date("https://x.example/2004/03/story.html") is None
    assert url_date("https://x.example/2004/13/45/story.html") is None


def test_a_dismissed_defect_is_not_raised_again(archive):
    audit_archive()
    defect = Defect.objects.filter(article=article_from("truncated.html"), kind="truncation").get()
    Defect.objects.filter(pk=defect.pk).update(status="dismissed", resolution_note="the story really ends so")
    audit_archive(rescan=True)
    assert not Defect.objects.filter(article=defect.article, kind="truncation", status="open").exists()
    assert Defect.objects.filter(article=defect.article, kind="truncation", status="dismissed").count() == 1


def test_an_article_whose_checks_run_past_their_budget_is_recorded_and_not_checked_every_run(archive, monkeypatch):
    from morgue.archive import audit_workers

    article = article_from("clean-1.html")
    # The budget is made tiny (rather than the article huge) so the test is quick: ~1 ms of a ~100 ms check.
    append_revision(article, Revision.CORRECTION, {"body": [*article.body, *["A long honest paragraph of prose."] * 2000]},
                    reason="test")
    monkeypatch.setattr(audit_workers, "DEFAULT_DOC_SECONDS", 0.001)
    summary = audit_archive()
    assert summary.audited == Article.objects.count() and summary.failed == 0
    finding = Defect.objects.get(article=article, kind="checks-too-slow", status="open")
    assert finding.severity == "info" and "not fully checked" in finding.explanation
    # The next run does not spend the budget on it again; --rescan does.
    assert audit_archive().audited == 0
    monkeypatch.setattr(audit_workers, "DEFAULT_DOC_SECONDS", 60)
    audit_archive(rescan=True)
    assert not Defect.objects.filter(article=article, kind="checks-too-slow", status="open").exists()
