"""Runs (one crawl of one board, or one import): when, how it went, and its summary."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from screener.store.postings import now_iso


def begin_run(conn: sqlite3.Connection, kind: str, source: str | None = None, board: str | None = None) -> int:
    with conn:
        cursor = conn.execute(
            "INSERT INTO runs (kind, source, board, started_at) VALUES (?, ?, ?, ?)",
            (kind, source, board, now_iso()),
        )
    return int(cursor.lastrowid)


def finish_run(conn: sqlite3.Connection, run_id: int, status: str, summary: dict[str, Any]) -> None:
    finish_runs(conn, [(run_id, status, summary)])


def finish_runs(conn: sqlite3.Connection, runs: list[tuple[int, str, dict[str, Any]]]) -> None:
    """Finish several runs in one transaction (a crawl's boards: one commit, not one each)."""
    now = now_iso()
    with conn:
        conn.executemany(
            "UPDATE runs SET finished_at = ?, status = ?, summary = ? WHERE id = ?",
            [
                (now, status, json.dumps(summary, sort_keys=True, default=str), run_id)
                for run_id, status, summary in runs
            ],
        )


def previous_run_summary(
    conn: sqlite3.Connection, source: str, board: str | None, before: int | None = None
) -> dict[str, Any] | None:
    """The summary of the last finished run of this source and board (before run ``before``)."""
    found = previous_run(conn, source, board, before)
    return found[1] if found else None


def previous_run(
    conn: sqlite3.Connection, source: str, board: str | None, before: int | None = None
) -> tuple[int, dict[str, Any]] | None:
    """(id, summary) of the last finished run of this source and board (before run ``before``)."""
    row = conn.execute(
        "SELECT id, summary, status FROM runs WHERE source IS ? AND board IS ? AND finished_at IS NOT NULL "
        "AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT 1",
        (source, board, before, before),
    ).fetchone()
    if row is None:
        return None
    summary = json.loads(row[1])
    summary.setdefault("status", row[2])
    return int(row[0]), summary


def runs_after(conn: sqlite3.Connection, run_id: int, kind: str, *, boards: bool = False) -> list[dict[str, Any]]:
    """Runs of ``kind`` started after run ``run_id``, oldest first: what one crawl wrote.

    Per-source runs (``board`` NULL) by default; ``boards=True`` gives the per-board runs instead.
    Each is ``{"id", "source", "board", "status", "summary"}``.
    """
    rows = conn.execute(
        "SELECT id, source, board, status, summary FROM runs WHERE id > ? AND kind = ? "
        f"AND board IS {'NOT ' if boards else ''}NULL ORDER BY id",
        (run_id, kind),
    ).fetchall()
    return [{"id": r[0], "source": r[1], "board": r[2], "status": r[3], "summary": json.loads(r[4])} for r in rows]
