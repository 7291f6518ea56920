"""Hostile and broken files through `screener import`, at the library level and through the real CLI.

Every bad row is repaired or dropped with a counted reason; no file crashes an import; the bad
rows never cost the good ones. The small files are in tests/fixtures/hostile/ (see its README);
large ones are generated here in tmp_path.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.importers.run import ImportSummary, UnreadableFile, import_file
from screener.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


def run_import(path: Path, db: Path) -> ImportSummary:
    with Store.open(db) as store:
        return import_file(path, store, now=NOW)


def stored(db: Path, columns: str = "source_id, title") -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT {columns} FROM postings ORDER BY source_id").fetchall()


def integrity_ok(db: Path) -> bool:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


# (fixture, rows read, stored, {reason: count})
EXPECTED = [
    ("malformed.jsonl", 15, 5, {"unreadable_line": 10}),
    ("truncated.json", 3, 2, {"unreadable_line": 1}),
    ("broken_item.json", 4, 3, {"unreadable_line": 1}),
    ("wrong_types.jsonl", 8, 3, {"missing_title": 2, "invalid_title": 3}),
    ("mixed_encoding.jsonl", 4, 4, {}),
    ("markup_titles.jsonl", 9, 7, {"missing_title": 2}),
    ("salaries_dates.jsonl", 13, 13, {}),
    ("duplicates.jsonl", 5, 3, {"duplicate_in_file": 2}),
    ("jobspy_hostile.csv", 5, 4, {"missing_title": 1}),
]


@pytest.mark.parametrize(("name", "read", "kept", "reasons"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_each_hostile_file_keeps_its_good_rows_and_counts_the_rest(
    tmp_path: Path, name: str, read: int, kept: int, reasons: dict[str, int]
) -> None:
    db = tmp_path / "s.db"
    summary = run_import(FIXTURES / name, db)
    assert summary.read == read
    assert summary.stored.new == kept
    assert dict(summary.rejected) == reasons
    assert len(summary.errors) == sum(reasons.values())
    assert all(e.startswith("line ") and "\n" not in e for e in summary.errors)
    assert len(stored(db)) == kept
    assert integrity_ok(db)


@pytest.mark.parametrize("name", [e[0] for e in EXPECTED])
def test_a_second_import_of_a_hostile_file_changes_nothing(tmp_path: Path, name: str) -> None:
    db = tmp_path / "s.db"
    first = run_import(FIXTURES / name, db)
    before = stored(db, "*")
    again = run_import(FIXTURES / name, db)
    assert again.stored.new == 0
    assert again.stored.unchanged == first.stored.new
    assert dict(again.rejected) == dict(first.rejected)
    assert [row[:-3] + row[-1:] for row in stored(db, "*")] == [row[:-3] + row[-1:] for row in before]


def test_good_lines_around_malformed_ones_are_kept_intact(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    summary = run_import(FIXTURES / "malformed.jsonl", db)
    assert stored(db, "source_id, title, company, location") == [
        (f"good-{i}", f"Operations Manager {i}", "Acme Logistics", "Chicago, IL") for i in range(1, 6)
    ]
    messages = "\n".join(summary.errors)
    for expected in ("line 2: invalid JSON", "line 4: expected an object, got NoneType", "line 5: expected an object"):
        assert expected in messages
    assert "line 15: invalid JSON: Exceeds the limit (4300 digits)" in messages
    assert "line 17: invalid JSON: Unterminated string" in messages


def test_a_json_array_cut_short_keeps_the_items_before_the_cut(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    summary = run_import(FIXTURES / "truncated.json", db)
    assert [row[0] for row in stored(db)] == ["good-1", "good-2"]
    assert summary.errors == ["line 3: invalid JSON in item 3: Unterminated string starting at (file truncated?)"]


def test_a_broken_item_in_a_json_array_costs_only_itself(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    run_import(FIXTURES / "broken_item.json", db)
    assert [row[0] for row in stored(db)] == ["good-1", "good-2", "good-3"]


def test_wrong_types_are_read_where_they_can_be_and_emptied_where_not(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    run_import(FIXTURES / "wrong_types.jsonl", db)
    rows = stored(db, "source_id, title, company, location, url, salary_min, salary_max, salary_period, description")
    assert sorted(rows, key=lambda r: r[1]) == [
        (None, "Fleet Manager", None, "60601", None, None, None, None, ""),
        (None, "Site Manager", "Acme", "Dallas, TX", None, None, None, None, "12345"),
        ("1", "Warehouse Manager", "Acme", "Chicago, IL", "https://acme.example/jobs/1", None, 120000.0, "year", ""),
    ]


def test_mixed_encodings_in_one_file_are_each_decoded(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    run_import(FIXTURES / "mixed_encoding.jsonl", db)
    assert [row[1] for row in stored(db, "source_id, company")] == ["Café Müller", "Café Müller", "Acme", "Ünïcödé ✓"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_files_with_a_byte_order_mark_are_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "postings.jsonl"
    lines = [json.dumps({"source_id": str(i), "title": f"Café Manager {i}"}, ensure_ascii=False) for i in range(3)]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    if encoding == "utf-16-be":
        path.write_bytes(b"\xfe\xff" + path.read_bytes())
    summary = run_import(path, tmp_path / "s.db")
    assert summary.stored.new == 3
    assert stored(tmp_path / "s.db")[0] == ("0", "Café Manager 0")


def test_markup_script_and_invisible_characters_never_reach_the_store(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    run_import(FIXTURES / "markup_titles.jsonl", db)
    rows = stored(db, "source_id, title, company")
    assert [r[1] for r in rows] == [
        "Operations Manager",
        "Logistics Manager",
        "Store Manager",
        "Distribution Manager",
        "reganaM Plant",
        "Warehouse Supervisor",
        "Fleet[31m Manager",
    ]
    for _, title, company in rows:
        assert company == "Acme"
        assert "<" not in title and "script" not in title
        assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in title + company)


def test_salaries_and_dates_that_cannot_be_are_repaired_or_emptied(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    run_import(FIXTURES / "salaries_dates.jsonl", db)
    rows = dict(
        (int(r[0].split("-")[1]), r[1:])
        for r in stored(db, "source_id, salary_min, salary_max, salary_period, salary_annual_min, date_posted")
    )
    assert rows[0] == (None, None, None, None, None)  # 0 and 0
    assert rows[1] == (None, None, None, None, None)  # negative
    assert rows[2] == (90_000, 120_000, "year", 90_000, None)  # min above max: swapped
    assert rows[3] == (25, 30, "hour", 52_000, None)  # hourly written as yearly
    assert rows[4] == (95_000, None, "year", 95_000, None)  # yearly written as hourly
    assert rows[5] == (90_000, 120_000, "year", 90_000, None)
    for future_or_impossible in range(6, 13):
        assert rows[future_or_impossible][-1] is None


def test_jobspy_csv_with_hostile_cells(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    run_import(FIXTURES / "jobspy_hostile.csv", db)
    rows = {r[0]: r[1:] for r in stored(db, "source_id, source, url, salary_min, salary_period, remote, date_posted")}
    assert rows["in-1"] == ("jobspy:indeed", "https://indeed.example/viewjob?jk=1", 25, "hour", "unknown", "2025-05-01")
    assert rows["in-2"][1] is None  # javascript: URL refused
    assert rows["in-2"][5] is None  # a date in 2999
    assert rows["in-4"][2:4] == (None, None)  # -5 and 'abc'
    assert rows["in-5"][5] is None  # cells shifted by a ragged row: '4' is not a date


def test_a_ten_megabyte_description_is_cut_and_its_neighbours_kept(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    huge = "<p>" + "Lead the site. " * 700_000 + "</p>"  # about 10 MB
    path.write_text(
        "\n".join(
            json.dumps(o)
            for o in (
                {"source_id": "1", "title": "Before"},
                {"source_id": "2", "title": "Huge", "description": huge},
                {"source_id": "3", "title": "After"},
            )
        ),
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    summary = run_import(path, db)
    assert summary.stored.new == 3
    lengths = dict(stored(db, "source_id, length(description)"))
    assert lengths["1"] == 0 and lengths["3"] == 0
    assert 0 < lengths["2"] <= 100_000


def test_deep_nesting_costs_only_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    deep_line = '{"title": "Deep", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    nearly = '{"source_id": "2", "title": "Nearly deep", "description": ' + "[" * 900 + '"x"' + "]" * 900 + "}"
    path.write_text("\n".join(['{"source_id": "1", "title": "Shallow"}', deep_line, nearly]) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    summary = run_import(path, db)
    assert summary.errors == ["line 2: invalid JSON: nested too deeply"]
    assert [r[0] for r in stored(db)] == ["1", "2"]


def test_a_json_array_nested_too_deeply_is_one_line_of_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(UnreadableFile, match="nested too deeply"), Store.open(tmp_path / "s.db") as store:
        import_file(path, store, now=NOW)


def test_json_lines_whose_first_line_is_an_array_are_still_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_text('[1, 2]\n{"source_id": "1", "title": "A"}\n{"source_id": "2", "title": "B"}\n', encoding="utf-8")
    summary = run_import(path, tmp_path / "s.db")
    assert summary.stored.new == 2
    assert summary.errors == ["line 1: expected an object, got list"]


def test_old_mac_line_endings_split_lines(tmp_path: Path) -> None:
    path = tmp_path / "cr.jsonl"
    path.write_bytes(b'{"source_id": "1", "title": "A"}\r{"source_id": "2", "title": "B"}\r')
    assert run_import(path, tmp_path / "s.db").stored.new == 2


UNREADABLE = [
    ("empty.jsonl", b"", "the file is empty"),
    ("blank.jsonl", b"\n \n\t\n", "the file is empty"),
    ("binary.jsonl", b"\x00\x01\x02garbage", "binary file"),
    ("object.json", b'[{"title": "x"}', None),  # handled as truncated below
    ("scalar.json", b"[", "invalid JSON"),
    ("all_bad.jsonl", b"nope\nnull\n", "no postings could be read"),
    ("no_title.csv", b"name,company\nx,y\n", "CSV has no 'title' column"),
]


@pytest.mark.parametrize(("name", "content", "message"), [u for u in UNREADABLE if u[2]], ids=lambda v: str(v)[:20])
def test_a_file_with_nothing_readable_is_one_line_of_error(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFile) as caught, Store.open(tmp_path / "s.db") as store:
        import_file(path, store, now=NOW)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


# Through the real CLI: exit codes, output, and the same outcomes.


def invoke(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize(("name", "read", "kept", "reasons"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_cli_imports_each_hostile_file(tmp_path: Path, name: str, read: int, kept: int, reasons: dict) -> None:
    db = tmp_path / "s.db"
    result = invoke("import", str(FIXTURES / name), "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert (figures["read"], figures["added"], figures["rejected_by_reason"]) == (read, kept, reasons)
    assert figures["enriched"] == kept
    assert "Traceback" not in result.output


def test_cli_summary_names_each_reason_on_its_own_line(tmp_path: Path) -> None:
    result = invoke("import", str(FIXTURES / "wrong_types.jsonl"), "--db", str(tmp_path / "s.db"))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "wrong_types.jsonl: 8 read, 3 added, 0 updated, 0 unchanged, 0 duplicates folded, 5 rejected",
        "  rejected 3 x invalid_title",
        "  rejected 2 x missing_title",
    ]
    assert result.stderr.splitlines()[0] == "  line 4: no title"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01binary", "binary file"),
        (b"nope\n", "no postings could be read"),
        (b"[" * 100_000, "nested too deeply"),
    ],
)
def test_cli_unreadable_file_is_one_line_and_exit_1(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    result = invoke("import", str(path), "--db", str(tmp_path / "s.db"))
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and result.output.startswith("Error: ")
    assert message in result.output
    assert list(tmp_path.glob("s.db*")) == []  # no empty database left to rank against


def test_cli_unreadable_file_leaves_an_existing_database_as_it_was(tmp_path: Path, small_postings: Path) -> None:
    db = tmp_path / "s.db"
    assert invoke("import", str(small_postings), "--db", str(db)).exit_code == 0
    before = db.stat().st_size, sqlite3.connect(db).execute("SELECT count(*) FROM postings").fetchone()
    (tmp_path / "bad.jsonl").write_bytes(b"")
    assert invoke("import", str(tmp_path / "bad.jsonl"), "--db", str(db)).exit_code == 1
    assert db.exists() and sqlite3.connect(db).execute("SELECT count(*) FROM postings").fetchone() == before[1]


def test_cli_missing_file_is_bad_usage(tmp_path: Path) -> None:
    result = invoke("import", str(tmp_path / "nope.jsonl"), "--db", str(tmp_path / "s.db"))
    assert result.exit_code == 2
    assert "no such file" in result.output and "Traceback" not in result.output
