"""`screener import`: read a file, normalise every row, store the good ones in batches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from screener.importers.jobspy import is_jobspy, to_record
from screener.importers.readers import UnreadableFile, read_rows
from screener.normalize.errors import Rejected
from screener.normalize.record import normalize_record
from screener.records import Posting
from screener.store import Store, UpsertResult
from screener.store.keys import source_key

BATCH = 1000
"""Postings committed together: a crash loses at most one batch, and a rerun redoes it."""
MAX_ERRORS_KEPT = 20

__all__ = ["ImportSummary", "UnreadableFile", "import_file"]


@dataclass
class ImportSummary:
    read: int = 0
    stored: UpsertResult = field(default_factory=UpsertResult)
    rejected: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    """The first few rejected lines, as 'line N: reason'."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "added": self.stored.new,
            "updated": self.stored.updated,
            "unchanged": self.stored.unchanged,
            "duplicates": self.stored.duplicates,
            "rejected": sum(self.rejected.values()),
            "rejected_by_reason": dict(self.rejected),
        }


def import_file(
    path: Path,
    store: Store,
    *,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Import a postings file into the store; raises UnreadableFile before writing anything when
    the file as a whole is not postings."""
    now = now or datetime.now(UTC)
    summary = ImportSummary()
    rows = read_rows(path)
    first = next(rows, None)  # a file that cannot be read fails here, before a run is recorded
    if first is None:
        raise UnreadableFile(f"{path}: no rows")
    store.mark_interrupted()  # an import (or crawl) killed before it finished: no longer 'running'
    run_id = store.begin_run("import", source=str(path.name))
    batch: list[Posting] = []
    seen: dict[tuple[str, str, str], int] = {}  # (source, board, key) -> first line: a repeat is counted
    status = "failed"
    try:
        for row in _chain(first, rows):
            summary.read += 1
            if row.data is None:
                _reject(summary, row.line, "unreadable_line", row.error or "unreadable")
                continue
            source, record = ("import", {**row.data, "raw": row.data})
            if is_jobspy(row.data):
                source, record = to_record(row.data)
            elif isinstance(row.data.get("source"), str) and row.data["source"].strip():
                source = row.data["source"]
            try:
                posting = normalize_record(record, source=source, now=now)
            except Rejected as exc:
                _reject(summary, row.line, exc.reason, exc.message)
                continue
            except Exception as exc:  # a bug in a parser costs its row, never the rest of the file
                _reject(summary, row.line, "internal_error", f"{type(exc).__name__}: {str(exc)[:120]}")
                continue
            key = (posting.source, posting.board or "", source_key(posting))
            if key in seen:
                _reject(summary, row.line, "duplicate_in_file", f"same id as line {seen[key]}; the first is kept")
                continue
            seen[key] = row.line
            batch.append(posting)
            if len(batch) >= BATCH:
                summary.stored.add(store.upsert(batch, run_id))
                batch.clear()
                if progress:
                    progress(summary.read)
        if batch:
            summary.stored.add(store.upsert(batch, run_id))
        if summary.stored.ids == [] and summary.rejected and not summary.stored.new:
            first_error = summary.errors[0] if summary.errors else "no valid rows"
            raise UnreadableFile(f"{path}: no postings could be read ({first_error})")
        status = "ok"
    finally:
        store.finish_run(run_id, status, summary.as_dict())
    return summary


def _chain(first: Any, rest: Any) -> Any:
    yield first
    yield from rest


def _reject(summary: ImportSummary, line: int, reason: str, message: str) -> None:
    summary.rejected[reason] += 1
    if len(summary.errors) < MAX_ERRORS_KEPT:
        summary.errors.append(f"line {line}: {message}")
