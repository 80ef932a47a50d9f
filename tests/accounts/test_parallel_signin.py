"""Guesses sent all at once get no more tries than guesses sent one by one (real PostgreSQL; threads, real connections)."""

import threading

import pytest
from django.db import connection, connections
from django.test import override_settings

from morgue.accounts import ratelimit
from morgue.accounts.models import SignInFailure

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.db_backends]


@override_settings(MORGUE_SIGNIN_MAX_FAILURES=5, MORGUE_SIGNIN_MAX_FAILURES_PER_IP=1000)
def test_parallel_guesses_are_held_to_the_limit():
    if connection.vendor == "sqlite":
        pytest.skip("the test database is in memory, one connection; this runs on the PostgreSQL pass")
    let_through = []
    start = threading.Barrier(20)

    def guess():
        try:
            start.wait()
            _, wait = ratelimit.begin_attempt("victim@example.org", "192.0.2.7")
            if wait is None:
                let_through.append(1)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=guess) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(let_through) <= 5
    assert SignInFailure.objects.count() == len(let_through)  # refused attempts leave no row
