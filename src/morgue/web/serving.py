"""Serving the site from several processes: gunicorn (threads in each) plus one search-index feeder process.

`morgue serve` uses waitress (threads in one process) by default; with
``--workers N`` above 1 it calls ``serve_with_workers``, because one Python
process renders pages on one core at a time (the GIL), and page rendering is
what a busy archive spends its time on.
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


def serve_with_workers(home: Path, host: str, port: int, workers: int, threads: int) -> None:
    """Serve the site with gunicorn: ``workers`` processes of ``threads`` threads each, until stopped."""
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

    # Django is loaded once here and shared by the forked workers; no database
    # connection may cross the fork.
    connections.close_all()
    try:
        Server().run()
    finally:
        if feeder.poll() is None:
            feeder.terminate()
