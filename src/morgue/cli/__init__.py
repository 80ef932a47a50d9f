"""The `morgue` command: a thin layer over the library's functions, one module per command group."""

from morgue.cli import archive, audit, backup, classify, demo, enrich, ingest, search, serve, users  # noqa: F401 - each registers its commands
from morgue.cli.app import main

__all__ = ["main"]
