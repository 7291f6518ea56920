"""The postings store: one SQLite file holding postings, sightings, runs, enrichment and feedback.

:class:`Store` is the one object other layers use; the modules beside it each hold one part.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from screener.records import Posting
from screener.store import feedback as _feedback
from screener.store import postings as _postings
from screener.store import runs as _runs
from screener.store.db import SCHEMA_VERSION, StoreError, connect
from screener.store.postings import UpsertResult
from screener.store.stats import stats as _stats

__all__ = ["SCHEMA_VERSION", "Store", "StoreError", "UpsertResult"]


class Store:
    """A postings database; open with :meth:`Store.open` as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    @contextmanager
    def open(cls, path: Path | str, *, create: bool = True, readonly: bool = False) -> Iterator[Store]:
        conn = connect(path, create=create, readonly=readonly)
        try:
            yield cls(conn, Path(path))
        finally:
            conn.close()

    # runs
    def begin_run(self, kind: str, source: str | None = None, board: str | None = None) -> int:
        return _runs.begin_run(self.conn, kind, source, board)

    def finish_run(self, run_id: int, status: str, summary: dict[str, Any]) -> None:
        _runs.finish_run(self.conn, run_id, status, summary)

    def mark_interrupted(self, *, kinds: Iterable[str] = ()) -> int:
        """Runs left 'running' by a process that is gone become 'interrupted' (see runs.py)."""
        return _runs.mark_interrupted(self.conn, kinds=kinds)

    def finish_runs(self, runs: list[tuple[int, str, dict[str, Any]]]) -> None:
        _runs.finish_runs(self.conn, runs)

    def inferred_rung(self, title: str, model_version: str) -> int | None:
        return _runs.inferred_rung(self.conn, title, model_version)

    def previous_run_summary(self, source: str, board: str | None, before: int | None = None) -> dict[str, Any] | None:
        return _runs.previous_run_summary(self.conn, source, board, before)

    def previous_run(
        self, source: str, board: str | None, before: int | None = None
    ) -> tuple[int, dict[str, Any]] | None:
        return _runs.previous_run(self.conn, source, board, before)

    def runs_after(self, run_id: int, kind: str, *, boards: bool = False) -> list[dict[str, Any]]:
        return _runs.runs_after(self.conn, run_id, kind, boards=boards)

    # postings
    def upsert(self, postings: Iterable[Posting], run_id: int | None = None) -> UpsertResult:
        return _postings.upsert(self.conn, postings, run_id)

    def close_missing(self, source: str, board: str | None, run_id: int) -> int:
        return _postings.close_missing(self.conn, source, board, run_id)

    def open_sightings(self, source: str, board: str | None) -> dict[str, str | None]:
        return _postings.open_sightings(self.conn, source, board)

    def touch(self, source: str, board: str | None, keys: Iterable[str], run_id: int) -> int:
        return _postings.touch(self.conn, source, board, keys, run_id)

    def board_as_left(self, source: str, board: str | None, previous_run: int, expected: int) -> bool:
        return _postings.board_as_left(self.conn, source, board, previous_run, expected)

    def touch_boards(self, source: str, runs: Iterable[tuple[str | None, int]]) -> int:
        return _postings.touch_boards(self.conn, source, runs)

    # feedback
    def save_feedback(
        self, rows: Iterable[tuple[str, object, object]], from_file: str | None = None
    ) -> _feedback.Saved:
        return _feedback.save_feedback(self.conn, rows, from_file)

    def record_written(self, path: str, rows: Iterable[tuple[object, object, object]]) -> None:
        _feedback.record_written(self.conn, path, rows)

    def load_feedback(self) -> dict[str, tuple[str | None, str | None]]:
        return _feedback.load_feedback(self.conn)

    def stats(self) -> dict[str, Any]:
        return _stats(self.conn)
