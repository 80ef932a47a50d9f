"""Transfer repairs told apart from corrections: the front page and the feed carry news, the article a quiet line."""

import pytest

from morgue.archive.models import Article, Revision
from morgue.archive.revision_kinds import label, reader_kind
from morgue.archive.revisions import append_revision

pytestmark = [pytest.mark.django_db, pytest.mark.db_backends]

REPAIR_NOTE = "Characters damaged when this article was moved were repaired; the wording is unchanged."


def test_a_fix_that_changed_wording_reads_as_a_correction_by_its_recorded_reason():
    assert reader_kind("fix", "audit --fix safe: mojibake") == "repair"
    assert reader_kind("fix", "accepted the audit's fix for mojibake: broken characters") == "repair"
    assert reader_kind("fix", "accepted the audit's fix for misspelling: 'Brigde'") == "correction"
    assert reader_kind("correction", "wrong name") == "correction"
    assert label("fix", "audit --fix safe: leftover-markup") == "transfer repair"


def test_news_and_repairs_go_their_own_ways(client, archive):
    first, second, third, fourth = list(Article.objects.order_by("pk")[:4])
    append_revision(first, Revision.FIX, {"body": first.body + ["x"]}, reason="audit --fix safe: mojibake", public_note=REPAIR_NOTE)
    append_revision(second, Revision.CORRECTION, {"byline": "Jane Roe"}, reason="wrong writer",
                    public_note="An earlier version named the wrong writer.")
    # Written before accepted suggestions were told apart: stored as a fix, it changed the wording.
    append_revision(third, Revision.FIX, {"headline": third.headline + " (corrected)"},
                    reason="accepted the audit's fix for misspelling: 'Cuncil'", public_note="A misspelt word was corrected.")
    append_revision(fourth, Revision.WITHDRAWAL, {"withdrawn": True}, reason="legal", public_note="Withdrawn on legal advice.")

    home = client.get("/").content.decode()
    assert "An earlier version named the wrong writer." in home and "A misspelt word was corrected." in home
    assert "Withdrawn on legal advice." in home
    assert REPAIR_NOTE not in home

    feed = client.get("/feeds/corrections/").content.decode()
    assert feed.count("<entry>") == 3 and REPAIR_NOTE not in feed
    assert "Correction: " in feed and "An article was withdrawn" in feed

    page = client.get(f"/article/{first.pk}/").content.decode()
    assert "Repaired after transfer on" in page and 'id="corrections"' not in page
    history = client.get(f"/article/{first.pk}/history/").content.decode()
    assert "transfer repair" in history and REPAIR_NOTE in history
    corrected = client.get(f"/article/{third.pk}/").content.decode()
    assert 'id="corrections"' in corrected and "Repaired after transfer" not in corrected

    about = client.get("/about/").content.decode()
    assert "1 article was repaired after the transfer" in about
    assert "<td>transfer repair</td><td>1</td>" in about and "<td>correction</td><td>2</td>" in about
    assert "<td>withdrawal</td><td>1</td>" in about


def test_after_the_demo_the_news_is_corrections_and_the_repairs_are_counted(client, tmp_path):
    """What `morgue demo` does (ingest, `audit --fix safe`, the editor's corrections), then what readers see."""
    from django.test import override_settings

    from morgue.archive.audit import AuditOptions, audit_archive
    from morgue.archive.ingest import IngestOptions, ingest
    from morgue.archive.searching import catch_up
    from morgue.cli.demo import correct_errata
    from morgue.demo.generate import DemoOptions, generate_demo

    home = tmp_path / "home"
    summary = generate_demo(tmp_path / "demo", DemoOptions(articles=400, seed=3))
    with override_settings(HOME=home, MORGUE_PAGE_CACHE_SECONDS=0, MORGUE_ARTICLE_CACHE_SECONDS=0):
        ingest([str(tmp_path / "demo" / "sources")], IngestOptions(home=home, workers=1))
        audited = audit_archive(AuditOptions(home=home, fix_safe=True))
        corrected = correct_errata(summary.truth, tmp_path / "demo" / "sources")
        catch_up(home)
        assert audited.fixed_articles > 20 and corrected >= 1
        feed = client.get("/feeds/corrections/").content.decode()
        assert feed.count("<entry>") == corrected
        assert "repaired" not in feed and "wording is unchanged" not in feed
        home_page = client.get("/").content.decode()
        assert "An earlier version of this article" in home_page and "wording is unchanged" not in home_page
        repaired = Revision.objects.filter(kind=Revision.FIX).values_list("article_id", flat=True).first()
        assert "Repaired after transfer on" in client.get(f"/article/{repaired}/").content.decode()
        assert "transfer repair" in client.get(f"/article/{repaired}/history/").content.decode()
        about = client.get("/about/").content.decode()
        assert f"{audited.fixed_articles} articles were repaired after the transfer" in about
        assert f"<td>correction</td><td>{corrected}</td>" in about
