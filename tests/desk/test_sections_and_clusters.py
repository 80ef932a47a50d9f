"""The desk's section suggestions accepted together, and its same-story pages, through the Django test client."""

import json

import pytest
from django.test import Client, override_settings

from morgue.archive.classify import MISMATCH, classify_archive
from morgue.archive.ingest import IngestOptions, ingest
from morgue.archive.models import Article, ClusterMember, ClusterSplit, Defect, Revision, StoryCluster
from morgue.archive.story_clusters import cluster_archive
from morgue.demo.generate import DemoOptions, demo_versions


@pytest.fixture
def classified(tmp_path, people):
    """200 demo stories, every ninth original filed under the wrong section, reprints among them; classified."""
    versions = list(demo_versions(DemoOptions(articles=200, seed=21, near_duplicate_rate=0.08)))
    sections = sorted({s.section for _, s, _, _ in versions})
    lines = []
    for i, (number, story, original, _) in enumerate(versions):
        section = story.section
        if original is None and i % 9 == 4:
            section = sections[(sections.index(section) + 1) % len(sections)]
        lines.append(json.dumps({"url": f"https://paper.example/{number}", "headline": story.headline, "section": section,
                                 "body": list(story.paragraphs), "date": story.published.date().isoformat()}))
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    home = tmp_path / "home"
    with override_settings(HOME=home):
        ingest([str(tmp_path / "src")], IngestOptions(home=home, workers=1))
        cluster_archive(home)
        classify_archive(home)
        yield home


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_an_editor_accepts_the_sure_suggestions_together_each_its_own_revision(classified, people):
    editor = _client(people["editor"])
    page = editor.get("/desk/?kind=section-mismatch")
    assert page.status_code == 200 and b"Accept each as its own recategorisation" in page.content
    sure = list(Defect.objects.filter(kind=MISMATCH, status=Defect.OPEN, confidence__gte=0.6))
    unsure = Defect.objects.filter(kind=MISMATCH, status=Defect.OPEN, confidence__lt=0.6).count()
    assert sure
    answer = editor.post("/desk/sections/accept/", {"kind": MISMATCH, "min_confidence": "60", "back": "kind=section-mismatch"})
    assert answer.status_code == 302
    for defect in sure:
        defect.refresh_from_db()
        assert defect.status == Defect.FIXED and defect.resolved_by.kind == Revision.RECATEGORISATION
        assert Article.objects.get(pk=defect.article_id).section == defect.suggestion
    assert Defect.objects.filter(kind=MISMATCH, status=Defect.OPEN).count() == unsure
    # Only section suggestions go in bulk, and only for editors.
    assert editor.post("/desk/sections/accept/", {"kind": "mojibake", "min_confidence": "50"}).status_code == 302
    assert not Defect.objects.filter(kind="mojibake", status=Defect.FIXED, resolution_note__contains="accepted").exists()
    assert _client(people["reader"]).post("/desk/sections/accept/", {"kind": MISMATCH}).status_code in (302, 403)


@pytest.mark.django_db
def test_an_editor_splits_a_cluster_and_chooses_its_canonical_version(classified, people):
    editor = _client(people["editor"])
    cluster = StoryCluster.objects.order_by("-size", "pk").first()
    assert cluster is not None
    assert editor.get("/desk/clusters/").status_code == 200
    page = editor.get(f"/desk/cluster/{cluster.pk}/")
    assert page.status_code == 200 and b"Split off" in page.content
    other = ClusterMember.objects.filter(cluster=cluster).exclude(relation="canonical").first()
    editor.post(f"/desk/cluster/{cluster.pk}/canonical/", {"article": other.article_id})
    cluster.refresh_from_db()
    assert cluster.canonical_id == other.article_id and cluster.chosen_by_id == people["editor"].pk
    # A split needs a reason; an article of another cluster cannot be split off this one.
    editor.post(f"/desk/cluster/{cluster.pk}/split/", {"article": other.article_id, "reason": ""})
    assert not ClusterSplit.objects.exists()
    editor.post(f"/desk/cluster/{cluster.pk}/split/", {"article": 10**9, "reason": "not ours"})
    assert not ClusterSplit.objects.exists()
    editor.post(f"/desk/cluster/{cluster.pk}/split/", {"article": other.article_id, "reason": "a different fire"})
    assert ClusterSplit.objects.get().apart_from and not ClusterMember.objects.filter(article_id=other.article_id).exists()
    reader = Client()
    assert reader.get(f"/desk/cluster/{cluster.pk}/").status_code in (302, 403)
