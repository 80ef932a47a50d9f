"""Finding the files to read under the paths given, and opening them safely."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from morgue.errors import SourceError

from .document import Rejection, SourceLocation
from .options import ReadOptions


def find_files(paths: Iterable[str | Path], options: ReadOptions) -> Iterator[Path | Rejection]:
    """Yield the absolute, resolved path of every regular file under ``paths``, in a stable order.

    Folders are walked recursively, each listing sorted by name; hidden
    names are skipped inside folders when ``options.skip_hidden``. Anything
    that is not a readable regular file is a Rejection ("not-found",
    "unreadable", "not-a-file"). A folder reached twice (through a symbolic
    link, or a link back to a parent) is walked only once, so loops end.
    """
    seen_folders: set[tuple[int, int]] = set()
    for given in paths:
        yield from _find(Path(os.path.abspath(given)), options, seen_folders)


def _find(path: Path, options: ReadOptions, seen_folders: set[tuple[int, int]]) -> Iterator[Path | Rejection]:
    """Yield the files at ``path`` (a file, or a folder to walk) or a Rejection for it."""
    try:
        # stat follows symbolic links; it never opens the file, so a FIFO or
        # a device is not touched.
        info = path.stat()
    except OSError as e:
        yield Rejection(_location(path), *_stat_problem(e))
        return
    if stat.S_ISDIR(info.st_mode):
        folder = (info.st_dev, info.st_ino)
        if folder in seen_folders:
            return
        seen_folders.add(folder)
        yield from _walk(path, options, seen_folders)
    elif stat.S_ISREG(info.st_mode):
        yield path.resolve()
    else:
        yield Rejection(_location(path), "not-a-file", f"{_special_kind(info.st_mode)}, not a regular file")


def _walk(folder: Path, options: ReadOptions, seen_folders: set[tuple[int, int]]) -> Iterator[Path | Rejection]:
    """Yield the files in ``folder`` and below, sorted by name at each level."""
    try:
        # Listing first and closing the scandir handle before recursing keeps
        # open handles to one per walk, however deep the tree.
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries)
    except OSError as e:
        yield Rejection(_location(folder), *_stat_problem(e))
        return
    for name in names:
        if options.skip_hidden and name.startswith("."):
            continue
        yield from _find(folder / name, options, seen_folders)


def open_file(path: Path) -> tuple[BinaryIO, int]:
    """Return an open binary file at ``path`` and its size; raise SourceError if it cannot be.

    O_NONBLOCK: if a FIFO was put in the file's place after it was listed,
    opening it does not wait for a writer; fstat then turns it away.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as e:
        reason, detail = _stat_problem(e)
        raise SourceError(reason, detail) from e
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SourceError("not-a-file", f"{_special_kind(info.st_mode)}, not a regular file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), info.st_size
    except BaseException:
        os.close(fd)
        raise


def _location(path: Path) -> SourceLocation:
    """Return the location of a path that may not exist: absolute, links resolved where they can be."""
    try:
        return SourceLocation(str(path.resolve()))
    except (OSError, RuntimeError):
        # resolve() raises on a symbolic link loop before Python 3.13.
        return SourceLocation(str(path))


def _stat_problem(error: OSError) -> tuple[str, str]:
    """Return (reason, detail) for an error from stat, open or a folder listing."""
    if error.errno == errno.ENOENT:
        return "not-found", "no such file or folder (or a symbolic link to nothing)"
    if error.errno == errno.ELOOP:
        return "not-found", "a symbolic link that loops back on itself"
    if isinstance(error, PermissionError):
        return "unreadable", "permission denied"
    return "unreadable", f"cannot be read ({error.strerror or error})"


def _special_kind(mode: int) -> str:
    """Return what a non-regular file is, in plain words."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"
