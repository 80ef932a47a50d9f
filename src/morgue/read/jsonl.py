"""Reading JSONL exports: one article per line, streamed line by line."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import BinaryIO, Iterator

from .document import RawDocument, Rejection, SourceLocation
from .limits import CHUNK
from .options import ReadOptions


def read_jsonl(stream: BinaryIO, location: SourceLocation, options: ReadOptions) -> Iterator[RawDocument | Rejection]:
    """Yield a RawDocument (kind "jsonl") for each non-blank line of ``stream``.

    A document's data is the line's bytes without its line ending ("\\n" or
    "\\r\\n"); its location.offset is the 1-based line number. A line that is
    not a JSON object is a "bad-json" Rejection and a line longer than
    ``max_document_bytes`` a "too-large" one; the lines after it are read.
    """
    cap = options.max_document_bytes
    number = yielded = 0
    while True:
        # readline with a limit: one enormous line cannot fill memory.
        line = stream.readline(cap + 1)
        if not line:
            if not yielded:  # blank lines only: the export itself is accounted for, never silently skipped
                yield Rejection(location, "empty", f"the export holds no records ({number} blank lines)")
            return
        number += 1
        where = replace(location, offset=number)
        if len(line) > cap and not line.endswith(b"\n"):
            _skip_to_line_end(stream)
            yielded += 1
            yield Rejection(where, "too-large", f"line {number} is longer than the limit of {cap} bytes")
            continue
        data = _without_line_end(line)
        if not data.strip():
            continue
        problem = _json_object_problem(data, first_line=number == 1)
        if problem:
            yielded += 1
            yield Rejection(where, "bad-json", f"line {number} is not a JSON object: {problem}")
            continue
        yielded += 1
        yield RawDocument(data=data, location=where, kind="jsonl")


def _without_line_end(line: bytes) -> bytes:
    """Return ``line`` without its final "\\n" or "\\r\\n" (other bytes kept exactly)."""
    if line.endswith(b"\n"):
        line = line[:-1]
        if line.endswith(b"\r"):
            line = line[:-1]
    return line


def _skip_to_line_end(stream: BinaryIO) -> None:
    """Read and drop the rest of the current line."""
    while True:
        piece = stream.readline(CHUNK)
        if not piece or piece.endswith(b"\n"):
            return


_JSON_NAMES = {list: "array", str: "string", int: "number", float: "number", bool: "boolean", type(None): "null"}


def _json_object_problem(data: bytes, first_line: bool) -> str:
    """Return why ``data`` is not a JSON object, or "" if it is one.

    Bytes that are not UTF-8 are let through (surrogate-escaped for the
    check): a wrong encoding is for the extract stage to repair, not a
    reason to reject.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    if first_line:
        text = text.removeprefix("\ufeff")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        return f"{e.msg} at column {e.colno}"
    except (ValueError, RecursionError) as e:
        return str(e) or "nested too deeply"
    if not isinstance(value, dict):
        return f"a JSON {_JSON_NAMES.get(type(value), 'value')}, not an object"
    return ""
