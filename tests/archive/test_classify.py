"""`morgue classify` on a real archive: sections suggested and mis-filings flagged for the desk, reprints folded.

Accepting a suggestion is a recategorisation with a public note; a dismissal
stands when the model runs again; search shows one result per story; an
editor's split and choice of canonical version outlive a rebuild.
"""

import json
import random

import pytest
from django.test import override_settings

from morgue.archive.classify import MISMATCH, SUGGESTED, classify_archive, load_model
from morgue.archive.ingest import IngestOptions, ingest
from morgue.archive.models import Article, ClusterMember, ClusterSplit, Defect, Revision, StoryCluster
from morgue.archive.searching import catch_up, forget_readers, search_archive
from morgue.archive.section_mapping import MappingError, apply_mapping, mapping_effect, read_mapping
from morgue.archive.story_clusters import choose_canonical, cluster_archive, split_article, versions_of
from morgue.demo.generate import DemoOptions, demo_versions
from morgue.desk.editing import accept_fix, dismiss_defect

pytestmark = pytest.mark.db_backends

MISFILED = 12
UNSECTIONED = 8


@pytest.fixture
def archive(tmp_path):
    """An archive of 300 demo stories in JSONL: a few with no section, a few filed under the wrong one, reprints."""
    rng = random.Random(11)
    versions = list(demo_versions(DemoOptions(articles=300, seed=9, near_duplicate_rate=0.06)))
    sections = sorted({s.section for _, s, _, _ in versions})
    originals = [i for i, (_, _, o, _) in enumerate(versions) if o is None]
    misfiled = set(rng.sample(originals, MISFILED))
    unsectioned = set(rng.sample(sorted(set(originals) - misfiled), UNSECTIONED))
    lines, truth = [], {}
    for i, (number, story, original, _) in enumerate(versions):
        section = story.section.capitalize()
        if i in misfiled:
            section = rng.choice([s for s in sections if s != story.section]).capitalize()
        if i in unsectioned:
            section = ""
        url = f"https://paper.example/{number}"
        truth[url] = {"section": story.section.capitalize(), "misfiled": i in misfiled, "original": original, "number": number}
        lines.append(json.dumps({"url": url, "headline": story.headline, "section": section, "body": list(story.paragraphs),
                                 "date": story.published.date().isoformat()}))
    src = tmp_path / "src"
    src.mkdir()
    (src / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    home = tmp_path / "home"
    with override_settings(HOME=home):
        ingest([str(src)], IngestOptions(home=home, workers=1))
        yield home, truth
    forget_readers()


@pytest.mark.django_db(transaction=True)
def test_suggestions_and_mis_filings_reach_the_desk_and_accepting_one_recategorises(archive):
    home, truth = archive
    clusters = cluster_archive(home)
    summary = classify_archive(home)
    assert summary.trained and summary.classified == Article.objects.count()
    by_url = {a.pk: truth[a.url] for a in Article.objects.all()}
    suggested = Defect.objects.filter(kind=SUGGESTED, status=Defect.OPEN)
    assert suggested.count() == UNSECTIONED
    right = sum(d.suggestion == by_url[d.article_id]["section"] for d in suggested)
    assert right >= UNSECTIONED - 2
    flagged = Defect.objects.filter(kind=MISMATCH, status=Defect.OPEN)
    hits = [d for d in flagged if by_url[d.article_id]["misfiled"]]
    assert len(hits) >= MISFILED - 3 and len(hits) >= 0.75 * flagged.count()
    assert all(d.suggestion == by_url[d.article_id]["section"] for d in hits)
    assert all(0 < d.confidence <= 1 for d in flagged)

    # Accepting is a recategorisation with a public note; a dismissal stands when the model runs again.
    defect = hits[0]
    revision = accept_fix(defect, None)
    assert revision.kind == Revision.RECATEGORISATION and "it belongs in" in revision.public_note
    assert Article.objects.get(pk=defect.article_id).section == defect.suggestion
    dismissed = hits[1]
    dismiss_defect(dismissed, None, "the desk filed it there on purpose")
    again = classify_archive(home)
    assert not again.trained and again.classified == 1  # only the recategorised article
    assert not Defect.objects.filter(article_id=defect.article_id, kind=MISMATCH, status=Defect.OPEN).exists()
    classify_archive(home, retrain=True)
    assert not Defect.objects.filter(article_id=dismissed.article_id, kind=MISMATCH, status=Defect.OPEN).exists()
    assert load_model(home)["model"].trained_on == Article.objects.exclude(section="").count()
    assert clusters.clusters >= 5


@pytest.mark.django_db(transaction=True)
def test_reprints_are_one_story_in_search_and_each_says_where_else_it_ran(archive):
    home, truth = archive
    summary = cluster_archive(home)
    by_number = {t["number"]: pk for pk, t in ((a.pk, truth[a.url]) for a in Article.objects.all())}
    reprints = [(by_number[t["number"]], by_number[t["original"]]) for t in truth.values() if t["original"]]
    assert reprints and summary.clusters >= 1
    for copy, original in reprints:
        member = ClusterMember.objects.get(article_id=copy)
        assert ClusterMember.objects.get(article_id=original).cluster_id == member.cluster_id
        assert original in {v["pk"] for v in versions_of(copy)}
    cluster = StoryCluster.objects.order_by("pk").first()
    catch_up(home)
    canonical = Article.objects.get(pk=cluster.canonical_id)
    others = list(ClusterMember.objects.filter(cluster=cluster).exclude(article_id=canonical.pk).values_list("article_id", flat=True))
    found = [h.id for h in search_archive(f'"{canonical.headline}"', home=home, limit=50).hits]
    assert canonical.pk in found and not set(others) & set(found)

    # An editor's choice of canonical version, and a split, outlive a rebuild of every cluster.
    choose_canonical(cluster, others[0], None)
    catch_up(home)
    found = [h.id for h in search_archive(f'"{canonical.headline}"', home=home, limit=50).hits]
    assert others[0] in found and canonical.pk not in found
    split_article(cluster, canonical.pk, None, "a different council's meeting")
    cluster_archive(home, rebuild=True)
    assert not ClusterMember.objects.filter(article_id=canonical.pk).exists()
    assert ClusterSplit.objects.count() == 1
    if len(others) >= 2:
        assert StoryCluster.objects.get(members__article_id=others[0]).canonical_id == others[0]


@pytest.mark.django_db(transaction=True)
def test_a_mapping_file_recategorises_each_article_with_a_note(archive, tmp_path):
    home, _ = archive
    mapping_file = tmp_path / "mapping.toml"
    mapping_file.write_text('[mapping]\n"Sport" = "Sports desk"\n', encoding="utf-8")
    mapping = read_mapping(mapping_file)
    (source, target, n), = mapping_effect(mapping)
    assert n == Article.objects.filter(section="Sport").count() > 0
    assert apply_mapping(mapping) == n
    assert Article.objects.filter(section="Sports desk").count() == n
    revision = Revision.objects.filter(kind=Revision.RECATEGORISATION).first()
    assert "“Sport” in the old archive" in revision.public_note
    for text, message in (("[mapping]\n", "no \\[mapping\\]"), ("not toml ==", "not a TOML"),
                          ('[mapping]\n"A" = 3\n', "must map onto a section name"),
                          ('[mapping]\n"A" = "B"\n"B" = "C"\n', "mapped onward")):
        mapping_file.write_text(text, encoding="utf-8")
        with pytest.raises(MappingError, match=message):
            read_mapping(mapping_file)


@pytest.mark.django_db(transaction=True)
def test_topics_are_learned_from_the_sources_tags_searched_and_browsed(tmp_path, client):
    from morgue.archive.models import ArticleTopic
    from morgue.archive.topics import classify_topics

    # A CMS export that tagged two thirds of its stories with their section as a topic; the rest untagged.
    versions = [v for v in demo_versions(DemoOptions(articles=240, seed=4, near_duplicate_rate=0)) if v[2] is None]
    lines, untagged = [], {}
    for i, (number, story, _, _) in enumerate(versions):
        record = {"url": f"https://paper.example/{number}", "headline": story.headline, "body": list(story.paragraphs),
                  "date": story.published.date().isoformat()}
        if i % 3:
            record["topics"] = [f"{story.section} desk"]
        else:
            untagged[record["url"]] = f"{story.section} desk"
        lines.append(json.dumps(record))
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "cms.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    home = tmp_path / "home"
    with override_settings(HOME=home):
        ingest([str(tmp_path / "src")], IngestOptions(home=home, workers=1))
        assert ArticleTopic.objects.filter(given=True).count() == len(versions) - len(untagged)
        summary = classify_topics(home)
        assert summary.trained and summary.topics >= 4
        predicted = {a.url: set(ArticleTopic.objects.filter(article=a, given=False).values_list("topic", flat=True))
                     for a in Article.objects.filter(url__in=list(untagged))}
        right = sum(untagged[url] in topics for url, topics in predicted.items())
        assert right >= 0.8 * len(untagged)
        assert not ArticleTopic.objects.filter(given=False, article__topics__given=True).exists()  # tagged ones keep theirs
        catch_up(home)
        url, topic = next((u, t) for u, t in untagged.items() if t in predicted[u])
        article = Article.objects.get(url=url)
        found = [h.id for h in search_archive(f'topic:"{topic}" "{article.headline}"', home=home).hits]
        assert article.pk in found
        assert all(ArticleTopic.objects.filter(article_id=pk, topic=topic).exists()
                   for pk in (h.id for h in search_archive(f'topic:"{topic}"', home=home, limit=100).hits))
        page = client.get(f"/topic/{topic}/")
        assert page.status_code == 200 and page.content.count(b"<li") >= 10
        assert topic.encode() in client.get(f"/article/{article.pk}/").content
        assert client.get("/topic/no such topic/").status_code == 404
        forget_readers()


@pytest.mark.django_db(transaction=True)
def test_a_withdrawn_or_rewritten_version_leaves_its_story_and_search_still_finds_the_story(archive):
    from morgue.desk.editing import Change, correct_article, withdraw_article

    home, _ = archive
    cluster_archive(home)
    cluster = StoryCluster.objects.filter(size__gte=2).order_by("pk").first()
    canonical = Article.objects.get(pk=cluster.canonical_id)
    others = list(ClusterMember.objects.filter(cluster=cluster).exclude(article_id=canonical.pk).values_list("article_id", flat=True))
    withdraw_article(canonical, Change("a duplicate page of the old site"))
    cluster_archive(home)
    assert not ClusterMember.objects.filter(article_id=canonical.pk).exists()
    if len(others) == 1:
        assert not ClusterMember.objects.filter(article_id=others[0]).exists()  # a story of one is no cluster
    else:
        assert StoryCluster.objects.get(members__article_id=others[0]).canonical_id in others
    catch_up(home)
    found = {h.id for h in search_archive(f'"{canonical.headline}"', home=home, limit=50).hits}
    assert set(others) & found  # the story is still in search, by another version
    # A version rewritten into another story leaves the cluster when it is signed again.
    other_cluster = StoryCluster.objects.exclude(pk=cluster.pk).filter(size=2).first()
    if other_cluster is not None:
        member = ClusterMember.objects.filter(cluster=other_cluster).exclude(relation="canonical").first()
        article = Article.objects.get(pk=member.article_id)
        correct_article(article, {"headline": "Lighthouse keeper retires", "body": [
            "The last keeper of the harbour lighthouse retired on Friday after forty years of lighting the lamp."]},
            Change("the page held the wrong story", public_note="The text of another story was shown here."))
        cluster_archive(home)
        assert not ClusterMember.objects.filter(article_id=article.pk).exists()
        assert not StoryCluster.objects.filter(pk=other_cluster.pk).exists()
    forget_readers()
