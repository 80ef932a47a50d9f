"""The read stage: any mix of paths in, raw documents and rejections out."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from morgue.errors import SourceError

from .dispatch import Source, read_source
from .document import RawDocument, Rejection, SourceLocation
from .files import find_files, open_file
from .limits import Budget
from .options import ReadOptions


def read_sources(
    paths: Iterable[str | Path] | str | Path, options: ReadOptions | None = None
) -> Iterator[RawDocument | Rejection]:
    """Yield every document found under ``paths``, and a Rejection for every problem.

    Folders are walked (sorted, hidden names skipped); files are read by
    what they hold: HTML, text, NITF, JSONL exports, WARC/ARC archives, zip
    and tar archives and gzip, nested to any sensible depth. Nothing here
    raises for bad data or a bad path: each problem is one Rejection and the
    stream goes on. Memory stays bounded by the limits in ``options``.
    """
    options = options or ReadOptions()
    if isinstance(paths, (str, Path)):
        # A lone path is a common slip; a str would otherwise be read as letters.
        paths = [paths]
    # 1. Find the files, in a stable order.
    for found in find_files(paths, options):
        if isinstance(found, Rejection):
            yield found
            continue
        # 2. Read each one by what it holds.
        yield from read_file(found, options)


def read_file(path: Path, options: ReadOptions) -> Iterator[RawDocument | Rejection]:
    """Yield the documents in the one file at ``path`` (absolute), or a Rejection for it."""
    location = SourceLocation(str(path))
    try:
        file, size = open_file(path)
    except SourceError as e:
        yield Rejection(location, e.reason, str(e))
        return
    with file:
        source = Source(
            stream=file,
            location=location,
            name=path.name,
            size=size,
            budget=Budget(options.max_container_total_bytes),
        )
        yield from read_source(source, options)
