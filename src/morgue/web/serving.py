"""Serving the site from several processes: gunicorn plus one search-index feeder process.

`morgue serve` uses waitress (threads in one process) by default; with
``--workers N`` above 1 it calls ``serve_with_workers``, because one Python
process renders pages on one core at a time (the GIL), and page rendering is
what a busy archive spends its time on.

Each worker answers one request at a time (gunicorn's sync worker) unless
threads are asked for. Measured with bench/web.py: every sync worker waits in
``accept`` on the shared socket and the kernel hands each new connection to
an idle one, so the load spreads evenly; threaded (gthread) workers keep
connections open, and the worker that happened to accept most of them did
most of the work while the other idled (32 connections split 32/0 or 31/1).
Sync workers close each connection after its answer, so slow clients
should meet a buffering proxy first (nginx), as gunicorn's documentation says.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

# The feeder runs in its own process: workers are forked from the arbiter, and a
# thread holding the index writer must not be forked with them.
_FEEDER = "from morgue.web.serving import feed_index; feed_index()"


def feed_index(interval: float = 0.5) -> None:
    """Apply the search outbox every ``interval`` seconds until the serving process goes away."""
    from morgue.django_setup import setup

    parent = os.getppid()
    setup(migrate=False)
    from morgue.archive.searching import IndexFeeder

    IndexFeeder(interval=interval).start()
    while os.getppid() == parent:  # orphaned (the server was killed): stop too
        time.sleep(1)


def load_before_fork() -> None:
    """Import the URL patterns and compile the reading site's templates, so no worker does it on its first requests."""
    from django.template.loader import get_template
    from django.urls import get_resolver, reverse

    reverse("home")  # imports every urls module and builds the reverse lookup tables
    get_resolver().resolve("/")
    for name in ("web/article.html", "web/_article.html", "web/home.html", "web/_home.html", "web/section.html",
                 "web/_section.html", "web/search.html", "web/_search.html"):
        get_template(name)


def serve_with_workers(home: Path, host: str, port: int, workers: int, threads: int) -> None:
    """Serve the site with gunicorn: ``workers`` processes (of ``threads`` threads each if above 1), until stopped."""
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    from morgue.wsgi import application

    feeder = subprocess.Popen([sys.executable, "-c", _FEEDER], env={**os.environ, "MORGUE_HOME": str(home)})

    class Server(BaseApplication):
        def load_config(self):
            settings = {
                "bind": f"{host}:{port}",
                "workers": workers,
                "threads": threads,
                "worker_class": "gthread" if threads > 1 else "sync",
                "proc_name": "morgue",
                "keepalive": 5,
                "graceful_timeout": 10,
                "on_exit": lambda server: feeder.terminate(),
            }
            for name, value in settings.items():
                self.cfg.set(name, value)

        def load(self):
            return application

    # Django, the URL patterns and the page templates are loaded once here and
    # shared by the forked workers; no database connection may cross the fork.
    load_before_fork()
    connections.close_all()
    try:
        Server().run()
    finally:
        if feeder.poll() is None:
            feeder.terminate()
