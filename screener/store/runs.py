"""Runs (one crawl of one board, or one import): when, how it went, and its summary.

A run is 'running' from :func:`begin_run` to :func:`finish_run`. While it runs, its summary
names the process writing it (``{"pid": ..., "host": ...}``), so a run whose process was killed
(``kill -9``, a crash, a reboot) is recognised later and marked 'interrupted' by
:func:`mark_interrupted` rather than left 'running' for ever.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from collections.abc import Iterable
from typing import Any

from screener.store.postings import now_iso

INTERRUPTED = "interrupted"


def _owner() -> dict[str, Any]:
    return {"pid": os.getpid(), "host": socket.gethostname()}


def begin_run(conn: sqlite3.Connection, kind: str, source: str | None = None, board: str | None = None) -> int:
    with conn:
        cursor = conn.execute(
            "INSERT INTO runs (kind, source, board, started_at, summary) VALUES (?, ?, ?, ?, ?)",
            (kind, source, board, now_iso(), json.dumps(_owner())),
        )
    return int(cursor.lastrowid)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, and belongs to someone else
        return True
    return True


def mark_interrupted(conn: sqlite3.Connection, *, kinds: Iterable[str] = ()) -> int:
    """Mark 'interrupted' every run left 'running' by a process that is gone; returns how many.

    A run whose process is alive is left alone, and so is one written on another host (its
    process cannot be checked from here). A run that names no process (written before screener
    recorded it) is marked only when its kind is in ``kinds``: the caller holds that kind's lock,
    so nothing of that kind can be running. ``finished_at`` stays empty: the run never finished,
    and the monitor's "last night" skips it.
    """
    kinds = set(kinds)
    host = socket.gethostname()
    marked: list[tuple[str, int]] = []
    for run_id, kind, summary in conn.execute("SELECT id, kind, summary FROM runs WHERE status = 'running'"):
        try:
            owner = json.loads(summary)
        except ValueError:
            owner = {}
        pid = owner.get("pid") if isinstance(owner, dict) else None
        if isinstance(pid, int):
            if owner.get("host") != host or _alive(pid):
                continue
            why = f"process {pid} stopped before the run finished (killed or crashed)"
        elif kind in kinds:
            why = "stopped before the run finished (killed or crashed)"
        else:
            continue
        marked.append((json.dumps({"error": why}), run_id))
    if marked:
        with conn:
            conn.executemany(
                f"UPDATE runs SET status = '{INTERRUPTED}', summary = ? WHERE id = ? AND status = 'running'", marked
            )
    return len(marked)


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


def inferred_rung(conn: sqlite3.Connection, title: str, model_version: str) -> int | None:
    """The rung a finished rank placed this profile title on with this model version, if any."""
    row = conn.execute(
        "SELECT json_extract(summary, '$.profile_rung') FROM runs WHERE kind = 'rank' AND status = 'ok' "
        "AND json_extract(summary, '$.profile_title') = ? AND json_extract(summary, '$.model') = ? "
        "AND json_extract(summary, '$.rung_inferred') = 1 ORDER BY id DESC LIMIT 1",
        (title, model_version),
    ).fetchone()
    return int(row[0]) if row and isinstance(row[0], int) and 0 <= row[0] <= 8 else None


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
