"""The revision hash chain: each revision's hash covers its content and its predecessor's hash."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def revision_hash(previous_hash: str, number: int, kind: str, snapshot: dict, reason: str, public_note: str, author_id, created_at) -> str:
    """Return the SHA-256 over a revision's canonical JSON form and the previous hash."""
    payload = {
        "previous": previous_hash,
        "number": number,
        "kind": kind,
        "fields": {k: _plain(v) for k, v in sorted(snapshot.items())},
        "reason": reason,
        "public_note": public_note,
        "author": author_id,
        # Stored timestamps round-trip at microsecond precision on SQLite and PostgreSQL.
        "created_at": _plain(created_at),
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
