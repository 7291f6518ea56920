"""The store's upsert as it was before it was batched (one posting at a time, a query or more each),
kept as the reference the batched :func:`screener.store.postings.upsert` must agree with row for
row (``tests/test_store_batch.py``)."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable

from rapidfuzz import fuzz

from screener.records import Posting
from screener.store.keys import content_hash, dedupe_key, encode_raw, posting_id, raw_hash, source_key
from screener.store.postings import _COLUMNS, _INSERT, _UPDATE, NEAR_IDENTICAL, UpsertResult, begin, now_iso


def upsert(
    conn: sqlite3.Connection, postings: Iterable[Posting], run_id: int | None = None, now: str | None = None
) -> UpsertResult:
    """Store a batch in one transaction: all of it lands, or none of it does."""
    now = now or now_iso()
    result = UpsertResult()
    with conn:
        begin(conn)
        for posting in postings:
            _upsert_one(conn, posting, run_id, now, result)
    return result


def _values(posting: Posting) -> list[object]:
    return [getattr(posting, c) for c in _COLUMNS]


def _upsert_one(conn: sqlite3.Connection, posting: Posting, run_id: int | None, now: str, result: UpsertResult) -> None:
    board = posting.board or ""
    key = source_key(posting)
    chash = content_hash(posting)
    dkey = dedupe_key(posting)
    hints = json.dumps(posting.hints, ensure_ascii=False, sort_keys=True)
    seen = conn.execute(
        "SELECT s.posting_id, s.closed_at, s.raw_hash, p.content_hash, p.closed_at, "
        "(SELECT count(*) > 1 FROM sightings o WHERE o.posting_id = s.posting_id) FROM sightings s "
        "JOIN postings p ON p.id = s.posting_id WHERE s.source = ? AND s.board = ? AND s.source_key = ?",
        (posting.source, board, key),
    ).fetchone()
    if seen is not None:
        pid, sighting_closed, old_raw_hash, old_hash, posting_closed, shared = seen
        old_raw_hash = old_raw_hash if shared else None
        if sighting_closed or posting_closed:
            result.reopened += 1
        new_raw_hash = raw_hash(posting.raw)
        if old_hash != chash and not (new_raw_hash is not None and new_raw_hash == old_raw_hash):
            values = [getattr(posting, c) for c in _COLUMNS if c not in ("source", "source_id")]
            conn.execute(_UPDATE, (*values, hints, chash, dkey, now, now, pid))
            result.updated += 1
        else:
            conn.execute("UPDATE postings SET last_seen = ?, closed_at = NULL WHERE id = ?", (now, pid))
            result.unchanged += 1
        conn.execute(
            "UPDATE sightings SET last_seen = ?, last_run = ?, closed_at = NULL, raw_hash = ? "
            "WHERE source = ? AND board = ? AND source_key = ?",
            (now, run_id, raw_hash(posting.raw), posting.source, board, key),
        )
        _store_raw(conn, pid, posting, now)
        result.ids.append(pid)
        return

    pid = _find_duplicate(conn, posting, dkey)
    if pid is not None:
        row = conn.execute("SELECT closed_at, description FROM postings WHERE id = ?", (pid,)).fetchone()
        if row[0] is not None:
            result.reopened += 1
        if not row[1] and posting.description:
            # the other source had no text: take the fuller record
            values = [getattr(posting, c) for c in _COLUMNS if c not in ("source", "source_id")]
            conn.execute(_UPDATE, (*values, hints, chash, dkey, now, now, pid))
        else:
            conn.execute("UPDATE postings SET last_seen = ?, closed_at = NULL WHERE id = ?", (now, pid))
        result.duplicates += 1
    else:
        pid = posting_id(posting)
        cursor = conn.execute(
            _INSERT.replace("INSERT", "INSERT OR IGNORE", 1),
            (pid, *_values(posting), hints, chash, dkey, now, now, now),
        )
        if cursor.rowcount == 0:  # the id is taken by a posting from another key: derive a new one
            pid = posting_id(posting) + chash[:4]
            conn.execute(_INSERT, (pid, *_values(posting), hints, chash, dkey, now, now, now))
        result.new += 1
    conn.execute(
        "INSERT INTO sightings (source, board, source_key, posting_id, first_seen, last_seen, last_run, raw_hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (posting.source, board, key, pid, now, now, run_id, raw_hash(posting.raw)),
    )
    _store_raw(conn, pid, posting, now)
    result.ids.append(pid)


def _find_duplicate(conn: sqlite3.Connection, posting: Posting, dkey: str) -> str | None:
    """A stored posting that is the same real job: same dedupe key and near-identical text."""
    if dkey.startswith("!"):
        return None
    text = posting.description[:3000]
    for pid, other in conn.execute(
        "SELECT id, substr(description, 1, 3000) FROM postings WHERE dedupe_key = ? ORDER BY first_seen LIMIT 20",
        (dkey,),
    ):
        if not text or not other or fuzz.ratio(text, other) >= NEAR_IDENTICAL:
            return pid
    return None


def _store_raw(conn: sqlite3.Connection, pid: str, posting: Posting, now: str) -> None:
    if posting.raw is None:
        return
    payload = zlib.compress(encode_raw(posting.raw), 6)
    conn.execute(
        "INSERT INTO raw_payloads (posting_id, fetched_at, payload) VALUES (?, ?, ?) "
        "ON CONFLICT (posting_id) DO UPDATE SET fetched_at = excluded.fetched_at, payload = excluded.payload",
        (pid, now, payload),
    )
