"""Every document read is stored, rejected or already known: hostile inputs that used to lose one, or stop the archive.

Real databases (SQLite here; `make test` runs these again on PostgreSQL).
"""

import io
import json
import os
import socket
import tarfile
import warnings
import zipfile
from pathlib import Path

import pytest

from morgue.bounds import DocumentBounds
from morgue.pool import ExtractionPool, Task
from morgue.archive.ingest import IngestOptions, IngestSummary, _write_batch, ingest, mark_interrupted_runs
from morgue.archive.models import Article, Defect, IngestRun, Original, Rejection, SourceLocation
from morgue.archive.stats import archive_stats
from morgue.archive.store import OriginalsStore, pack_original
from morgue.archive.verify import verify_archive
from morgue.extract.article import Article as ArticleRecord
from morgue.home import originals_dir
from morgue.pipeline import ProcessedDocument
from morgue.read.document import RawDocument, SourceLocation as Location

from .legacy import article_html

pytestmark = [pytest.mark.django_db, pytest.mark.db_backends]


def run(home, paths, **kw) -> IngestSummary:
    kw.setdefault("workers", 1)
    summary = ingest([str(p) for p in paths], IngestOptions(home=home, site_chrome=None, **kw))
    # The promise, checked on every input below.
    assert summary.documents == summary.stored + summary.rejected_total + summary.skipped, summary
    assert summary.unaccounted == 0
    return summary


def jsonl_line(headline: str, body: str) -> str:
    # ensure_ascii keeps "\ud800" as the six characters JSON allows.
    return json.dumps({"headline": headline, "date": "2001-02-03",
                       "body": [body, "A second paragraph about the harbour board and its long meeting."]})


def test_two_zip_members_of_one_name_are_two_documents(tmp_path):
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w") as zf:
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name, and writes it
        zf.writestr("page.html", article_html(1))
        zf.writestr("page.html", article_html(2))
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.zip").write_bytes(buf.getvalue())

    summary = run(tmp_path / "home", [tmp_path / "src"])

    assert (summary.documents, summary.stored) == (2, 2)
    assert sorted(SourceLocation.objects.values_list("member", flat=True)) == ["page.html", "page.html#2"]
    assert Article.objects.count() == 2


def test_a_member_appended_to_a_tar_is_a_document_of_its_own(tmp_path):
    (tmp_path / "src").mkdir()
    tar = tmp_path / "src" / "a.tar"
    for i in (1, 2):  # what `tar -r` does: the newer copy appended after the first
        with tarfile.open(tar, "a") as tf:
            data = article_html(i)
            info = tarfile.TarInfo("story.html")
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))

    summary = run(tmp_path / "home", [tmp_path / "src"])

    assert summary.stored == 2 and Article.objects.count() == 2
    assert run(tmp_path / "home", [tmp_path / "src"]).skipped == 2  # and a re-run knows both


def test_a_file_named_like_a_member_does_not_meet_the_member(tmp_path):
    (tmp_path / "src").mkdir()
    with zipfile.ZipFile(tmp_path / "src" / "x.zip", "w") as zf:
        zf.writestr("m.html", article_html(1))
    (tmp_path / "src" / "x.zip!m.html").write_bytes(article_html(2))
    (tmp_path / "src" / "x.zip@7").write_bytes(article_html(3))

    summary = run(tmp_path / "home", [tmp_path / "src"])

    assert summary.stored == 3
    keys = set(SourceLocation.objects.values_list("key", flat=True))
    assert len(keys) == 3 and f"{tmp_path}/src/x.zip!m.html" in keys and f"{tmp_path}/src/x.zip\\!m.html" in keys


def test_lone_surrogates_and_nul_become_storable_and_are_recorded(tmp_path):
    (tmp_path / "src").mkdir()
    lines = [
        jsonl_line("Harbour board \ud800 meets", "The board met on Tuesday to discuss the new quay and its cost."),
        jsonl_line("Mill profits rise", "Profits rose\x00 at the mill in Calder this year, the chairman said."),
        jsonl_line("A clean story", "Nothing wrong with this one: the council approved the bridge plan."),
    ]
    (tmp_path / "src" / "export.jsonl").write_text("\n".join(lines) + "\n")

    summary = run(tmp_path / "home", [tmp_path / "src"])

    assert summary.stored == 3, summary.rejected
    surrogate = Article.objects.get(headline__startswith="Harbour")
    assert surrogate.headline == "Harbour board \ufffd meets"
    nul = Article.objects.get(headline="Mill profits rise")
    assert "\x00" not in nul.body[0] and nul.body[0].startswith("Profits rose at")
    repairs = Defect.objects.filter(kind="unstorable-character").order_by("article_id")
    assert [(d.article_id, d.field, d.status) for d in repairs] == [
        (surrogate.pk, "headline", "fixed"), (nul.pk, "body", "fixed"),
    ]
    assert "1 NUL character removed" in repairs[1].explanation
    # The original is untouched: its bytes still hold the NUL and the surrogate escape.
    store = OriginalsStore(originals_dir(tmp_path / "home"))
    assert b"\\u0000" in store.get(nul.original.sha256) and b"\\ud800" in store.get(surrogate.original.sha256)
    assert verify_archive(tmp_path / "home").ok


def test_a_file_name_that_is_not_utf8_is_kept_and_readable(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    raw = os.path.join(os.fsencode(src), b"caf\xe9-story.html")
    with open(raw, "wb") as f:
        f.write(article_html(4))

    summary = run(tmp_path / "home", [src])

    assert summary.stored == 1
    location = SourceLocation.objects.get()
    assert location.path == f"{src}/caf\\xe9-story.html" and location.key == location.path
    assert run(tmp_path / "home", [src]).skipped == 1


def test_a_row_the_database_refuses_rejects_that_document_only(tmp_path):
    """The safety net under the repairs: a document whose rows cannot be written is rejected, its batch goes on."""
    home = tmp_path / "home"
    run_row = IngestRun.objects.create(paths=[], host=socket.gethostname(), pid=os.getpid())
    docs, fresh = [], []
    for i, headline in enumerate(["Good one", "Bad \ud800 one", "Good two"]):
        # Built by hand to pass by the pipeline's repair: what an unforeseen field would do.
        raw = RawDocument(data=article_html(i), location=Location(f"/in/{i}.html"), kind="html")
        record = ArticleRecord(headline=headline, body=("A paragraph long enough to be a body.",))
        docs.append(ProcessedDocument(raw.location, "html", None, None, pack_original(raw.data), record))
        fresh.append(("/in", raw))
    summary = IngestSummary()  # the writer counts each document as its fate is written

    done = Task(docs=[], sites=[], done=docs)  # as the workers hand a batch back
    _write_batch(fresh, done, ExtractionPool(1, None, DocumentBounds()), OriginalsStore(originals_dir(home)), run_row, summary, set())

    assert sorted(Article.objects.values_list("headline", flat=True)) == ["Good one", "Good two"]
    rejected = Rejection.objects.get()
    assert (rejected.reason, rejected.stage, rejected.path) == ("unstorable", "write", "/in/1.html")
    assert rejected.original is not None and Original.objects.count() == 3  # its bytes are kept
    assert summary.documents == 3 and summary.stored == 2 and summary.rejected == {"unstorable": 1} and summary.unaccounted == 0


def test_a_truncated_arc_is_a_rejection_not_silence(tmp_path):
    (tmp_path / "src").mkdir()
    body = b"1 0 morgue-tests\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = b"filedesc://old.arc 0.0.0.0 20040101000000 text/plain %d\n" % len(body) + body
    (tmp_path / "src" / "old.arc").write_bytes(arc[:90])

    summary = run(tmp_path / "home", [tmp_path / "src"])

    assert summary.rejected == {"corrupt-warc": 1}
    assert "truncated" in Rejection.objects.get().detail


def test_links_and_special_files_are_listed_not_read(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "story.html").write_bytes(article_html(5))
    (src / "passwd.html").symlink_to("/etc/passwd")
    os.mkfifo(src / "pipe.html")

    summary = run(tmp_path / "home", [src])

    assert summary.stored == 1 and summary.rejected == {"symlink": 1, "not-a-file": 1}
    assert not Article.objects.filter(body__icontains="root:").exists()


def test_stats_add_up_and_a_killed_run_says_interrupted(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "story.html").write_bytes(article_html(6))
    (tmp_path / "src" / "empty.html").write_bytes(b"")
    run(tmp_path / "home", [tmp_path / "src"])
    run(tmp_path / "home", [tmp_path / "src"])
    # A run whose process is gone (pid 2**22 + 1 is above Linux's pid_max default and never alive).
    ghost = IngestRun.objects.create(paths=[], host=socket.gethostname(), pid=2**22 + 1)

    accounting = archive_stats()["accounting"]  # what `morgue stats` shows

    assert accounting == {"read": 4, "stored": 1, "rejected": 1, "known": 2, "unaccounted": 0, "runs": 3,
                          "older_runs_not_counted": 0}
    ghost.refresh_from_db()
    assert ghost.status == "interrupted"
    assert mark_interrupted_runs() == 0
    assert IngestRun.objects.filter(status="finished").count() == 2


def test_the_same_file_given_twice_is_stored_once_and_known_after(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "story.html").write_bytes(article_html(7))
    summary = run(tmp_path / "home", [src / "story.html", src / "story.html", src], workers=2, batch_size=1)
    assert (summary.documents, summary.stored, summary.skipped) == (3, 1, 2)
    assert SourceLocation.objects.count() == 1


def test_a_path_with_the_key_characters_is_escaped_in_the_key_only(tmp_path):
    src = tmp_path / "we!rd@na#me\\s"
    src.mkdir()
    (src / "story.html").write_bytes(article_html(8))
    run(tmp_path / "home", [src])
    location = SourceLocation.objects.get()
    assert location.path == str(Path(src) / "story.html")
    assert location.key == str(tmp_path) + "/we\\!rd\\@na\\#me\\\\s/story.html"


def test_keys_written_before_escaping_are_rewritten_by_the_migration(tmp_path):
    import hashlib
    import importlib

    from django.apps import apps

    migration = importlib.import_module("morgue.archive.migrations.0005_unambiguous_location_keys")
    original = Original.objects.create(sha256="0" * 64, size=1, kind="html")

    def old(path, member="", offset=None):
        key = path + ("!" + member if member else "") + (f"@{offset}" if offset is not None else "")
        return SourceLocation.objects.create(key_hash=hashlib.sha256(key.encode()).hexdigest(), key=key, path=path,
                                             member=member, offset=offset, original=original)

    plain = old("/a/story.html")
    nested = old("/a/x.zip", "inner.tar!b#c.html")
    weird = old("/a/x!y.warc", offset=12)
    migration.rewrite_keys(apps, None)
    for row in (plain, nested, weird):
        row.refresh_from_db()
        assert row.key_hash == hashlib.sha256(row.key.encode()).hexdigest()
    assert [plain.key, nested.key, weird.key] == ["/a/story.html", "/a/x.zip!inner.tar!b\\#c.html", "/a/x\\!y.warc@12"]
