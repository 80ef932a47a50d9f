"""The audit at scale: a kept vocabulary and a process pool find exactly the defects a fresh, single-process run finds."""

import gzip
import json
from datetime import date

import pytest
from django.db.models import Min

from morgue.archive.audit import AuditOptions, audit_archive, record_of, url_date
from morgue.archive.audit_vocabulary import LEARNED, REUSED, UPDATED, keep_vocabulary, learn_vocabulary, vocabulary_path
from morgue.archive.ingest import IngestOptions, ingest
from morgue.archive.models import Article, Defect, Revision
from morgue.archive.revisions import append_revision
from morgue.audit import AuditContext, find_defects
from morgue.demo.generate import DemoOptions, generate_demo

from .legacy import article_html

pytestmark = [pytest.mark.django_db, pytest.mark.db_backends]

TODAY = date(2026, 1, 1)
FIELDS = ("article_id", "revision_number", "kind", "severity", "field", "paragraph", "start", "end",
          "explanation", "excerpt", "suggestion", "status")


@pytest.fixture
def home(tmp_path):
    """An archive of 150 invented articles with the demo's transfer damage (misspellings included)."""
    generate_demo(tmp_path / "demo", DemoOptions(articles=150, seed=5))
    # The demo damages no spelling: a few pages of another paper with slips a transfer makes.
    typos = tmp_path / "typos"
    typos.mkdir()
    for i in range(6):
        page = article_html(300 + i).decode()
        # One slip per page: a spelling in three articles would be the archive's own.
        page = page.replace(*[("published in full", "pubilshed in full"), ("promised to raise", "promised to riase"), ("", "")][i % 3])
        (typos / f"page-{i}.html").write_text(page)
    home = tmp_path / "home"
    ingest([str(tmp_path / "demo" / "sources"), str(typos)], IngestOptions(home=home, workers=1))
    return home


def defect_rows():
    return sorted(Defect.objects.values_list(*FIELDS))


def audit(home, **options):
    return audit_archive(AuditOptions(home=home, today=TODAY, **options))


def expected_by_hand():
    """Return the open defects as the single-process audit of 070ba97 found them: a fresh vocabulary, one article at a time."""
    vocabulary = learn_vocabulary()
    found = set()
    for article in Article.objects.order_by("pk"):
        captured = article.original.locations.aggregate(first=Min("captured_at"))["first"]
        context = AuditContext(vocabulary=vocabulary, captured_at=captured, url_date=url_date(article.url), today=TODAY)
        found |= {(article.pk, d.kind, d.field, d.paragraph, d.start, d.end, d.suggestion) for d in find_defects(record_of(article), context)}
    return found


def test_one_or_two_workers_fresh_or_kept_vocabulary_same_defects(home):
    first = audit(home, workers=1)
    assert first.vocabulary == LEARNED and "no vocabulary kept yet" in first.vocabulary_reason
    assert vocabulary_path(home).exists()
    assert first.audited == Article.objects.count() >= 140 and first.failed == 0
    rows = defect_rows()
    # The archive really has defects of several kinds, misspellings among them (the vocabulary matters).
    kinds = {row[2] for row in rows}
    assert {"misspelling", "mojibake", "truncation"} <= kinds, kinds
    assert {(r[0], r[2], r[4], r[5], r[6], r[7], r[10]) for r in rows} == expected_by_hand()

    second = audit(home, workers=2, rescan=True)
    assert second.vocabulary == REUSED and second.audited == first.audited and second.failed == 0
    assert defect_rows() == rows
    assert second.by_kind == first.by_kind

    seen = []
    third = audit_archive(AuditOptions(home=home, today=TODAY, workers=2, rescan=True, relearn=True, batch_size=7),  # many small batches in flight
                          progress=lambda s: seen.append((s.audited + s.failed, s.to_audit)))
    assert third.vocabulary == LEARNED and third.vocabulary_reason == "relearning as asked"
    assert defect_rows() == rows
    assert len(seen) == -(-third.to_audit // 7) and seen[-1] == (third.audited, third.to_audit) and seen == sorted(seen)


def test_the_kept_vocabulary_is_updated_with_what_changed_and_equals_a_fresh_one(home, tmp_path):
    audit(home, workers=1)
    # Revise three articles (words added and removed) and ingest two new ones.
    for article in Article.objects.order_by("pk")[:3]:
        append_revision(article, Revision.CORRECTION, {"body": [*article.body[1:], "Councillor Okafor's zorbling plan, said Peskov."]}, reason="test")
    extra = tmp_path / "extra"
    extra.mkdir()
    for i in range(2):
        (extra / f"new-{i}.html").write_bytes(article_html(900 + i))
    ingest([str(extra)], IngestOptions(home=home, workers=1))

    kept = keep_vocabulary(home)
    assert kept.how == UPDATED and kept.changed_articles == 5 and kept.kept
    assert kept.vocabulary.to_dict() == learn_vocabulary().to_dict()
    assert kept.vocabulary.count("zorbling") == 3 and kept.vocabulary.articles == Article.objects.count()
    assert keep_vocabulary(home).how == REUSED  # the update was written back

    updated = audit(home, workers=2, rescan=True)
    assert updated.vocabulary == REUSED
    rows = defect_rows()
    relearned = audit(home, workers=1, rescan=True, relearn=True)
    assert relearned.vocabulary == LEARNED and defect_rows() == rows
    assert {(r[0], r[2], r[4], r[5], r[6], r[7], r[10]) for r in rows if r[11] == "open"} == expected_by_hand()


def test_many_changes_relearn_rather_than_update(home):
    keep_vocabulary(home)
    for article in Article.objects.order_by("pk")[:60]:
        append_revision(article, Revision.CORRECTION, {"headline": article.headline + " (corrected)"}, reason="test")
    kept = keep_vocabulary(home)
    assert kept.how == LEARNED and "60 of" in kept.reason and kept.kept
    assert kept.vocabulary.to_dict() == learn_vocabulary().to_dict()


@pytest.mark.parametrize("damage", [
    pytest.param(lambda path: path.write_bytes(b"not gzip at all"), id="garbage"),
    pytest.param(lambda path: path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2]), id="truncated"),
    pytest.param(lambda path: path.write_bytes(gzip.compress(b"{\"format\": 1, \"learned_from\": ")), id="bad-json"),
    pytest.param(lambda path: path.write_bytes(gzip.compress(json.dumps({"format": 99}).encode())), id="other-format"),
    pytest.param(lambda path: path.write_bytes(gzip.compress(json.dumps({"format": 1, "learned_from": {"newest_revision": 1}}).encode())), id="incomplete"),
    pytest.param(lambda path: _edit(path, lambda d: d["vocabulary"]["words"].update({"the": "many"})), id="wrong-type"),
])
def test_a_damaged_vocabulary_file_is_relearned_never_fatal(home, damage):
    audit(home, workers=1)
    rows = defect_rows()
    damage(vocabulary_path(home))
    summary = audit(home, workers=2, rescan=True)
    assert summary.vocabulary == LEARNED and "could not be used" in summary.vocabulary_reason
    assert defect_rows() == rows
    assert keep_vocabulary(home).how == REUSED  # rewritten whole


def test_a_vocabulary_from_another_database_is_relearned(home):
    keep_vocabulary(home)
    _edit(vocabulary_path(home), lambda d: d["learned_from"].update(newest_hash="0" * 64))
    kept = keep_vocabulary(home)
    assert kept.how == LEARNED and "other revisions" in kept.reason
    _edit(vocabulary_path(home), lambda d: d["learned_from"].update(revisions=d["learned_from"]["revisions"] - 1))
    kept = keep_vocabulary(home)
    assert kept.how == LEARNED and "out of order" in kept.reason


def test_an_article_added_outside_revisions_is_noticed(home):
    keep_vocabulary(home)
    # A revision-less article (as a raw INSERT would leave): the kept counts no longer add up.
    article = Article.objects.order_by("pk").last()
    _edit(vocabulary_path(home), lambda d: d["vocabulary"].update(articles=d["vocabulary"]["articles"] - 1))
    append_revision(article, Revision.CORRECTION, {"headline": "Changed"}, reason="test")
    kept = keep_vocabulary(home)
    assert kept.how == LEARNED and "outside revisions" in kept.reason


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_whose_check_raises_is_counted_and_the_run_goes_on(home, workers):
    broken = Article.objects.order_by("pk")[10]
    # A paragraph that is not text, as a damaged row might hold: the checks cannot read it.
    Article.objects.filter(pk=broken.pk).update(body=[*broken.body, 42])
    summary = audit(home, workers=workers)
    assert summary.failed == 1 and [pk for pk, _ in summary.failures] == [broken.pk]
    assert "TypeError" in summary.failures[0][1]
    assert summary.audited == Article.objects.count() - 1
    broken.refresh_from_db()
    assert broken.audited_revision is None and not Defect.objects.filter(article=broken).exists()
    # Mended, it is audited by the next run, and only it.
    Article.objects.filter(pk=broken.pk).update(body=broken.body[:-1])
    again = audit(home, workers=workers)
    assert again.failed == 0 and again.audited == 1


def test_fix_safe_through_the_pool_matches_one_process(home, tmp_path):
    audit(home, workers=2, fix_safe=True)
    fixed = sorted(Revision.objects.filter(kind=Revision.FIX).values_list("article_id", "number", "body"))
    assert fixed, "the demo's mojibake and entities should be fixed"
    rows = defect_rows()
    # A second run has nothing left to fix and changes nothing.
    again = audit(home, workers=2, fix_safe=True)
    assert again.fixed_articles == 0 and again.audited == 0 and defect_rows() == rows


def _edit(path, change):
    data = json.loads(gzip.decompress(path.read_bytes()))
    change(data)
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
