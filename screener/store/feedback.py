"""The user's own columns (my_status, my_notes), kept in the store across shortlists."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from screener.store.postings import begin, now_iso


def save_feedback(conn: sqlite3.Connection, rows: Iterable[tuple[str, str | None, str | None]]) -> int:
    """Store (posting_id, my_status, my_notes); empty edits clear a row. Returns rows changed."""
    now = now_iso()
    changed = 0
    with conn:
        begin(conn)
        for pid, status, notes in rows:
            status, notes = (status or "").strip() or None, (notes or "").strip() or None
            old = conn.execute("SELECT my_status, my_notes FROM feedback WHERE posting_id = ?", (pid,)).fetchone()
            if old is not None and (old[0], old[1]) == (status, notes):
                continue
            if status is None and notes is None:
                if old is not None:
                    conn.execute("DELETE FROM feedback WHERE posting_id = ?", (pid,))
                    changed += 1
                continue
            conn.execute(
                "INSERT INTO feedback (posting_id, my_status, my_notes, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (posting_id) DO UPDATE SET my_status = excluded.my_status, "
                "my_notes = excluded.my_notes, updated_at = excluded.updated_at",
                (pid, status, notes, now),
            )
            changed += 1
    return changed


def load_feedback(conn: sqlite3.Connection) -> dict[str, tuple[str | None, str | None]]:
    return {
        pid: (status, notes)
        for pid, status, notes in conn.execute("SELECT posting_id, my_status, my_notes FROM feedback")
    }
