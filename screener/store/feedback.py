"""The user's own columns (my_status, my_notes), kept in the store across shortlists.

Rank records what each shortlist write holds in those columns, as the file reads back
(``shortlist_writes``, ``written_cells``: the last writes per file), and every value it ever wrote
for a posting (``written_values``). Reading a file back (``rank -o`` into it, or ``feedback`` on a
copy), each row's cells are compared with the write the file comes from: the last write at its
path, or for a copy saved elsewhere the recorded write it agrees with most.

Cell by cell (my_status and my_notes apart, so editing one never rewrites the other):

- a cell as that write held it: not an edit, nothing changes;
- in a copy (or a file no write fits), a cell holding some other value rank once wrote for the
  posting may be stale (a copy of an older shortlist): nothing changes;
- any other cell: an edit, kept, a cleared cell included.

(A file put back over the shortlist from a backup reads as the last write plus edits: its
differences are applied. Clearing a cell works in the file rank writes, not in a copy.)

With no record at all for a posting (a file written before these were kept), filled cells are
edits and blank cells clear nothing."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from screener.store.postings import begin

Cells = tuple[str | None, str | None]
KEEP_WRITES = 60
"""Writes remembered per file, to tell which one a file or copy comes from."""
AGREEMENT = 0.8
"""Share of a copy's rows that must hold what a write put there for the copy to count as that
write plus the user's edits."""


@dataclass(frozen=True, slots=True)
class Saved:
    """What reading a file's edits did: rows stored or changed, rows cleared, and rows whose cells
    differ from the store but are not edits (as written, or an older value rank wrote)."""

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
        cells = [(str(pid), clean(status), clean(notes)) for pid, status, notes in rows if pid]
        conn.executemany(
            "INSERT OR REPLACE INTO written_cells (write_id, posting_id, my_status, my_notes) VALUES (?, ?, ?, ?)",
            [(write_id, *cell) for cell in cells],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO written_values (posting_id, my_status, my_notes) VALUES (?, ?, ?)",
            [(pid, status or "", notes or "") for pid, status, notes in cells],
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


def origin(conn: sqlite3.Connection, cells: dict[str, Cells], path: str) -> tuple[dict[str, Cells] | None, bool]:
    """(what the write a file comes from put in it per posting, whether it is the file's own last
    write): the last write at ``path``; for a file rank never wrote (a copy), the recorded write it
    agrees with most, if it agrees with that one on most rows; else (None, False)."""
    last = conn.execute("SELECT max(id) FROM shortlist_writes WHERE path = ?", (path,)).fetchone()[0]
    if last is not None:  # rank replaced the file each time: it is that write plus the user's edits
        return _cells_of(conn, last), True
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
        return None, False
    written = _cells_of(conn, max(votes, key=lambda write_id: (votes[write_id], write_id)))
    return (written if _agreement(cells, written) >= AGREEMENT else None), False


def _agreement(cells: dict[str, Cells], written: dict[str, Cells]) -> float:
    """Share of the file's rows that write held, holding what it put there."""
    shared = [pid for pid in cells if pid in written]
    return sum(cells[pid] == written[pid] for pid in shared) / len(shared) if shared else 0.0


def _ever_written(conn: sqlite3.Connection, ids: list[str]) -> dict[str, set[Cells]]:
    """Every value rank wrote for these postings, in any file, ever."""
    found: dict[str, set[Cells]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for pid, status, notes in conn.execute(
            f"SELECT posting_id, my_status, my_notes FROM written_values WHERE posting_id IN ({marks})", chunk
        ):
            found.setdefault(pid, set()).add((status or None, notes or None))
    return found


def _cells_of(conn: sqlite3.Connection, write_id: int) -> dict[str, Cells]:
    return {
        pid: (status, notes)
        for pid, status, notes in conn.execute(
            "SELECT posting_id, my_status, my_notes FROM written_cells WHERE write_id = ?", (write_id,)
        )
    }


def _merge(stored: Cells, read: Cells, written: Cells | None, own: bool, ever: set[Cells] | None) -> Cells:
    """The row to keep, cell by cell: a cell read from a file replaces the stored one only when it
    is an edit (see the module), so an untouched cell never overwrites what was saved since."""
    out = []
    for i, (kept, value) in enumerate(zip(stored, read, strict=True)):
        if ever is None:  # nothing ever recorded for this posting: filled cells are edits
            edited = value is not None
        elif written is not None and own:  # the file rank wrote here: what differs from that write
            edited = value != written[i]
        else:  # a copy: what differs from its write and from every older value rank wrote
            edited = (written is None or value != written[i]) and value not in {cells[i] for cells in ever}
        out.append(value if edited else kept)
    return out[0], out[1]


def save_feedback(
    conn: sqlite3.Connection,
    rows: Iterable[tuple[str, object, object]],
    from_file: str | None = None,
) -> Saved:
    """Store (posting_id, my_status, my_notes); a row emptied by an edit clears.

    ``from_file``: the absolute path of the shortlist the rows were read back from; only edits count
    (see the module). None: every row is taken as given.
    """
    cells = {pid: (clean(status), clean(notes)) for pid, status, notes in rows}
    base, own = origin(conn, cells, from_file) if from_file else (None, False)
    ever = _ever_written(conn, list(cells)) if from_file else {}
    now = saved_at()
    saved = cleared = older = 0
    with conn:
        begin(conn)
        for pid, (status, notes) in cells.items():
            old = conn.execute("SELECT my_status, my_notes FROM feedback WHERE posting_id = ?", (pid,)).fetchone()
            stored: Cells = (old[0], old[1]) if old is not None else (None, None)
            if stored == (status, notes):
                continue
            if from_file:
                merged = _merge(stored, (status, notes), base.get(pid) if base else None, own, ever.get(pid))
                if merged == stored:
                    older += 1
                    continue
                status, notes = merged
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
