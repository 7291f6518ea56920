"""One import, row by row: a repeated id in a file is counted once as duplicate_in_file (the first
row wins), and a bug in a parser costs its row, never the rest of the file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from screener.importers.run import ImportSummary, import_file
from screener.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


def run_import(path: Path, db: Path) -> ImportSummary:
    with Store.open(db) as store:
        return import_file(path, store, now=NOW)


def stored(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT source_id, title FROM postings ORDER BY source_id").fetchall()


def test_duplicate_ids_in_one_file_keep_the_first_and_count_the_rest(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    summary = run_import(FIXTURES / "duplicates.jsonl", db)
    assert stored(db) == [(f"good-{i}", f"Operations Manager {i}") for i in (1, 2, 3)]
    assert summary.errors == [
        "line 3: same id as line 1; the first is kept",
        "line 5: same id as line 2; the first is kept",
    ]


def test_the_same_id_twice_counts_once_on_a_rerun_too(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    run_import(FIXTURES / "duplicates.jsonl", db)
    again = run_import(FIXTURES / "duplicates.jsonl", db)
    assert (again.stored.new, again.stored.unchanged, again.stored.updated) == (0, 3, 0)
    assert dict(again.rejected) == {"duplicate_in_file": 2}


def test_rows_without_any_id_are_duplicates_only_when_identical(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"title": "A"}\n{"title": "A"}\n{"title": "A", "company": "B"}\n', encoding="utf-8")
    summary = run_import(path, tmp_path / "s.db")
    assert summary.stored.new == 2
    assert dict(summary.rejected) == {"duplicate_in_file": 1}


def test_a_parser_bug_costs_its_row_not_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import screener.importers.run as run

    real = run.normalize_record

    def flaky(record, **kwargs):
        if record.get("title") == "Boom":
            raise KeyError("a bug")
        return real(record, **kwargs)

    monkeypatch.setattr(run, "normalize_record", flaky)
    path = tmp_path / "p.jsonl"
    path.write_text('{"title": "A"}\n{"title": "Boom"}\n{"title": "B"}\n', encoding="utf-8")
    summary = run_import(path, tmp_path / "s.db")
    assert summary.stored.new == 2
    assert dict(summary.rejected) == {"internal_error": 1}
    assert summary.errors == ["line 2: KeyError: 'a bug'"]
