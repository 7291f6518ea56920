"""Writing postings: upsert with dedupe across sources and reposts, and closing what disappeared."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rapidfuzz import fuzz

from screener.records import Posting
from screener.store.keys import content_hash, dedupe_key, encode_raw, posting_id, raw_hash, source_key

NEAR_IDENTICAL = 90.0
"""rapidfuzz ratio (0-100) above which two descriptions are the same text with small edits."""

_COLUMNS = (
    "source",
    "source_id",
    "url",
    "title",
    "company",
    "department",
    "location",
    "city",
    "region",
    "country",
    "remote",
    "employment_type",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "salary_annual_min",
    "salary_annual_max",
    "salary_raw",
    "date_posted",
    "date_posted_raw",
    "valid_through",
    "description",
    "years_min",
    "years_max",
)
_INSERT = (
    f"INSERT INTO postings (id, {', '.join(_COLUMNS)}, "
    "hints, content_hash, dedupe_key, first_seen, last_seen, updated_at) "
    f"VALUES (?, {', '.join('?' for _ in _COLUMNS)}, ?, ?, ?, ?, ?, ?)"
)
_UPDATE = (
    f"UPDATE postings SET {', '.join(f'{c} = ?' for c in _COLUMNS if c not in ('source', 'source_id'))}, "
    "hints = ?, content_hash = ?, dedupe_key = ?, updated_at = ?, last_seen = ?, closed_at = NULL WHERE id = ?"
)


@dataclass
class UpsertResult:
    """What one batch of postings did to the store."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    """Seen under a new source or id, folded into a posting already stored."""
    reopened: int = 0
    ids: list[str] = field(default_factory=list)

    def add(self, other: UpsertResult) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.duplicates += other.duplicates
        self.reopened += other.reopened
        self.ids.extend(other.ids)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def begin(conn: sqlite3.Connection) -> None:
    """Take the write lock now, so a batch never fails half-way on a busy database."""
    if not conn.in_transaction:
        conn.execute("BEGIN IMMEDIATE")


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
        "SELECT s.posting_id, s.closed_at, p.content_hash, p.closed_at FROM sightings s "
        "JOIN postings p ON p.id = s.posting_id WHERE s.source = ? AND s.board = ? AND s.source_key = ?",
        (posting.source, board, key),
    ).fetchone()
    if seen is not None:
        pid, sighting_closed, old_hash, posting_closed = seen
        if sighting_closed or posting_closed:
            result.reopened += 1
        if old_hash != chash:
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


def open_sightings(conn: sqlite3.Connection, source: str, board: str | None) -> dict[str, str | None]:
    """source key -> payload hash of every open sighting of a board whose posting is open."""
    return dict(
        conn.execute(
            "SELECT s.source_key, s.raw_hash FROM sightings s JOIN postings p ON p.id = s.posting_id "
            "WHERE s.source = ? AND s.board = ? AND s.closed_at IS NULL AND p.closed_at IS NULL",
            (source, board or ""),
        ).fetchall()
    )


def touch(
    conn: sqlite3.Connection, source: str, board: str | None, keys: Iterable[str], run_id: int, now: str | None = None
) -> int:
    """Mark postings of a board seen again, unchanged, in run ``run_id`` (what ``upsert`` does to an
    unchanged posting, without its payload). Returns how many sightings were touched."""
    now = now or now_iso()
    board = board or ""
    with conn:
        begin(conn)
        touched = conn.executemany(
            "UPDATE sightings SET last_seen = ?, last_run = ? WHERE source = ? AND board = ? AND source_key = ? "
            "AND closed_at IS NULL",
            [(now, run_id, source, board, key) for key in keys],
        ).rowcount
        conn.execute(
            "UPDATE postings SET last_seen = ? WHERE id IN "
            "(SELECT posting_id FROM sightings WHERE source = ? AND board = ? AND last_run = ? AND last_seen = ?)",
            (now, source, board, run_id, now),
        )
    return touched


def close_missing(conn: sqlite3.Connection, source: str, board: str | None, run_id: int, now: str | None = None) -> int:
    """Close the sightings of a board that a successful run did not see; a posting closes when it
    has no open sighting left. Returns the number of postings closed."""
    now = now or now_iso()
    with conn:
        begin(conn)
        gone = [
            row[0]
            for row in conn.execute(
                "SELECT posting_id FROM sightings WHERE source = ? AND board = ? AND closed_at IS NULL "
                "AND (last_run IS NULL OR last_run != ?)",
                (source, board or "", run_id),
            )
        ]
        conn.execute(
            "UPDATE sightings SET closed_at = ? WHERE source = ? AND board = ? AND closed_at IS NULL "
            "AND (last_run IS NULL OR last_run != ?)",
            (now, source, board or "", run_id),
        )
        closed = 0
        for pid in set(gone):
            cursor = conn.execute(
                "UPDATE postings SET closed_at = ? WHERE id = ? AND closed_at IS NULL AND NOT EXISTS "
                "(SELECT 1 FROM sightings WHERE posting_id = ? AND closed_at IS NULL)",
                (now, pid, pid),
            )
            closed += cursor.rowcount
    return closed
