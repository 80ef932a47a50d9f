"""The originals store: every raw document's bytes kept once, by SHA-256, compressed.

Layout: ``HOME/originals/ab/cd/abcd…64hex.zst`` (zstd frames, with the frame's
content checksum on). A file is written to a temporary name, fsynced, then
renamed into place, and its folder fsynced — so a file under its final name
is always complete, and it exists before any database row refers to it.
Files are never rewritten: an existing file is left alone.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import zstandard

from morgue.errors import IntegrityError

# Level 3 is zstd's default: ~5x on HTML at hundreds of MB/s; higher levels
# cost far more CPU than the disk they save on an archive of small pages.
ZSTD_LEVEL = 3
CHUNK = 1 << 20


@dataclass(frozen=True)
class PackedOriginal:
    """An original ready to store: its hash, its size, and its compressed bytes."""

    sha256: str
    size: int
    compressed: bytes


def pack_original(data: bytes) -> PackedOriginal:
    """Return the SHA-256, size and zstd-compressed form of ``data`` (pure; runs in workers)."""
    compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL, write_checksum=True, write_content_size=True)
    return PackedOriginal(hashlib.sha256(data).hexdigest(), len(data), compressor.compress(data))


class OriginalsStore:
    """Content-addressed, append-only storage of originals under one folder."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        """Return where the original with this SHA-256 lives (whether or not it exists)."""
        return self.root / sha256[:2] / sha256[2:4] / f"{sha256}.zst"

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put(self, packed: PackedOriginal) -> bool:
        """Store a packed original atomically; return True if it was new, False if already kept."""
        final = self.path_for(packed.sha256)
        if final.is_file():
            return False
        final.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=final.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(packed.compressed)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, final)
        except BaseException:
            # A half-written temp file must never be mistaken for an original.
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(final.parent)
        return True

    def put_many(self, packed: list[PackedOriginal]) -> int:
        """Store a batch of originals atomically and durably; return how many were new.

        Same guarantees as ``put`` for each file, with two filesystem syncs per
        batch instead of two fsyncs per file: every temporary file is written,
        the filesystem is synced (contents durable), all are renamed into place,
        and it is synced again (names durable) before the caller records rows.
        """
        todo = {p.sha256: p for p in packed if not self.path_for(p.sha256).is_file()}
        if not todo:
            return 0
        if _syncfs is None:
            return sum(self.put(p) for p in todo.values())
        temps: list[tuple[str, Path]] = []
        try:
            for item in todo.values():
                final = self.path_for(item.sha256)
                final.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=final.parent)
                temps.append((tmp, final))
                with os.fdopen(fd, "wb") as out:
                    out.write(item.compressed)
            self._sync()
            for tmp, final in temps:
                os.replace(tmp, final)
            self._sync()
        except BaseException:
            for tmp, _ in temps:
                Path(tmp).unlink(missing_ok=True)
            raise
        return len(todo)

    def _sync(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root, os.O_RDONLY)
        try:
            if _syncfs(fd) != 0:
                err = ctypes.get_errno()
                raise OSError(err, f"syncfs failed on {self.root}: {os.strerror(err)}")
        finally:
            os.close(fd)

    def get(self, sha256: str) -> bytes:
        """Return the exact original bytes, checked against their SHA-256."""
        data = self._read(sha256)
        if hashlib.sha256(data).hexdigest() != sha256:
            raise IntegrityError(f"original {sha256} does not match its hash")
        return data

    def check(self, sha256: str, size: int) -> str | None:
        """Re-hash one original; return None when intact, else what is wrong in plain words."""
        path = self.path_for(sha256)
        if not path.is_file():
            return "file is missing"
        digest = hashlib.sha256()
        length = 0
        try:
            with path.open("rb") as fh:
                reader = zstandard.ZstdDecompressor().stream_reader(fh)
                while chunk := reader.read(CHUNK):
                    digest.update(chunk)
                    length += len(chunk)
        except (zstandard.ZstdError, OSError) as exc:
            return f"cannot be decompressed ({exc})"
        if digest.hexdigest() != sha256:
            return "bytes do not match their SHA-256"
        if length != size:
            return f"size is {length} bytes, the archive recorded {size}"
        return None

    def copy_missing_to(self, other: OriginalsStore, progress=None) -> tuple[int, int]:
        """Copy every original this store has and ``other`` lacks; return (files copied, bytes copied).

        Incremental by construction: an original is never rewritten, so one
        already under its name in ``other`` is the same file. Each copy is
        written to a temporary name, synced and renamed, as ``put`` does.
        """
        copied = size = 0
        folders: set[Path] = set()
        for sha256 in self.iter_hashes():
            final = other.path_for(sha256)
            if final.is_file():
                continue
            final.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=final.parent)
            try:
                with os.fdopen(fd, "wb") as out, self.path_for(sha256).open("rb") as data:
                    shutil.copyfileobj(data, out, CHUNK)
                    out.flush()
                    os.fsync(out.fileno())
                    size += out.tell()
                os.replace(tmp, final)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            folders.add(final.parent)
            copied += 1
            if progress:
                progress(1)
        for folder in folders:  # the renames durable too
            _fsync_dir(folder)
        return copied, size

    def leftover_temporaries(self) -> list[Path]:
        """Return the temporary files a write killed part-way left behind (never an original)."""
        return sorted(self.root.glob("??/??/.tmp-*"))

    def remove_leftover_temporaries(self) -> int:
        """Remove the temporary files of killed writes; return how many (call only when no other writer runs)."""
        removed = 0
        for path in self.leftover_temporaries():
            try:
                path.unlink()
                removed += 1
            except FileNotFoundError:
                pass
        return removed

    def iter_hashes(self):
        """Yield the SHA-256 of every original file present on disk."""
        for path in sorted(self.root.glob("??/??/*.zst")):
            yield path.name[: -len(".zst")]

    def _read(self, sha256: str) -> bytes:
        path = self.path_for(sha256)
        try:
            with path.open("rb") as fh:
                return zstandard.ZstdDecompressor().stream_reader(fh).read()
        except FileNotFoundError as exc:
            raise IntegrityError(f"original {sha256} is missing from {self.root}") from exc
        except zstandard.ZstdError as exc:
            raise IntegrityError(f"original {sha256} cannot be decompressed: {exc}") from exc


def _load_syncfs():
    # syncfs(2) flushes one filesystem: Linux only; elsewhere put() fsyncs file by file.
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        return libc.syncfs
    except (OSError, AttributeError, TypeError):
        return None


_syncfs = _load_syncfs()


def _fsync_dir(path: Path) -> None:
    # The rename is durable only once the folder's entry is on disk too.
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
