"""The one options object of a read run, with every default in one place."""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024
GiB = 1024 * MiB


@dataclass(frozen=True)
class ReadOptions:
    """Limits and switches for ``read_sources``; build one per run.

    max_document_bytes
        A single document (an HTML page, a text scrape, a NITF file, one WARC
        payload, one JSONL line) larger than this is rejected as "too-large".
        Files on disk are checked by size before their body is read.
    max_container_member_bytes
        The most we decompress or hold for one member of a zip or tar (a
        nested container is read from memory, so this also bounds that).
    max_compression_ratio
        A stream that has produced more than ``ratio_floor_bytes`` and has
        expanded more than this many times its compressed size is a
        "zip-bomb". Ordinary HTML deflates 5-10 times; 100 leaves room.
    ratio_floor_bytes
        Below this many decompressed bytes the ratio is not judged: a tiny
        file of spaces may legitimately deflate 1000 times.
    max_container_total_bytes
        The most we decompress from one file on disk, counting every member
        and every nested layer; past it the rest of the file is abandoned
        as a "zip-bomb".
    max_nesting_depth
        How many containers or compression layers may sit inside one another
        (a zip in a tar in a gzip is 3); deeper is treated as a "zip-bomb"
        (a self-containing archive would otherwise recurse for ever).
    skip_hidden
        Skip files and folders whose name starts with "." (``.git``,
        ``.DS_Store``) and macOS ``__MACOSX`` folders inside archives, when
        walking a folder or a container. A hidden path named explicitly is
        still read.
    follow_symlinks
        A symbolic link found inside a folder is not followed (a link to
        ``/etc/passwd`` must never become an article): it is a Rejection
        ("symlink") naming its target. With this set, a link is followed
        when its target lies inside one of the paths given, and is an
        "outside-sources" Rejection otherwise. A path given by name is
        always read, link or not: whoever typed it chose it.
    """

    max_document_bytes: int = 64 * MiB
    max_container_member_bytes: int = 64 * MiB
    max_compression_ratio: float = 100.0
    ratio_floor_bytes: int = 1 * MiB
    max_container_total_bytes: int = 4 * GiB
    max_nesting_depth: int = 8
    skip_hidden: bool = True
    follow_symlinks: bool = False
