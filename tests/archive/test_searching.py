"""The search index fed from the outbox: corrections and withdrawals reach search; a killed writer loses nothing."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from django.test import override_settings

from morgue.archive.ingest import IngestOptions, ingest
from morgue.archive.models import Article, Revision, SearchOutbox
from morgue.archive.revisions import append_revision
from morgue.archive.searching import catch_up, forget_readers, index_path, reindex, search_archive
from morgue.search import open_index
from morgue.search.backends.base import read_position

from .databases import scratch_database_url
from .legacy import build_good_archive
from .test_kill_rerun import child_env, morgue

pytestmark = pytest.mark.db_backends


@pytest.fixture
def archive(tmp_path, django_db_blocker):
    home = tmp_path / "home"
    with override_settings(HOME=home):
        yield home
    forget_readers()


@pytest.mark.django_db(transaction=True)
def test_corrections_and_withdrawals_reach_search(archive, tmp_path):
    build_good_archive(tmp_path / "src")
    ingest([str(tmp_path / "src")], IngestOptions(home=archive, workers=1))
    assert SearchOutbox.objects.count() == Article.objects.count()
    assert catch_up(archive) == Article.objects.count()
    assert search_archive("Dunmore bridge", home=archive).total >= 1
    article = Article.objects.get(headline="Dunmore bridge plan 3 approved")
    append_revision(article, Revision.CORRECTION, {"headline": "Dunmore viaduct plan 3 approved"}, reason="wrong word")
    assert catch_up(archive) == 1
    assert [h.id for h in search_archive("headline:viaduct", home=archive).hits] == [article.pk]
    assert article.pk not in [h.id for h in search_archive("headline:bridge", home=archive, limit=100).hits]
    append_revision(article, Revision.WITHDRAWAL, {"withdrawn": True}, reason="legal")
    catch_up(archive)
    assert search_archive("viaduct", home=archive).total == 0
    # A rebuild gives the same answers.
    assert reindex(archive) == Article.objects.filter(withdrawn=False).count()
    assert search_archive("viaduct", home=archive).total == 0
    assert catch_up(archive) == 0


KILLABLE_WRITER = textwrap.dedent("""
    import sys, time
    from morgue.django_setup import setup
    setup(sys.argv[1])
    from morgue.archive.searching import catch_up
    # Slowed down so that the kill lands between two commits.
    catch_up(batch=10, progress=lambda n: time.sleep(0.05))
""")

CORRECT_ALL = textwrap.dedent("""
    import sys
    from morgue.django_setup import setup
    setup(sys.argv[1])
    from morgue.archive.models import Article, Revision
    from morgue.archive.revisions import append_revision
    for article in Article.objects.order_by("pk"):
        append_revision(article, Revision.CORRECTION, {"body": [*article.body, f"Correction zqx{article.pk}q."]}, reason="test")
""")


def test_index_stays_in_step_through_kill_9_of_the_writer(tmp_path):
    with scratch_database_url() as database_url:
        env = child_env(database_url)
        home = tmp_path / "home"
        morgue(home, "demo", "--articles", "150", "--seed", "3", "--workers", "1", env=env)
        subprocess.run([sys.executable, "-c", CORRECT_ALL, str(home)], env=env, check=True, timeout=300)
        with override_settings(HOME=home):
            position_file = index_path(home) / "morgue-position.json"
            before = read_position(position_file)
            writer = subprocess.Popen([sys.executable, "-c", KILLABLE_WRITER, str(home)], env=env, start_new_session=True)
            while writer.poll() is None and read_position(position_file) < before + 30:
                time.sleep(0.01)
            assert writer.poll() is None, "the writer finished before it could be killed"
            os.killpg(writer.pid, signal.SIGKILL)
            writer.wait()
            killed_at = read_position(position_file)
            assert before < killed_at
        # The next writer (here: `morgue search`, which catches up first) finishes the job.
        out = morgue(home, "search", "zqx7q", "--json", env=env).stdout
        assert '"total": 1' in out
        stats = json.loads(morgue(home, "stats", "--json", env=env).stdout)
        with open_index(index_path(home)) as index:
            assert index.count() == stats["articles"] - stats["withdrawn"] == 150
            # 150 from ingest and 150 corrections: every outbox entry applied.
            assert index.position() >= killed_at and index.position() - before == 150
        for pk in (1, 75, 150):
            assert f'"id": {pk}' in morgue(home, "search", f"zqx{pk}q", "--json", env=env).stdout
