"""Writing postings: upsert with dedupe across sources and reposts, and closing what disappeared."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rapidfuzz import fuzz

from screener.records import POSTING_FIELDS, Posting
from screener.store.keys import content_hash, dedupe_key, encode_raw, hash_encoded, posting_id, source_key

NEAR_IDENTICAL = 90.0
"""rapidfuzz ratio (0-100) above which two descriptions are the same text with small edits."""

_COLUMNS: tuple[str, ...] = tuple(f for f in POSTING_FIELDS if f not in ("board", "hints", "raw"))
"""The ``postings`` columns a :class:`Posting` fills as they are (``hints`` is stored as JSON, the
board and the raw payload belong to the sighting)."""
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
    """Store a batch in one transaction: all of it lands, or none of it does.

    Postings are taken in order, each seeing what the ones before it did (a job listed twice in
    one batch is one posting). What is stored already is read once for the whole batch (its
    sightings, ids and dedupe keys) and the writes go out with ``executemany``; only a posting
    whose dedupe key is stored already reads the database on its own (:func:`_find_duplicate`).
    """
    now = now or now_iso()
    result = UpsertResult()
    batch = [_Prepared.of(posting) for posting in postings]
    with conn:
        begin(conn)
        writer = _BatchWriter(conn, run_id, now, result)
        writer.load(batch)
        for item in batch:
            writer.store(item)
        writer.flush()
    return result


@dataclass(slots=True)
class _Prepared:
    """A posting with everything the store derives from it, computed once."""

    posting: Posting
    board: str
    key: str
    chash: str
    dkey: str
    hints: str
    pid: str
    """The id a new posting gets (:func:`posting_id`)."""
    raw: bytes | None
    """The payload as :func:`encode_raw` writes it, or None."""
    raw_hash: str | None

    @classmethod
    def of(cls, posting: Posting) -> _Prepared:
        raw = encode_raw(posting.raw) if posting.raw is not None else None
        return cls(
            posting=posting,
            board=posting.board or "",
            key=source_key(posting),
            chash=content_hash(posting),
            dkey=dedupe_key(posting),
            hints=json.dumps(posting.hints, ensure_ascii=False, sort_keys=True),
            pid=posting_id(posting),
            raw=raw,
            # raw_hash(): None for an empty or missing payload
            raw_hash=hash_encoded(raw) if raw is not None and isinstance(posting.raw, dict) and posting.raw else None,
        )

    def values(self) -> list[object]:
        return [getattr(self.posting, c) for c in _COLUMNS if c not in ("source", "source_id")]


_CHUNK = 500
"""Keys per ``IN (...)`` query (SQLite's limit on parameters is 999 in old builds)."""
_TOUCH_POSTING = "UPDATE postings SET last_seen = ?, closed_at = NULL WHERE id = ?"
_INSERT_SIGHTING = (
    "INSERT INTO sightings (source, board, source_key, posting_id, first_seen, last_seen, last_run, raw_hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_UPDATE_SIGHTING = (
    "UPDATE sightings SET last_seen = ?, last_run = ?, closed_at = NULL, raw_hash = ? "
    "WHERE source = ? AND board = ? AND source_key = ?"
)
_STORE_RAW = (
    "INSERT INTO raw_payloads (posting_id, fetched_at, payload) VALUES (?, ?, ?) "
    "ON CONFLICT (posting_id) DO UPDATE SET fetched_at = excluded.fetched_at, payload = excluded.payload"
)


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(values), _CHUNK):
        yield values[i : i + _CHUNK]


class _BatchWriter:
    """One batch's upsert: the stored state it needs is read up front and kept current in memory
    as the batch goes; writes are queued and flushed in an order that gives the same rows as
    running them one by one (inserts before updates, each kind in batch order; the two kinds of
    update a posting can get both set ``last_seen`` and reopen it, so their order does not matter)."""

    def __init__(self, conn: sqlite3.Connection, run_id: int | None, now: str, result: UpsertResult) -> None:
        self.conn = conn
        self.run_id = run_id
        self.now = now
        self.result = result
        self.sightings: dict[tuple[str, str, str], list[object]] = {}
        """(source, board, key) -> [posting id, sighting closed_at, the sighting's last payload hash]"""
        self.shared: set[str] = set()
        """Posting ids more than one sighting points at (of those this batch touches)."""
        self.postings: dict[str, list[object]] = {}
        """posting id -> [content hash, closed_at], for the postings the batch's sightings point at"""
        self.ids: set[str] = set()
        """Posting ids stored already (of those this batch could give out), and the ones it gave."""
        self.dedupe_keys: set[str] = set()
        """Dedupe keys stored already (of this batch's), and the ones it stored."""
        self.queued: dict[str, list[tuple[object, ...]]] = {
            name: [] for name in ("insert", "update", "touch", "insert_sighting", "update_sighting", "raw")
        }

    def load(self, batch: list[_Prepared]) -> None:
        by_board: dict[tuple[str, str], list[str]] = {}
        for item in batch:
            by_board.setdefault((item.posting.source, item.board), []).append(item.key)
        for (source, board), keys in by_board.items():
            for chunk in _chunks(list(dict.fromkeys(keys))):
                rows = self.conn.execute(
                    "SELECT s.source_key, s.posting_id, s.closed_at, s.raw_hash, p.content_hash, p.closed_at, "
                    "(SELECT count(*) > 1 FROM sightings o WHERE o.posting_id = s.posting_id) FROM sightings s "
                    "JOIN postings p ON p.id = s.posting_id WHERE s.source = ? AND s.board = ? "
                    f"AND s.source_key IN ({', '.join('?' * len(chunk))})",
                    (source, board, *chunk),
                )
                for key, pid, sighting_closed, raw_hash, chash, posting_closed, shared in rows:
                    self.sightings[(source, board, key)] = [pid, sighting_closed, raw_hash]
                    if shared:
                        self.shared.add(pid)
                    self.postings[pid] = [chash, posting_closed]
        self.ids = self._present("id", [item.pid for item in batch])
        self.dedupe_keys = self._present("dedupe_key", [item.dkey for item in batch if not item.dkey.startswith("!")])

    def _present(self, column: str, values: list[str]) -> set[str]:
        """Which of ``values`` some stored posting has in ``column`` (an indexed one)."""
        found: set[str] = set()
        for chunk in _chunks(list(dict.fromkeys(values))):
            marks = ", ".join("?" * len(chunk))
            found.update(
                row[0] for row in self.conn.execute(f"SELECT {column} FROM postings WHERE {column} IN ({marks})", chunk)
            )
        return found

    def store(self, item: _Prepared) -> None:
        posting, result, now = item.posting, self.result, self.now
        sighting = self.sightings.get((posting.source, item.board, item.key))
        if sighting is not None:
            pid = str(sighting[0])
            state = self.postings[pid]
            if sighting[1] or state[1]:
                result.reopened += 1
            # A posting several sightings point at (a repost, the same job on two boards) takes a
            # sighting's content only when that sighting's payload changed: otherwise two unchanged
            # listings with slightly different text would overwrite each other every night. (The
            # payload hash is kept here only for such shared postings: a posting seen through one
            # sighting always takes its content, so a re-read after a fix is stored.)
            same_payload = pid in self.shared and item.raw_hash is not None and sighting[2] == item.raw_hash
            if state[0] != item.chash and not same_payload:
                self._update(pid, item)
                result.updated += 1
            else:
                self._touch(pid)
                result.unchanged += 1
            sighting[1], sighting[2] = None, item.raw_hash
            self.queued["update_sighting"].append(
                (now, self.run_id, item.raw_hash, posting.source, item.board, item.key)
            )
            self._store_raw(pid, item)
            result.ids.append(pid)
            return

        found = None
        if item.dkey in self.dedupe_keys:  # a stored posting may be the same job: read it as it is now
            self.flush()
            found = _find_duplicate(self.conn, posting, item.dkey)
        if found is not None:
            pid = found
            closed_at, description, chash = self.conn.execute(
                "SELECT closed_at, description, content_hash FROM postings WHERE id = ?", (pid,)
            ).fetchone()
            if closed_at is not None:
                result.reopened += 1
            self.postings[pid] = [chash, None]
            if not description and posting.description:
                self._update(pid, item)  # the other source had no text: take the fuller record
            else:
                self._touch(pid)
            result.duplicates += 1
            self.shared.add(pid)  # the sighting about to be added is its second (or more)
        else:
            pid = item.pid
            if pid in self.ids:  # the id is taken by a posting from another key: derive a new one
                pid = item.pid + item.chash[:4]
            self.ids.add(pid)
            self.queued["insert"].append(
                (pid, *[getattr(posting, c) for c in _COLUMNS], item.hints, item.chash, item.dkey, now, now, now)
            )
            self.postings[pid] = [item.chash, None]
            if not item.dkey.startswith("!"):
                self.dedupe_keys.add(item.dkey)
            result.new += 1
        self.sightings[(posting.source, item.board, item.key)] = [pid, None, item.raw_hash]
        self.queued["insert_sighting"].append(
            (posting.source, item.board, item.key, pid, now, now, self.run_id, item.raw_hash)
        )
        self._store_raw(pid, item)
        result.ids.append(pid)

    def _update(self, pid: str, item: _Prepared) -> None:
        self.queued["update"].append((*item.values(), item.hints, item.chash, item.dkey, self.now, self.now, pid))
        self.postings[pid] = [item.chash, None]
        if not item.dkey.startswith("!"):
            self.dedupe_keys.add(item.dkey)  # the posting is found under its new key from now on

    def _touch(self, pid: str) -> None:
        self.queued["touch"].append((self.now, pid))
        self.postings[pid][1] = None

    def _store_raw(self, pid: str, item: _Prepared) -> None:
        if item.raw is not None:
            self.queued["raw"].append((pid, self.now, zlib.compress(item.raw, 6)))

    def flush(self) -> None:
        for name, sql in (
            ("insert", _INSERT),
            ("update", _UPDATE),
            ("touch", _TOUCH_POSTING),
            ("insert_sighting", _INSERT_SIGHTING),
            ("update_sighting", _UPDATE_SIGHTING),
            ("raw", _STORE_RAW),
        ):
            rows = self.queued[name]
            if rows:
                self.conn.executemany(sql, rows)
                rows.clear()


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


def board_as_left(conn: sqlite3.Connection, source: str, board: str | None, previous_run: int, expected: int) -> bool:
    """Whether the store holds a board as its run ``previous_run`` left it: exactly ``expected``
    open sightings, all seen by that run, with a payload hash, of open postings."""
    open_count, as_left = conn.execute(
        "SELECT count(*), count(CASE WHEN s.last_run = ? AND s.raw_hash IS NOT NULL AND p.closed_at IS NULL "
        "THEN 1 END) FROM sightings s JOIN postings p ON p.id = s.posting_id "
        "WHERE s.source = ? AND s.board = ? AND s.closed_at IS NULL",
        (previous_run, source, board or ""),
    ).fetchone()
    return bool(open_count == as_left == expected)


def touch_boards(
    conn: sqlite3.Connection, source: str, runs: Iterable[tuple[str | None, int]], now: str | None = None
) -> int:
    """Mark every posting of each (board, run id) seen again, unchanged, in that run: what
    :func:`touch` does to each of a board's postings, for the whole board at once (for a board
    listed exactly as :func:`board_as_left` found it). Returns how many sightings were touched."""
    now = now or now_iso()
    touched = 0
    with conn:
        begin(conn)
        for board, run_id in runs:
            touched += conn.execute(
                "UPDATE sightings SET last_seen = ?, last_run = ? WHERE source = ? AND board = ? AND closed_at IS NULL",
                (now, run_id, source, board or ""),
            ).rowcount
            conn.execute(
                "UPDATE postings SET last_seen = ? WHERE id IN "
                "(SELECT posting_id FROM sightings WHERE source = ? AND board = ? AND last_run = ? AND last_seen = ?)",
                (now, source, board or "", run_id, now),
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
