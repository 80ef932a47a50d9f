import hashlib

import pytest

from morgue.archive.store import OriginalsStore, pack_original
from morgue.errors import IntegrityError


def test_put_get_round_trips_exact_bytes(tmp_path):
    store = OriginalsStore(tmp_path)
    data = "Caf\u00e9 \u2014 r\u00e9sum\u00e9".encode("cp1252", "replace") + bytes(range(256))
    packed = pack_original(data)
    assert packed.sha256 == hashlib.sha256(data).hexdigest()
    assert store.put(packed) is True
    assert store.put(packed) is False  # stored once
    assert store.get(packed.sha256) == data
    assert store.check(packed.sha256, len(data)) is None
    assert list(store.iter_hashes()) == [packed.sha256]
    assert not list(store.path_for(packed.sha256).parent.glob(".tmp-*"))


def test_check_finds_damage(tmp_path):
    store = OriginalsStore(tmp_path)
    a, b = pack_original(b"first original"), pack_original(b"second original")
    store.put(a)
    store.put(b)
    # Swap b's file for a's bytes: the name no longer matches the content.
    store.path_for(b.sha256).write_bytes(a.compressed)
    assert "SHA-256" in store.check(b.sha256, b.size)
    store.path_for(a.sha256).write_bytes(b"not zstd at all")
    assert "decompressed" in store.check(a.sha256, a.size)
    with pytest.raises(IntegrityError):
        store.get(a.sha256)
    assert store.check("0" * 64, 1) == "file is missing"


def test_put_many_stores_a_batch_once(tmp_path):
    store = OriginalsStore(tmp_path)
    batch = [pack_original(f"page {i}".encode()) for i in range(20)]
    assert store.put_many(batch + batch[:3]) == 20
    assert store.put_many(batch) == 0
    assert all(store.get(p.sha256) == f"page {i}".encode() for i, p in enumerate(batch))
    assert not list(tmp_path.rglob(".tmp-*"))
