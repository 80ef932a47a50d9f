"""Helpers for extraction tests: golden files under tests/data/extract, a fixed clock."""

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from morgue.extract import extract_article
from morgue.extract.options import ExtractOptions
from morgue.read.document import RawDocument, SourceLocation

DATA = Path(__file__).resolve().parent.parent / "data" / "extract"
KINDS = {".html": "html", ".txt": "text", ".xml": "nitf", ".jsonl": "jsonl"}
# The clock is the one edge we fake: every golden page is "captured" on
# 1 May 2024 and extracted on 1 June 2024.
CAPTURED = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
TODAY = date(2024, 6, 1)
OPTIONS = ExtractOptions(today=TODAY)


def raw(data: bytes, kind: str, **fields) -> RawDocument:
    """Return a raw document holding ``data``, as a reader would yield it."""
    fields.setdefault("captured_at", CAPTURED)
    return RawDocument(data=data, location=SourceLocation("/test/document"), kind=kind, **fields)


def golden(name: str, **fields) -> RawDocument:
    """Return the golden file ``name`` as a raw document of the kind its suffix says."""
    path = DATA / name
    fields.setdefault("captured_at", CAPTURED)
    return RawDocument(data=path.read_bytes(), location=SourceLocation(str(path)), kind=KINDS[path.suffix], **fields)


@pytest.fixture
def extract():
    """Return a function extracting a golden file (by name) or a raw document with the fixed clock."""

    def run(doc_or_name, options: ExtractOptions = OPTIONS, **fields):
        doc = golden(doc_or_name, **fields) if isinstance(doc_or_name, str) else doc_or_name
        return extract_article(doc, options)

    return run


@pytest.fixture
def make_raw():
    """Return a function building a raw document from bytes (see ``raw``)."""
    return raw
