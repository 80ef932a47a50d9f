"""Reading zip and tar archives: each member's bytes, held in memory within the limits.

A member is read whole (it is at most ``max_container_member_bytes``) so a
nested archive can be opened from memory; the archive itself is never read
whole, and a tar is streamed member by member.
"""

from __future__ import annotations

import tarfile
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from morgue.errors import SourceError

from .document import Rejection, SourceLocation, member_segment
from .limits import Budget, ContainerExhausted, check_inflation, read_capped, read_inflated
from .options import ReadOptions


@dataclass(frozen=True)
class Member:
    """One member of an archive: its name inside the archive, its bytes, and which copy of that name it is."""

    name: str
    data: bytes
    occurrence: int = 1  # 2 for the second member of the same name, and so on


def member_location(container: SourceLocation, name: str, occurrence: int = 1) -> SourceLocation:
    """Return the location of the ``occurrence``-th member named ``name`` of the container at ``container``."""
    segment = member_segment(name, occurrence)
    member = f"{container.member}!{segment}" if container.member else segment
    return SourceLocation(path=container.path, member=member)


def is_hidden_member(name: str) -> bool:
    """Return True if any part of a member's path is hidden ("." names, macOS "__MACOSX")."""
    parts = [part for part in name.split("/") if part not in ("", ".", "..")]
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


def read_zip(
    stream: BinaryIO, location: SourceLocation, options: ReadOptions, budget: Budget | None
) -> Iterator[Member | Rejection]:
    """Yield each file member of the zip in ``stream`` (seekable), or a Rejection for it.

    A damaged member is a Rejection ("corrupt-zip", "zip-bomb", "too-large",
    "unsupported") and the next member is read; a zip that cannot be opened
    raises SourceError "corrupt-zip".
    """
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as e:
        raise SourceError("corrupt-zip", f"the zip cannot be opened ({e})") from e
    cap = options.max_container_member_bytes
    seen: Counter[str] = Counter()
    with archive:
        # Central directory order: the order the archive was written in.
        for info in archive.infolist():
            if info.is_dir() or (options.skip_hidden and is_hidden_member(info.filename)):
                continue
            seen[info.filename] += 1
            occurrence = seen[info.filename]
            where = member_location(location, info.filename, occurrence)
            what = f"zip member {info.filename!r}"
            try:
                # The header's sizes may lie, so they only give an early
                # answer; read_inflated counts the real bytes as they come.
                if info.flag_bits & 0x1:
                    raise SourceError("unsupported", f"{what} is encrypted")
                check_inflation(info.file_size, info.compress_size, cap, options, what)
                with archive.open(info) as member:
                    data = read_inflated(member, info.compress_size, cap, options, budget, what)
            except ContainerExhausted:
                raise
            except SourceError as e:
                yield Rejection(where, e.reason, str(e))
                continue
            except NotImplementedError as e:
                yield Rejection(where, "unsupported", f"{what} uses a compression that is not read ({e})")
                continue
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as e:
                yield Rejection(where, "corrupt-zip", f"{what} is damaged ({e})")
                continue
            yield Member(info.filename, data, occurrence)


def read_tar(stream: BinaryIO, location: SourceLocation, options: ReadOptions) -> Iterator[Member | Rejection]:
    """Yield each file member of the tar in ``stream``, streaming, or a Rejection for it.

    Links, devices and FIFOs inside the tar are "not-a-file" and members
    over the size limit "too-large"; a damaged or truncated tar raises
    SourceError "corrupt-tar" after the members read before the damage.
    """
    cap = options.max_container_member_bytes
    try:
        # "r|*": a forward-only stream, so the archive is never held whole.
        archive = tarfile.open(fileobj=stream, mode="r|*")
    except (tarfile.TarError, EOFError, zlib.error) as e:
        raise SourceError("corrupt-tar", f"the tar cannot be opened ({e})") from e
    seen: Counter[str] = Counter()
    with archive:
        while True:
            try:
                info = archive.next()
                if info is None:
                    return
                # A streamed TarFile remembers every member it has seen; forget
                # them so a tar of a million files does not fill memory.
                archive.members.clear()
                problem = _tar_member_problem(info, cap)
                data = b""
                if problem is None and not _skipped(info, options):
                    data = read_capped(archive.extractfile(info), cap, f"tar member {info.name!r}")
            except (tarfile.TarError, EOFError, zlib.error) as e:
                raise SourceError("corrupt-tar", f"the tar is damaged or truncated ({e})") from e
            if _skipped(info, options):
                continue
            seen[info.name] += 1
            where = member_location(location, info.name, seen[info.name])
            if problem is not None:
                yield Rejection(where, *problem)
                continue
            yield Member(info.name, data, seen[info.name])


def _skipped(info: tarfile.TarInfo, options: ReadOptions) -> bool:
    """Return True for members passed over silently: folders and hidden files."""
    return info.isdir() or (options.skip_hidden and is_hidden_member(info.name))


def _tar_member_problem(info: tarfile.TarInfo, cap: int) -> tuple[str, str] | None:
    """Return (reason, detail) if a tar member will not be read, or None if it will."""
    if info.isdir():
        return None
    if not info.isreg():
        kind = "link" if (info.issym() or info.islnk()) else "device, FIFO or other special entry"
        return "not-a-file", f"tar member {info.name!r} is a {kind}, not a regular file"
    if info.size > cap:
        # tarfile reads exactly info.size bytes, so the header is the truth here.
        return "too-large", f"tar member {info.name!r} is {info.size} bytes, over the limit of {cap}"
    return None
