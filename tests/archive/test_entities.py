"""Enrichment on a real archive: one entity per person, organisation and place; quotations with speakers;
revised and withdrawn articles; editors' changes that outlive enrichment; person:, org:, place: and quote: in search.
"""

import json

import pytest
from django.test import override_settings

from morgue.archive.entities import enrich_archive, names_among
from morgue.archive.entity_changes import EntityChangeError, merge_entities, rename_entity, set_speaker, split_alias
from morgue.archive.ingest import IngestOptions, ingest
from morgue.archive.models import Article, ArticleQuote, Entity, EntityChange, EntityMention, Revision
from morgue.archive.revisions import append_revision
from morgue.archive.searching import catch_up, forget_readers, search_archive

pytestmark = pytest.mark.db_backends

STORIES = [
    ("lavrov-nato", "Lavrov warns Nato", "2008-08-26", [
        "Foreign Minister Sergei Lavrov of Russia said on Tuesday that Moscow would not give way.",
        "“NATO is making a grave mistake in Georgia,” Mr. Lavrov said.",
    ]),
    ("lavrov-again", "Lavrov again", "2008-09-02", [
        "Lavrov repeated his warning in Brussels.",
        "“We will not be lectured about NATO,” Lavrov told reporters.",
    ]),
    ("two-milibands", "Brothers", "2008-09-10", [
        "Ed Miliband met his brother David Miliband in London.",
        "“It was a family matter,” David Miliband said.",
    ]),
    ("peskov", "Kremlin answers", "2008-09-12", [
        "A government spokesman, Dmitry Peskov, spoke in Moscow on Friday.",
        "“To initiate wide support is not a primary goal,” Mr. Peskov said. “It is a question of principle.”",
    ]),
]


@pytest.fixture
def archive(tmp_path):
    lines = [json.dumps({"url": f"https://paper.example/{slug}", "headline": headline, "date": day, "section": "World",
                         "body": body}) for slug, headline, day, body in STORIES]
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    home = tmp_path / "home"
    with override_settings(HOME=home):
        ingest([str(tmp_path / "src")], IngestOptions(home=home, workers=1))
        yield home
    forget_readers()


def _article(slug):
    return Article.objects.get(url=f"https://paper.example/{slug}")


def _person(name):
    return Entity.objects.get(kind="person", name=name)


@pytest.mark.django_db(transaction=True)
def test_one_entity_per_person_titles_and_quotes(archive):
    summary = enrich_archive()
    assert summary.articles == len(STORIES) and summary.quotes >= 5
    lavrov = _person("Sergei Lavrov")
    # The lone surname of the second story joins the one Sergei Lavrov the archive knows.
    assert lavrov.articles == 2 and lavrov.quotes == 2
    assert EntityMention.objects.filter(entity=lavrov, title="Foreign Minister of Russia").exists()
    # Two Milibands stay two; the quotation is David's.
    assert {"Ed Miliband", "David Miliband"} <= set(Entity.objects.filter(kind="person").values_list("name", flat=True))
    quote = ArticleQuote.objects.get(text__contains="family matter")
    assert quote.speaker.name == "David Miliband"
    # A split quotation: both halves Peskov's, his short form resolved.
    peskov = _person("Dmitry Peskov")
    assert ArticleQuote.objects.filter(speaker=peskov, direct=True).count() == 2
    moscow = Entity.objects.get(kind="place", name="Moscow")
    assert moscow.country == "RU" and moscow.latitude is not None
    assert names_among([a.pk for a in Article.objects.all()], ("person",))["person"][0][0] == "Sergei Lavrov"
    # A second run reads nothing new.
    assert enrich_archive().articles == 0


@pytest.mark.django_db(transaction=True)
def test_revised_and_withdrawn_articles_are_read_again_or_leave(archive):
    enrich_archive()
    article = _article("two-milibands")
    append_revision(article, Revision.CORRECTION, {"body": ["Ed Miliband spoke in Leeds.", "“Nothing to add,” he said."]},
                    reason="the wire's copy was wrong")
    assert enrich_archive().articles == 1
    quote = ArticleQuote.objects.get(article=article)
    assert quote.text == "“Nothing to add,”" and quote.speaker.name == "Ed Miliband"
    assert _person("David Miliband").articles == 0
    article.refresh_from_db()
    append_revision(article, Revision.WITHDRAWAL, {"withdrawn": True}, reason="legal")
    enrich_archive()
    assert not EntityMention.objects.filter(article=article).exists()
    assert _person("Ed Miliband").articles == 0


@pytest.mark.django_db(transaction=True)
def test_editors_changes_outlive_enrichment(archive, django_user_model):
    editor = django_user_model.objects.create_user("ed", password="x")
    enrich_archive()
    lavrov = _person("Sergei Lavrov")
    rename_entity(lavrov, "Sergey Lavrov", editor, "the paper's style")
    with pytest.raises(EntityChangeError):
        rename_entity(lavrov, "Nobody", editor, "")
    peskov = _person("Dmitry Peskov")
    quote = ArticleQuote.objects.filter(speaker=peskov).first()
    david = _person("David Miliband")
    set_speaker(quote, david, editor, "the transcript says so")
    ed = _person("Ed Miliband")
    with pytest.raises(EntityChangeError):
        merge_entities(ed, Entity.objects.get(kind="place", name="London"), editor, "no")
    merge_entities(ed, david, editor, "one man, printed two ways (a test)")
    enrich_archive(everything=True)
    lavrov.refresh_from_db()
    assert lavrov.name == "Sergey Lavrov" and lavrov.articles == 2
    quote = ArticleQuote.objects.get(article=quote.article, paragraph=quote.paragraph, text=quote.text)
    assert quote.speaker_id == david.pk and quote.speaker_by_editor
    assert not EntityMention.objects.filter(entity=ed).exists()
    assert EntityChange.objects.count() == 3
    with pytest.raises(Exception):
        EntityChange.objects.first().delete()


@pytest.mark.django_db(transaction=True)
def test_a_form_split_off_stays_apart(archive, django_user_model):
    editor = django_user_model.objects.create_user("ed", password="x")
    enrich_archive()
    lavrov = _person("Sergei Lavrov")
    _, other = split_alias(lavrov, "Lavrov", editor, "the second story is about another Lavrov")
    assert other.name == "Lavrov" and other.pk != lavrov.pk
    enrich_archive(everything=True)
    assert EntityMention.objects.filter(entity=other, article=_article("lavrov-again")).exists()
    lavrov.refresh_from_db()
    assert lavrov.articles == 1


@pytest.mark.django_db(transaction=True)
def test_names_and_quotations_are_searchable(archive):
    enrich_archive()
    catch_up()
    found = {h.id for h in search_archive("person:lavrov").hits}
    assert found == {_article("lavrov-nato").pk, _article("lavrov-again").pk}
    assert {h.id for h in search_archive("quote:nato person:lavrov").hits} == found
    assert {h.id for h in search_archive('quote:"family matter"').hits} == {_article("two-milibands").pk}
    assert {h.id for h in search_archive("place:moscow -person:lavrov").hits} == {_article("peskov").pk}
    assert search_archive("person:georgia").total == 0  # a place, not a person
