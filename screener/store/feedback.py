"""The user's own columns (my_status, my_notes), kept in the store across shortlists.

Newest wins: a value read back from a file (a blank that clears included) replaces the stored one
only when the file was modified after that value was saved (``feedback.updated_at``). A shortlist
written before ``screener feedback`` saved an edited copy still holds the old blanks; reading it
back must not undo the copy's edits.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from screener.store.postings import begin


@dataclass(frozen=True, slots=True)
class Saved:
    """What reading a file's edits did: rows stored or changed, rows cleared, and rows left as
    stored because the file is older than what was saved for them since."""

    saved: int = 0
    cleared: int = 0
    older: int = 0

    @property
    def changed(self) -> int:
        return self.saved + self.cleared


def saved_at() -> str:
    """Now, to the microsecond: a file written in the same second as a save must be told apart."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def saved_time(text: str) -> float:
    """A stored ``updated_at`` as seconds since the epoch. Rows saved before microseconds were kept
    count as saved at the end of their second, so a file from that same second never overrides."""
    when = datetime.fromisoformat(text)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    late = 0.999999 if "." not in text else 0.0
    return when.timestamp() + late


def save_feedback(
    conn: sqlite3.Connection,
    rows: Iterable[tuple[str, str | None, str | None]],
    modified: float | None = None,
) -> Saved:
    """Store (posting_id, my_status, my_notes); empty edits clear a row.

    ``modified``: when the file the rows come from was last modified (seconds since the epoch); a
    row then changes only where nothing was saved for it after that moment. None: always change.
    """
    now = saved_at()
    saved = cleared = older = 0
    with conn:
        begin(conn)
        for pid, status, notes in rows:
            status, notes = (status or "").strip() or None, (notes or "").strip() or None
            old = conn.execute(
                "SELECT my_status, my_notes, updated_at FROM feedback WHERE posting_id = ?", (pid,)
            ).fetchone()
            if old is None and status is None and notes is None:
                continue
            if old is not None and (old[0], old[1]) == (status, notes):
                continue
            if old is not None and modified is not None and modified <= saved_time(old[2]):
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
