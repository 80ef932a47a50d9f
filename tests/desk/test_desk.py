"""The editors' desk through the Django test client: who may do what, and that every change is a new revision."""

import re
from datetime import date

import pytest
from django.test import Client

from morgue.archive.models import Article, Defect, Revision, SearchOutbox
from morgue.archive.revisions import append_revision
from morgue.archive.verify import verify_archive

pytestmark = [pytest.mark.django_db, pytest.mark.db_backends]


def article_from(name: str) -> Article:
    return Article.objects.get(original__locations__path__endswith=name)


def client_for(user=None, **kwargs) -> Client:
    client = Client(**kwargs)
    if user is not None:
        client.force_login(user)
    return client


def desk_pages(article: Article, defect: Defect) -> list[str]:
    return [
        "/desk/", f"/desk/?kind={defect.kind}", f"/desk/defect/{defect.pk}/", f"/desk/article/{article.pk}/correct/",
        f"/desk/article/{article.pk}/history/", f"/desk/article/{article.pk}/withdraw/", f"/desk/article/{article.pk}/restore/",
        "/desk/articles/", "/desk/revisions/", "/desk/rejections/", "/desk/dashboard/",
    ]


def desk_posts(article: Article, defect: Defect) -> list[tuple[str, dict]]:
    change = {"reason": "because", "public_note": "note"}
    return [
        (f"/desk/defect/{defect.pk}/accept/", {}),
        (f"/desk/defect/{defect.pk}/dismiss/", {"reason": "not a defect"}),
        (f"/desk/article/{article.pk}/correct/", {"headline": "Changed", "section": article.section, "body": "New body.", **change}),
        (f"/desk/article/{article.pk}/revert/0/", change),
        (f"/desk/article/{article.pk}/withdraw/", change),
        (f"/desk/article/{article.pk}/restore/", change),
    ]


def test_anonymous_is_sent_to_sign_in_and_changes_nothing(archive):
    article = article_from("mojibake.html")
    defect = Defect.objects.get(article=article, kind="mojibake")
    anonymous = Client()
    for url in desk_pages(article, defect):
        response = anonymous.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/?next="), url
    revisions, outbox = Revision.objects.count(), SearchOutbox.objects.count()
    for url, data in desk_posts(article, defect):
        response = anonymous.post(url, data)
        assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/"), url
    assert Revision.objects.count() == revisions and SearchOutbox.objects.count() == outbox
    assert Defect.objects.get(pk=defect.pk).status == Defect.OPEN


def test_reader_is_refused_and_changes_nothing(archive, people):
    article = article_from("mojibake.html")
    defect = Defect.objects.get(article=article, kind="mojibake")
    reader = client_for(people["reader"])
    for url in desk_pages(article, defect):
        assert reader.get(url).status_code == 403, url
    revisions = Revision.objects.count()
    for url, data in desk_posts(article, defect):
        assert reader.post(url, data).status_code == 403, url
    assert Revision.objects.count() == revisions
    assert Defect.objects.get(pk=defect.pk).status == Defect.OPEN
    assert not Article.objects.get(pk=article.pk).withdrawn


def test_editor_sees_every_desk_page(archive, people):
    article = article_from("mojibake.html")
    defect = Defect.objects.get(article=article, kind="mojibake")
    editor = client_for(people["editor"])
    for url in desk_pages(article, defect):
        assert editor.get(url).status_code == 200, url
    assert client_for(people["admin"]).get("/desk/").status_code == 200  # admins are editors too


def test_desk_forms_enforce_csrf(archive, people):
    article = article_from("mojibake.html")
    strict = client_for(people["editor"], enforce_csrf_checks=True)
    before = Revision.objects.count()
    response = strict.post(f"/desk/article/{article.pk}/withdraw/", {"reason": "legal", "public_note": ""})
    assert response.status_code == 403 and Revision.objects.count() == before
    page = strict.get(f"/desk/article/{article.pk}/withdraw/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    strict.post(f"/desk/article/{article.pk}/withdraw/", {"reason": "legal", "csrfmiddlewaretoken": token})
    assert Revision.objects.count() == before + 1


def test_queue_filters_and_pages(archive, people):
    editor = client_for(people["editor"])
    html = editor.get("/desk/").content.decode()
    assert "mojibake" in html and "truncation" in html
    html = editor.get("/desk/?kind=mojibake").content.decode()
    assert "1 open defect." in html and "truncation</td>" not in html
    assert "0 open defects." in editor.get("/desk/?kind=mojibake&year=1990").content.decode()
    year = article_from("mojibake.html").published.year
    assert "1 open defect." in editor.get(f"/desk/?kind=mojibake&year={year}&section=News").content.decode()
    severity = Defect.objects.get(kind="mojibake").severity
    assert "mojibake" in editor.get(f"/desk/?severity={severity}").content.decode()
    assert editor.get("/desk/?page=999&year=abc").status_code == 200  # a bad filter or page is ignored, not an error


def test_defect_page_marks_the_span_escaped(archive, people):
    article = article_from("entities.html")
    defect = Defect.objects.filter(article=article, kind="leftover-markup").first()
    html = client_for(people["editor"]).get(f"/desk/defect/{defect.pk}/").content.decode()
    marked = re.search(r'<mark id="defect-span"[^>]*>(.*?)</mark>', html).group(1)
    assert marked == defect.excerpt.replace("&", "&amp;")
    assert "Accept the suggested fix" in html and f"/desk/article/{article.pk}/correct/" in html


def test_accept_fix_appends_a_fix_revision(archive, people):
    article = article_from("mojibake.html")
    defect = Defect.objects.get(article=article, kind="mojibake")
    editor = client_for(people["editor"])
    response = editor.post(f"/desk/defect/{defect.pk}/accept/", {"back": "kind=mojibake"})
    assert response.status_code == 302 and response["Location"] == "/desk/?kind=mojibake"
    article.refresh_from_db()
    newest = article.revisions.order_by("-number").first()
    assert newest.kind == Revision.FIX and newest.author == people["editor"] and newest.number == article.revision_count - 1
    assert "\u00e2\u20ac" not in " ".join(article.body) and "\u201cWe listened" in " ".join(article.body)
    defect.refresh_from_db()
    assert defect.status == Defect.FIXED and defect.resolved_by == newest
    # Accepting twice does nothing more.
    editor.post(f"/desk/defect/{defect.pk}/accept/")
    assert article.revisions.count() == newest.number + 1
    assert verify_archive(archive, rehash=False).ok


def test_accept_refuses_a_span_the_article_no_longer_has(archive, people):
    article = article_from("mojibake.html")
    defect = Defect.objects.get(article=article, kind="mojibake")
    append_revision(article, Revision.CORRECTION, {"body": ["Rewritten entirely."]}, reason="test")
    before = article.revisions.count()
    response = client_for(people["editor"]).post(f"/desk/defect/{defect.pk}/accept/", follow=True)
    assert "has changed since the audit" in response.content.decode()
    assert article.revisions.count() == before and Defect.objects.get(pk=defect.pk).status == Defect.OPEN


def test_dismiss_with_a_reason(archive, people):
    defect = Defect.objects.filter(kind="truncation").first()
    editor = client_for(people["editor"])
    revisions = Revision.objects.count()
    editor.post(f"/desk/defect/{defect.pk}/dismiss/", {"reason": ""})
    assert Defect.objects.get(pk=defect.pk).status == Defect.OPEN
    editor.post(f"/desk/defect/{defect.pk}/dismiss/", {"reason": "the paper printed it so"})
    defect.refresh_from_db()
    assert defect.status == Defect.DISMISSED and "the paper printed it so" in defect.resolution_note and "ed" in defect.resolution_note
    assert Revision.objects.count() == revisions
    assert "the paper printed it so" in editor.get("/desk/?status=dismissed").content.decode() or \
        defect.article.headline[:30] in editor.get("/desk/?status=dismissed").content.decode()


def test_correction_appends_revision_and_keeps_revision_0(archive, people):
    article = article_from("truncated.html")
    original_body = list(article.revisions.get(number=0).body)
    n = article.revision_count
    editor = client_for(people["editor"])
    form = editor.get(f"/desk/article/{article.pk}/correct/").content.decode()
    assert "Paragraphs separated by a blank line" in form
    body = "\n\n".join(article.body[:-1] + [article.body[-1] + " hall."])
    data = {"headline": article.headline + " (corrected)", "byline": article.byline, "dateline": article.dateline,
            "published": "2004-02-03", "section": article.section, "body": body.replace("\n", "\r\n"), "public_note": "The ending was restored."}
    page = editor.post(f"/desk/article/{article.pk}/correct/", data)  # no reason
    assert page.status_code == 200 and "This field is required" in page.content.decode()
    assert Article.objects.get(pk=article.pk).revision_count == n
    response = editor.post(f"/desk/article/{article.pk}/correct/", {**data, "reason": "reader letter: ending cut off"})
    assert response.status_code == 302 and response["Location"] == f"/desk/article/{article.pk}/history/"
    article.refresh_from_db()
    assert article.revision_count == n + 1
    newest = article.revisions.get(number=n)
    assert newest.kind == Revision.CORRECTION and newest.reason == "reader letter: ending cut off"
    assert newest.public_note == "The ending was restored." and newest.author == people["editor"]
    assert article.body[-1].endswith("old town hall.") and article.published == date(2004, 2, 3)
    assert article.revisions.get(number=0).body == original_body
    assert verify_archive(archive, rehash=False).ok


def test_section_only_change_is_a_recategorisation_and_nothing_changed_is_nothing(archive, people):
    article = article_from("clean-1.html")
    editor = client_for(people["editor"])
    data = {"headline": article.headline, "byline": article.byline, "dateline": article.dateline,
            "published": article.published.isoformat() if article.published else "", "section": article.section,
            "body": "\n\n".join(article.body), "reason": "checking"}
    page = editor.post(f"/desk/article/{article.pk}/correct/", data)
    assert "Nothing was changed" in page.content.decode() and article.revisions.count() == 1
    editor.post(f"/desk/article/{article.pk}/correct/", {**data, "section": "Local"})
    newest = article.revisions.order_by("-number").first()
    assert newest.kind == Revision.RECATEGORISATION and Article.objects.get(pk=article.pk).section == "Local"


def test_history_shows_who_why_and_safe_diffs_and_reverts(archive, people):
    article = article_from("clean-2.html")
    editor = client_for(people["editor"])
    first = article.body[0]
    append_revision(article, Revision.CORRECTION, {"body": ["<b>Bold</b> " + first, *article.body[1:]]},
                    reason="added a word", public_note="A word was added.", author=people["editor"])
    append_revision(article, Revision.CORRECTION, {"headline": "A new headline"}, reason="clearer", author=people["editor"])
    html = editor.get(f"/desk/article/{article.pk}/history/").content.decode()
    assert "Revision 2: correction (current)" in html and "Revision 0: as extracted" in html
    assert "added a word" in html and "A word was added." in html and "by ed" in html
    assert "<ins>&lt;b&gt;Bold&lt;/b&gt; </ins>" in html  # the change, escaped
    assert "<b>Bold</b>" not in html
    assert "Compared with revision 0" in html
    # Revert to revision 0: a new revision with revision 0's text.
    unannounced = editor.post(f"/desk/article/{article.pk}/revert/0/", {"reason": "both changes were wrong"}, follow=True)
    assert "Write the public note" in unannounced.content.decode() and article.revisions.count() == 3
    response = editor.post(f"/desk/article/{article.pk}/revert/0/", {"reason": "both changes were wrong",
                                                                      "public_note": "The original headline was restored."})
    assert response.status_code == 302
    article.refresh_from_db()
    newest = article.revisions.order_by("-number").first()
    zero = article.revisions.get(number=0)
    assert newest.number == 3 and newest.kind == Revision.CORRECTION and "revert to revision 0" in newest.reason
    assert (article.headline, article.body) == (zero.headline, zero.body)
    # Reverting to the text it already has is refused, plainly.
    page = editor.post(f"/desk/article/{article.pk}/revert/0/", {"reason": "again"}, follow=True)
    assert "same text" in page.content.decode() and article.revisions.count() == 4
    assert verify_archive(archive, rehash=False).ok


def test_withdraw_and_restore(archive, people):
    article = article_from("clean-3.html")
    editor = client_for(people["editor"])
    assert Client().get(f"/article/{article.pk}/").status_code == 200
    editor.post(f"/desk/article/{article.pk}/withdraw/", {"reason": ""})
    assert not Article.objects.get(pk=article.pk).withdrawn
    editor.post(f"/desk/article/{article.pk}/withdraw/", {"reason": "court order", "public_note": "Withdrawn on legal advice."})
    article.refresh_from_db()
    assert article.withdrawn and article.revisions.order_by("-number").first().kind == Revision.WITHDRAWAL
    assert Client().get(f"/article/{article.pk}/").status_code in (404, 410)  # gone from the public site
    assert SearchOutbox.objects.filter(article_id=article.pk).order_by("-pk").first().action == SearchOutbox.DELETE
    # The desk still has it; withdrawing twice is refused.
    assert "withdrawn" in editor.get(f"/desk/article/{article.pk}/history/").content.decode()
    page = editor.post(f"/desk/article/{article.pk}/withdraw/", {"reason": "again"}, follow=True)
    assert "already withdrawn" in page.content.decode()
    editor.post(f"/desk/article/{article.pk}/restore/", {"reason": "order lifted"})
    article.refresh_from_db()
    assert not article.withdrawn and article.revisions.order_by("-number").first().kind == Revision.RESTORATION
    assert Client().get(f"/article/{article.pk}/").status_code == 200
    assert article.revisions.count() == 3 and verify_archive(archive, rehash=False).ok


def test_dashboard_draws_svg_charts_that_link_to_their_lists(archive, people):
    editor = client_for(people["editor"])
    article = article_from("clean-1.html")
    append_revision(article, Revision.CORRECTION, {"headline": "Fixed"}, reason="x", author=people["editor"])
    html = editor.get("/desk/dashboard/").content.decode()
    assert html.count("<svg") == 6 and "<script" not in html
    for title in ("Articles per year", "Articles per section", "Open defects by kind", "Open defects by severity",
                  "Rejected documents by reason", "Changes to articles per month"):
        assert title in html
    links = set(re.findall(r'<a href="([^"]+)" aria-label', html))
    assert "/desk/?kind=mojibake" in links and "/section/news/" in links
    assert any(link.startswith("/desk/articles/?year=") for link in links)
    assert any(link.startswith("/desk/?severity=") for link in links)
    month = next(link for link in links if link.startswith("/desk/revisions/?month="))
    # Every bar's list opens, and the lists show what the bar counted.
    for link in links:
        assert editor.get(link.replace("&amp;", "&")).status_code == 200, link
    assert "Fixed" in editor.get(month).content.decode()
    year = article.published.year
    assert article.revisions.order_by("-number").first().article.headline in editor.get(f"/desk/articles/?year={year}").content.decode()


def test_rejections_list(archive, people, tmp_path):
    from morgue.archive.ingest import IngestOptions, ingest

    from ..archive.legacy import build_bad_archive

    reasons = build_bad_archive(tmp_path / "bad")
    ingest([str(tmp_path / "bad")], IngestOptions(home=archive, workers=1))
    editor = client_for(people["editor"])
    html = editor.get("/desk/dashboard/").content.decode()
    reason = sorted(set(reasons.values()))[0]
    assert f"/desk/rejections/?reason={reason}" in html
    page = editor.get(f"/desk/rejections/?reason={reason}").content.decode()
    assert f"Rejected documents: {reason}" in page and "No rejected documents." not in page
