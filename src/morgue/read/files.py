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


class _Walk:
    """What one walk has seen: folders (so loops end), files (so none is read twice), and its roots."""

    def __init__(self, roots: list[Path], options: ReadOptions):
        self.options = options
        self.roots = tuple(_resolved(root) for root in roots)
        self.folders: set[tuple[int, int]] = set()
        self.files: set[str] = set()

    def inside_roots(self, target: Path) -> bool:
        return any(target == root or root in target.parents for root in self.roots)


def find_files(paths: Iterable[str | Path], options: ReadOptions) -> Iterator[Path | Rejection]:
    """Yield the absolute, resolved path of every regular file under ``paths``, in a stable order.

    Folders are walked recursively, each listing sorted by name; hidden
    names are skipped inside folders when ``options.skip_hidden``. Anything
    that is not a readable regular file is a Rejection ("not-found",
    "unreadable", "not-a-file"); so is a symbolic link inside a folder
    ("symlink", or with ``options.follow_symlinks`` "outside-sources" when
    it leads out of the paths given). A folder reached twice is walked
    once, and a file reached twice (named twice, or by a link) read once.
    """
    given = [Path(os.path.abspath(p)) for p in paths]
    walk = _Walk(given, options)
    for path in given:
        yield from _find(path, walk, named=True)


def _find(path: Path, walk: _Walk, named: bool = False) -> Iterator[Path | Rejection]:
    """Yield the files at ``path`` (a file, or a folder to walk) or a Rejection for it."""
    try:
        # lstat: a link is seen as a link. Neither opens the file, so a FIFO
        # or a device is never touched.
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            problem = None if named else _link_problem(path, walk)
            if problem:
                yield Rejection(SourceLocation(str(path)), *problem)
                return
            info = path.stat()
    except OSError as e:
        yield Rejection(_location(path), *_stat_problem(e))
        return
    if stat.S_ISDIR(info.st_mode):
        folder = (info.st_dev, info.st_ino)
        if folder in walk.folders:
            return
        walk.folders.add(folder)
        yield from _walk(path, walk)
    elif stat.S_ISREG(info.st_mode):
        resolved = _resolved(path)
        if str(resolved) not in walk.files:
            walk.files.add(str(resolved))
            yield resolved
    else:
        yield Rejection(_location(path), "not-a-file", f"{_special_kind(info.st_mode)}, not a regular file")


def _link_problem(link: Path, walk: _Walk) -> tuple[str, str] | None:
    """Return (reason, detail) if the symbolic link at ``link`` is not to be followed, or None."""
    try:
        target = os.readlink(link)
    except OSError:
        target = "?"
    if not walk.options.follow_symlinks:
        return "symlink", (f"a symbolic link (to {target}), not followed; "
                           "--follow-symlinks reads links that stay inside the sources")
    resolved = _resolved(link)
    if not walk.inside_roots(resolved):
        return "outside-sources", f"a symbolic link to {resolved}, outside the paths given; not followed"
    return None


def _walk(folder: Path, walk: _Walk) -> Iterator[Path | Rejection]:
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
        if walk.options.skip_hidden and name.startswith("."):
            continue
        yield from _find(folder / name, walk)


def open_file(path: Path) -> tuple[BinaryIO, int]:
    """Return an open binary file at ``path`` and its size; raise SourceError if it cannot be.

    ``path`` is resolved, so O_NOFOLLOW refuses a link put in the file's
    place after it was listed; O_NONBLOCK: a FIFO put there does not wait
    for a writer, and fstat then turns it away.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        if e.errno == errno.ELOOP and os.path.islink(path):
            raise SourceError("symlink", "became a symbolic link after it was listed; not followed") from e
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


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


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
