"""A writing connection is set up for bulk writes: a larger page cache, fewer WAL checkpoints."""

from __future__ import annotations

from screener.store import Store
from screener.store.db import CACHE_KIB, WAL_CHECKPOINT_PAGES


def test_a_writing_connection_caches_more_and_checkpoints_less(db_path):
    with Store.open(db_path) as store:
        assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB
        assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == WAL_CHECKPOINT_PAGES
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL, as before
    with Store.open(db_path, readonly=True) as store:
        assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -2000  # SQLite's default
