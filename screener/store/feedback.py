"""The user's own columns (my_status, my_notes), kept in the store across shortlists.

Rank records what each shortlist file holds in those columns every time it writes one
(``shortlist_writes``, ``written_cells``). Reading a file back, the write it came from is the one
whose cells it matches best (a copy saved under another name, or last week's file, finds its own
write); a cell that still holds what that write put there is not an edit and changes nothing, a
cell that differs is an edit and is kept, a cleared cell included. A file with no recorded write
(made before this was kept, or by hand) is read conservatively: its filled cells are edits, its
blank cells clear nothing.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from screener.store.postings import begin

Cells = tuple[str | None, str | None]
KEEP_WRITES = 60
"""Writes remembered per file: two months of nightly shortlists, for copies made from any of them."""


@dataclass(frozen=True, slots=True)
class Saved:
    """What reading a file's edits did: rows stored or changed, rows cleared, and rows the file
    holds as rank wrote them while the store has changed since (left as stored)."""

    saved: int = 0
    cleared: int = 0
    older: int = 0

    @property
    def changed(self) -> int:
        return self.saved + self.cleared


def saved_at() -> str:
    """Now, to the microsecond."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def clean(value: object) -> str | None:
    """A cell as stored and compared: text with line ends as \\n (a spreadsheet may turn a lone CR
    into LF) and no surrounding space; None for blank or missing (NaN too)."""
    if not isinstance(value, str):
        if value is None or value != value:
            return None
        value = str(value)
    return value.replace("\r\n", "\n").replace("\r", "\n").strip() or None


def record_written(conn: sqlite3.Connection, path: str, rows: Iterable[tuple[object, object, object]]) -> None:
    """Remember what a shortlist file now holds in the user's columns (rows as read back from it)."""
    with conn:
        begin(conn)
        write_id = conn.execute(
            "INSERT INTO shortlist_writes (path, written_at) VALUES (?, ?)", (path, saved_at())
        ).lastrowid
        conn.executemany(
            "INSERT OR REPLACE INTO written_cells (write_id, posting_id, my_status, my_notes) VALUES (?, ?, ?, ?)",
            [(write_id, str(pid), clean(status), clean(notes)) for pid, status, notes in rows if pid],
        )
        stale = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM shortlist_writes WHERE path = ? ORDER BY id DESC LIMIT -1 OFFSET ?", (path, KEEP_WRITES)
            )
        ]
        for start in range(0, len(stale), 500):
            chunk = stale[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            conn.execute(f"DELETE FROM written_cells WHERE write_id IN ({marks})", chunk)
            conn.execute(f"DELETE FROM shortlist_writes WHERE id IN ({marks})", chunk)


def origin(conn: sqlite3.Connection, cells: dict[str, Cells], path: str | None = None) -> dict[str, Cells] | None:
    """What the write a file came from put in it, per posting. A file rank wrote at this path comes
    from the last write there (rank replaces it each time); any other file (a copy saved elsewhere)
    from the recorded write whose cells its rows match most often, the latest on a tie. None when
    nothing matches."""
    if path is not None:
        last = conn.execute("SELECT max(id) FROM shortlist_writes WHERE path = ?", (path,)).fetchone()[0]
        if last is not None:
            return _cells_of(conn, last)
    votes: Counter[int] = Counter()
    ids = list(cells)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for write_id, pid, status, notes in conn.execute(
            f"SELECT write_id, posting_id, my_status, my_notes FROM written_cells WHERE posting_id IN ({marks})", chunk
        ):
            if cells.get(pid) == (status, notes):
                votes[write_id] += 1
    if not votes:
        return None
    return _cells_of(conn, max(votes, key=lambda write_id: (votes[write_id], write_id)))


def _cells_of(conn: sqlite3.Connection, write_id: int) -> dict[str, Cells]:
    return {
        pid: (status, notes)
        for pid, status, notes in conn.execute(
            "SELECT posting_id, my_status, my_notes FROM written_cells WHERE write_id = ?", (write_id,)
        )
    }


def save_feedback(
    conn: sqlite3.Connection,
    rows: Iterable[tuple[str, object, object]],
    from_file: str | bool = False,
) -> Saved:
    """Store (posting_id, my_status, my_notes); a row emptied by an edit clears.

    ``from_file``: the rows were read back from a shortlist (its absolute path, or True when it is
    not known); only edits count (see the module). False: every row is taken as given.
    """
    cells = {pid: (clean(status), clean(notes)) for pid, status, notes in rows}
    base = origin(conn, cells, from_file if isinstance(from_file, str) else None) if from_file else None
    now = saved_at()
    saved = cleared = older = 0
    with conn:
        begin(conn)
        for pid, (status, notes) in cells.items():
            old = conn.execute("SELECT my_status, my_notes FROM feedback WHERE posting_id = ?", (pid,)).fetchone()
            stored: Cells = (old[0], old[1]) if old is not None else (None, None)
            if from_file:
                written = base.get(pid) if base is not None else None
                if written is None:  # no known origin: filled cells are edits, blanks clear nothing
                    status, notes = status or stored[0], notes or stored[1]
                elif (status, notes) == written:
                    older += stored != written
                    continue
            if stored == (status, notes):
                continue
            if status is None and notes is None:
                conn.execute("DELETE FROM feedback WHERE posting_id = ?", (pid,))
                cleared += 1
                continue
            conn.execute(
                "INSERT INTO feedback (posting_id, my_status, my_notes, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (posting_id) DO UPDATE SET my_status = excluded.my_status, "
                "my_notes = excluded.my_notes, updated_at = excluded.updated_at",
                (pid, status, notes, now),
            )
            saved += 1
    return Saved(saved, cleared, older)


def load_feedback(conn: sqlite3.Connection) -> dict[str, tuple[str | None, str | None]]:
    return {
        pid: (status, notes)
        for pid, status, notes in conn.execute("SELECT posting_id, my_status, my_notes FROM feedback")
    }


def resolve_ids(conn: sqlite3.Connection, ids: list[str | None], urls: list[str | None]) -> list[str | None]:
    """Posting ids for rows from a shortlist: the id when it exists, else the posting with that URL."""
    known = set()
    wanted = [i for i in ids if i]
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        known.update(
            r[0] for r in conn.execute(f"SELECT id FROM postings WHERE id IN ({', '.join('?' for _ in chunk)})", chunk)
        )
    out: list[str | None] = []
    for pid, url in zip(ids, urls, strict=True):
        if pid and pid in known:
            out.append(pid)
        elif url:
            row = conn.execute("SELECT id FROM postings WHERE url = ? ORDER BY first_seen LIMIT 1", (url,)).fetchone()
            out.append(row[0] if row else None)
        else:
            out.append(None)
    return out
