"""Sightings remember their payload's hash; touch() marks unchanged postings seen without it."""

from __future__ import annotations

import sqlite3

from screener.normalize.record import normalize_record
from screener.store import Store
from screener.store.keys import raw_hash


def posting(source_id: str, **raw):
    payload = {"id": source_id, "title": f"Operations Manager {source_id}", **raw}
    record = {"source_id": source_id, "title": payload["title"], "company": "Acme", "raw": payload}
    return normalize_record(record, source="greenhouse", board="acme")


def test_raw_hash_follows_the_payload():
    assert raw_hash({"id": 1, "t": "x"}) == raw_hash({"id": 1, "t": "x"})
    assert raw_hash({"id": 1, "t": "x"}) != raw_hash({"id": 1, "t": "y"})
    assert raw_hash(None) is None and raw_hash({}) is None


def test_open_sightings_and_touch(db_path):
    with Store.open(db_path) as store:
        night1 = store.begin_run("crawl", "greenhouse", "acme")
        store.upsert([posting("1"), posting("2")], night1)
        store.upsert([posting("3", title="Shift Lead")], night1)
        assert store.open_sightings("greenhouse", "acme") == {
            "1": raw_hash(posting("1").raw),
            "2": raw_hash(posting("2").raw),
            "3": raw_hash(posting("3", title="Shift Lead").raw),
        }
        night2 = store.begin_run("crawl", "greenhouse", "acme")
        assert store.touch("greenhouse", "acme", ["1", "2"], night2) == 2
        # 3 was not seen: closing the board closes it, and touched postings stay open.
        assert store.close_missing("greenhouse", "acme", night2) == 1
        assert set(store.open_sightings("greenhouse", "acme")) == {"1", "2"}
        assert store.touch("greenhouse", "acme", ["3"], night2) == 0  # closed sightings are not touched
    with sqlite3.connect(db_path) as conn:
        rows = dict(conn.execute("SELECT source_id, last_seen > first_seen OR last_seen = first_seen FROM postings"))
    assert rows == {"1": 1, "2": 1, "3": 1}


def test_an_old_database_gets_the_column(db_path):
    with Store.open(db_path) as store:
        columns = {row[1] for row in store.conn.execute("PRAGMA table_info(sightings)")}
    assert "raw_hash" in columns
