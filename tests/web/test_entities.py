"""Entity pages, the indexes of names, an article's linked names and quotations, and the desk's entity changes."""

import json
import re

import pytest
from django.test import Client, override_settings

from morgue.accounts.roles import create_account
from morgue.archive.entities import enrich_archive
from morgue.archive.ingest import IngestOptions, ingest
from morgue.archive.models import Article, ArticleQuote, Entity, EntityChange
from morgue.archive.searching import catch_up, forget_readers

from ..archive.test_entities import STORIES
from ..hashing import quick_password_hashing  # noqa: F401 - autouse fixture

pytestmark = pytest.mark.db_backends


@pytest.fixture
def enriched(tmp_path):
    lines = [json.dumps({"url": f"https://paper.example/{slug}", "headline": headline, "date": day, "section": "World",
                         "body": body}) for slug, headline, day, body in STORIES]
    lines.append(json.dumps({"url": "https://paper.example/hostile", "headline": "Hostile", "date": "2008-09-13",
                             "body": ["<script>alert(1)</script> met Sergei Lavrov, who said “</q><b>x</b>” again."]}))
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    home = tmp_path / "home"
    with override_settings(HOME=home, MORGUE_PAGE_CACHE_SECONDS=0, MORGUE_ARTICLE_CACHE_SECONDS=0):
        ingest([str(tmp_path / "src")], IngestOptions(home=home, workers=1))
        enrich_archive()
        catch_up(home)
        yield home
    forget_readers()


def _jsonld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


@pytest.mark.django_db(transaction=True)
def test_an_article_links_its_names_and_lists_its_quotations(enriched):
    article = Article.objects.get(url="https://paper.example/lavrov-nato")
    html = Client().get(f"/article/{article.pk}/").content.decode()
    assert '<a class="name" href="/person/sergei-lavrov/">Sergei Lavrov</a>' in html
    assert "Quoted in this article" in html and "NATO is making a grave mistake" in html
    data = _jsonld(html)
    assert {"@type": "Person", "name": "Sergei Lavrov"}.items() <= data["mentions"][0].items() or \
        any(m["name"] == "Sergei Lavrov" and m["@type"] == "Person" for m in data["mentions"])
    quote = data["hasPart"][0]
    assert quote["@type"] == "Quotation" and quote["creator"]["name"] == "Sergei Lavrov"


@pytest.mark.django_db(transaction=True)
def test_hostile_text_stays_text_in_links_and_quotes(enriched):
    article = Article.objects.get(url="https://paper.example/hostile")
    html = Client().get(f"/article/{article.pk}/").content.decode()
    assert "<script>alert(1)" not in html and "<b>x</b>" not in html
    # Whatever of it the archive kept is shown as text, the name still a link.
    assert '<a class="name" href="/person/sergei-lavrov/">Sergei Lavrov</a>' in html
    if any("<" in p for p in article.body):
        assert "&lt;" in html


@pytest.mark.django_db(transaction=True)
def test_an_entity_page_and_the_indexes(enriched):
    client = Client()
    page = client.get("/person/sergei-lavrov/").content.decode()
    assert "Foreign Minister of Russia" in page and "Articles by year" in page and "2008" in page
    assert "NATO is making a grave mistake" in page and "Lavrov again" in page
    assert client.get("/person/no-such-person/").status_code == 404
    assert client.get("/place/sergei-lavrov/").status_code == 404  # the kind is part of the address
    people = client.get("/people/").content.decode()
    assert "Sergei Lavrov" in people and "Moscow" not in people
    assert "Moscow" in client.get("/places/").content.decode()
    assert "Sergei Lavrov" not in client.get("/people/?q=" + "x" * 500).content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_desk_merges_renames_and_names_a_speaker_and_readers_cannot(enriched):
    editor = create_account("ed", "editor-password-1", editor=True)
    create_account("rita", "reader-password-1")
    ed, david = Entity.objects.get(name="Ed Miliband"), Entity.objects.get(name="David Miliband")
    anonymous = Client()
    assert anonymous.post(f"/desk/entity/{ed.pk}/merge/", {"into": david.slug, "reason": "x"}).status_code == 302
    assert EntityChange.objects.count() == 0
    desk = Client()
    desk.force_login(editor)
    assert "Ed Miliband" in desk.get("/desk/entities/?q=miliband").content.decode()
    assert desk.post(f"/desk/entity/{ed.pk}/merge/", {"into": david.slug, "reason": ""}).status_code == 302
    assert EntityChange.objects.count() == 0  # no reason, no change
    desk.post(f"/desk/entity/{ed.pk}/merge/", {"into": david.slug, "reason": "the same man, for the test"})
    ed.refresh_from_db()
    assert ed.merged_into_id == david.pk
    moved = Client().get(f"/person/{ed.slug}/")
    assert moved.status_code == 301 and moved["Location"].endswith(f"/person/{david.slug}/")
    desk.post(f"/desk/entity/{david.pk}/rename/", {"name": "David W. Miliband", "reason": "style"})
    assert "David W. Miliband" in Client().get(f"/person/{david.slug}/").content.decode()
    quote = ArticleQuote.objects.filter(speaker__name="Dmitry Peskov").first()
    peskov = quote.speaker
    desk.post(f"/desk/entity/{peskov.pk}/speaker/", {"quote": quote.pk, "speaker": str(david.pk), "reason": "transcript"})
    quote.refresh_from_db()
    assert quote.speaker_id == david.pk
    assert "transcript" in desk.get(f"/desk/entity/{david.pk}/").content.decode()
    assert EntityChange.objects.count() == 3
