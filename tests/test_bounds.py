"""Bounds per document: a page that takes too long or too much memory is rejected with the figure, its original kept."""

import os
import resource
import signal
import subprocess
import sys
import time

import pytest

from morgue.bounds import DocumentBounds, limit_memory
from morgue.pipeline import process_document
from morgue.pool import ExtractionPool, Heartbeat
from morgue.read.document import RawDocument, SourceLocation


def html_doc(name: str, data: bytes) -> RawDocument:
    return RawDocument(data=data, location=SourceLocation(f"/in/{name}"), kind="html")


def story(n: int) -> RawDocument:
    paragraphs = b"".join(b"<p>The council met again on Tuesday to hear the harbour board's plans for the quay, "
                          b"and residents spoke for an hour about the cost.</p>" for _ in range(6))
    return html_doc(f"story{n}.html", b"<html><body><article><h1>Council story %d</h1>%s</article></body></html>" % (n, paragraphs))


def slow_page(paragraphs: int = 150_000) -> RawDocument:
    # Linear, but long: 150,000 tiny paragraphs take seconds to judge one by one.
    return html_doc("slow.html", b"<html><body><article><h1>Slow</h1>" + b"<p>a b</p>" * paragraphs + b"</article></body></html>")


def test_a_document_past_its_time_budget_is_rejected_too_slow_with_its_original_packed():
    doc = slow_page()
    processed = process_document(doc, bounds=DocumentBounds(seconds=0.3))
    assert processed.article is None and processed.reason == "too-slow"
    assert "0.3 s" in processed.detail and "--doc-timeout" in processed.detail
    assert processed.packed.size == len(doc.data)  # the original is still stored


def test_within_its_budget_the_same_code_gives_the_article():
    processed = process_document(story(1), bounds=DocumentBounds(seconds=30))
    assert processed.article is not None and processed.reason == ""


def test_a_worker_over_its_memory_bound_rejects_that_document_too_large_and_goes_on():
    big = html_doc("big.html", b"<html><body><article><h1>Big</h1>" + b"<p>Words enough to look like a paragraph of text.</p>\n" * 400_000
                   + b"</article></body></html>")  # 20 MB of HTML: far more than 200 MiB once parsed and judged
    with ExtractionPool(2, None, DocumentBounds(seconds=120, worker_mib=200)) as pool:
        first = pool.submit([story(1), big, story(2)], [None, None, None])
        results = pool.result(first)
    reasons = [r.reason for r in results]
    assert reasons[0] == "" and reasons[2] == "", reasons  # its neighbours are articles
    assert reasons[1] in ("too-large", "worker-died"), reasons
    assert "200 MiB" in results[1].detail and results[1].packed.size == len(big.data)


def freeze_a_worker_on(pool: ExtractionPool, task) -> Heartbeat:
    """Stop (SIGSTOP) the worker processing ``task`` while it is inside one document, as a C call that never returns would."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for beat in pool.heartbeats():
            if beat.serial == task.serial:
                os.kill(beat.pid, signal.SIGSTOP)
                frozen = [b for b in pool.heartbeats() if b.pid == beat.pid and b.serial == task.serial]
                if frozen:
                    return frozen[0]
                os.kill(beat.pid, signal.SIGCONT)  # it was between two documents: let it go on, try again
        time.sleep(0.005)
    raise AssertionError("no worker started a document of the batch within 60 s")


def test_a_worker_stuck_in_one_document_costs_that_document_alone_within_its_budget_and_grace():
    first, second = [story(n) for n in range(300)], [story(n) for n in range(300, 600)]
    with ExtractionPool(2, None, DocumentBounds(seconds=2), grace=1) as pool:
        tasks = [pool.submit(first, [None] * 300), pool.submit(second, [None] * 300)]
        stuck = freeze_a_worker_on(pool, tasks[1])  # the batch not waited on first: the others are sent again
        frozen_at = time.monotonic()
        results = [pool.result(task) for task in tasks]
        waited = time.monotonic() - frozen_at
        assert pool.replaced == 1
    docs = first + second
    flat = results[0] + results[1]
    assert [r.location for r in flat] == [d.location for d in docs]  # every document, once, in order
    rejected = [i for i, r in enumerate(results[1]) if r.reason]
    assert rejected == [stuck.index], rejected
    stopped = results[1][stuck.index]
    assert stopped.reason == "too-slow" and "replaced" in stopped.detail and "2 s" in stopped.detail
    assert 3 <= stopped.seconds < 3 + 5, stopped.seconds  # budget + grace, and the parent's poll
    assert stopped.packed.size == len(second[stuck.index].data)  # its original is still stored
    assert waited < 60, waited  # not one budget per document of its batch (300 x 2 s)
    assert all(r.article is not None for i, r in enumerate(flat) if i != 300 + stuck.index)


def test_a_stopped_worker_s_other_documents_are_not_rejected_with_it():
    docs = [story(n) for n in range(200)]
    with ExtractionPool(2, None, DocumentBounds(seconds=1), grace=0.5) as pool:
        task = pool.submit(docs, [None] * 200)
        stuck = freeze_a_worker_on(pool, task)
        results = pool.result(task)
    assert [i for i, r in enumerate(results) if r.reason] == [stuck.index]
    assert len(results) == 200


def test_limit_memory_caps_the_address_space_of_this_process_only():
    code = ("import resource; from morgue.bounds import limit_memory; assert limit_memory(300);"
            "soft, _ = resource.getrlimit(resource.RLIMIT_AS); print(soft >> 20)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert 300 <= int(out) < 1024
    assert resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY
    assert limit_memory(0) is False


@pytest.mark.parametrize("seconds", [0])
def test_no_budget_means_no_timer(seconds):
    assert process_document(story(3), bounds=DocumentBounds(seconds=seconds)).article is not None


def test_the_budget_fires_again_when_its_first_signal_is_swallowed():
    # A garbage collector's callback or a finaliser that is running when the timer fires only prints the
    # exception as "ignored"; the block must still end, on the next firing, not run on unbounded.
    from morgue.bounds import DocumentTooSlow, time_budget

    swallowed = 0
    started = time.monotonic()
    with pytest.raises(DocumentTooSlow):
        with time_budget(0.2):
            while time.monotonic() - started < 10:
                try:
                    while time.monotonic() - started < 10:
                        pass
                except DocumentTooSlow:
                    if swallowed:
                        raise
                    swallowed += 1  # as a gc callback would: the first one is lost
    assert swallowed == 1 and time.monotonic() - started < 3
