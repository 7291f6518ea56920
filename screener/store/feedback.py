"""The user's own columns (my_status, my_notes), kept in the store across shortlists.

A cell read back from a shortlist is an edit only when it differs from what rank wrote into that
file (``written_cells``; for a copy saved elsewhere, what rank last wrote for that posting in any
file). So a stale blank in an old shortlist never clears what an edited copy saved since, and an
edit, a cleared cell included, is kept whichever file it was made in.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from screener.store.postings import begin

Cells = tuple[str | None, str | None]


@dataclass(frozen=True, slots=True)
class Saved:
    """What reading a file's edits did: rows stored or changed, rows cleared, and rows the file
    still holds as rank wrote them while the store has a newer value (left as stored)."""

    saved: int = 0
    cleared: int = 0
    older: int = 0

    @property
    def changed(self) -> int:
        return self.saved + self.cleared


def saved_at() -> str:
    """Now, to the microsecond."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _clean(value: object) -> str | None:
    """A cell as stored: text without surrounding space, None for blank or missing (NaN too)."""
    if not isinstance(value, str):
        return None if value is None or value != value else str(value).strip() or None
    return value.strip() or None


def written_cells(conn: sqlite3.Connection, path: str, ids: list[str]) -> dict[str, Cells]:
    """What rank wrote into ``path`` for these postings; for a posting that file never held (a copy
    saved under another name), what rank last wrote for it into any file."""
    found: dict[str, Cells] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for pid, status, notes in conn.execute(
            f"SELECT posting_id, my_status, my_notes FROM written_cells WHERE path = ? AND posting_id IN ({marks})",
            (path, *chunk),
        ):
            found[pid] = (status, notes)
        missing = [pid for pid in chunk if pid not in found]
        if missing:
            marks = ", ".join("?" for _ in missing)
            for pid, status, notes in conn.execute(
                "SELECT posting_id, my_status, my_notes FROM written_cells w WHERE posting_id IN "
                f"({marks}) AND written_at = (SELECT max(written_at) FROM written_cells o "
                "WHERE o.posting_id = w.posting_id)",
                missing,
            ):
                found.setdefault(pid, (status, notes))
    return found


def record_written(conn: sqlite3.Connection, path: str, rows: Iterable[tuple[str, str | None, str | None]]) -> None:
    """Remember what a shortlist file now holds in the user's columns (replacing what it held)."""
    now = saved_at()
    with conn:
        begin(conn)
        conn.execute("DELETE FROM written_cells WHERE path = ?", (path,))
        conn.executemany(
            "INSERT OR REPLACE INTO written_cells (path, posting_id, my_status, my_notes, written_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [(path, pid, _clean(status), _clean(notes), now) for pid, status, notes in rows],
        )


def save_feedback(
    conn: sqlite3.Connection,
    rows: Iterable[tuple[str, str | None, str | None]],
    path: str | None = None,
) -> Saved:
    """Store (posting_id, my_status, my_notes) read from the shortlist at ``path``; an emptied row
    clears. A row still holding what rank wrote into the file is no edit and changes nothing. None:
    every row is an edit (a file rank never wrote, or values typed in)."""
    rows = [(pid, _clean(status), _clean(notes)) for pid, status, notes in rows]
    written = written_cells(conn, path, [pid for pid, _, _ in rows]) if path is not None else {}
    now = saved_at()
    saved = cleared = older = 0
    with conn:
        begin(conn)
        for pid, status, notes in rows:
            old = conn.execute("SELECT my_status, my_notes FROM feedback WHERE posting_id = ?", (pid,)).fetchone()
            stored = (old[0], old[1]) if old is not None else (None, None)
            if stored == (status, notes):
                continue
            if written.get(pid) == (status, notes):  # as written: the store has changed since, not the file
                older += 1
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
