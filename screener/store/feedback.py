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
