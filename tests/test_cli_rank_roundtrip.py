"""The spreadsheet round trip: the user's my_status / my_notes survive being saved by Excel,
LibreOffice or Google Sheets, and two nightly runs, one of which closes a posting they marked."""

from __future__ import annotations

import csv
import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.store import Store
from tests.rank_support import FIXTURES, NOW, StubLadder, fixture_records, levels_of, load_store

OPS = str(FIXTURES / "ops_senior_manager.yaml")
EDITS = {
    # title, company: (my_status, my_notes)
    ("Operations Manager", "Midwest Freight Logistics"): ("applied", "Café chat with Dana – call back Monday"),
    ("Director of Operations", "Prairie Retail Group"): ("interview", '=HYPERLINK("x") is not a formula; -12% ok'),
    ("Senior Marketing Manager", "Brightwave Software"): ("not interested", "wrong function"),
    ("Supply Chain Manager", "Great Lakes Foods"): ("", "ask about the team; 'quoted' notes; semi;colon"),
}


@pytest.fixture(autouse=True)
def stub_ladder(monkeypatch: pytest.MonkeyPatch) -> None:
    import screener.levels

    ladder = StubLadder(levels_of(fixture_records()))
    monkeypatch.setattr(screener.levels, "load_predictor", lambda models_dir=None, **_: ladder)


def rank(db: Path, out: Path, *extra: str) -> object:
    result = CliRunner().invoke(cli, ["rank", "--profile", OPS, "--db", str(db), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return result


def rows_of(path: Path) -> list[dict[str, object]]:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path).active
        values = list(sheet.iter_rows(values_only=True))
        return [dict(zip(values[0], row, strict=True)) for row in values[1:]]
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def edit_like_a_spreadsheet(path: Path, saved_as: str) -> None:
    """Fill in my_status / my_notes and save the file the way a spreadsheet program would."""
    if saved_as == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path)
        sheet = book.active
        header = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            key = (row[header.index("title")].value, row[header.index("company")].value)
            if key in EDITS:
                row[header.index("my_status")].value = EDITS[key][0] or None
                # a cell typed into Excel with a leading quote is stored as text without it
                row[header.index("my_notes")].value = EDITS[key][1]
                row[header.index("my_notes")].data_type = "s"
        book.save(path)
        return
    rows = rows_of(path)
    for row in rows:
        key = (row["title"], row["company"])
        if key in EDITS:
            row["my_status"], row["my_notes"] = EDITS[key]
            if str(row["my_notes"]).startswith("="):
                row["my_notes"] = "'" + str(row["my_notes"])  # what a spreadsheet shows and saves back
    encoding, delimiter, bom = {
        "excel-utf8": ("utf-8", ",", True),  # Excel "CSV UTF-8"
        "excel-cp1252-semicolon": ("cp1252", ";", False),  # Excel on a European Windows
        "libreoffice": ("utf-8", ",", False),
        "google-sheets": ("utf-8", ",", False),
    }[saved_as]
    buffer = io.StringIO(newline="")
    line_end = "\n" if saved_as == "google-sheets" else "\r\n"
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator=line_end)
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode(encoding))


def by_title(rows: list[dict[str, object]]) -> dict[tuple[object, object], dict[str, object]]:
    return {(r["title"], r["company"]): r for r in rows}


@pytest.mark.parametrize("saved_as", ["excel-utf8", "excel-cp1252-semicolon", "libreoffice", "google-sheets", "xlsx"])
def test_edits_survive_two_nightly_runs_and_a_closing(tmp_path: Path, saved_as: str) -> None:
    db = tmp_path / "s.db"
    out = tmp_path / ("shortlist.xlsx" if saved_as == "xlsx" else "shortlist.csv")
    records = fixture_records()
    load_store(db, records, now=NOW)
    rank(db, out)
    edit_like_a_spreadsheet(out, saved_as)

    # night 2: the board no longer lists the Midwest Freight Operations Manager the user applied to
    night2 = [
        r for r in records if not (r["title"] == "Operations Manager" and r["company"] == "Midwest Freight Logistics")
    ]
    load_store(db, night2, now=NOW + timedelta(days=1))
    result = rank(db, out)
    assert "kept 4 edits" in result.output
    rows = by_title(rows_of(out))
    applied = rows[("Operations Manager", "Midwest Freight Logistics")]
    assert applied["status"] == "closed"
    assert (applied["my_status"], applied["my_notes"]) == EDITS[("Operations Manager", "Midwest Freight Logistics")]
    interview = rows[("Director of Operations", "Prairie Retail Group")]
    assert interview["my_notes"] in ("'" + EDITS[("Director of Operations", "Prairie Retail Group")][1],)
    assert ("Senior Marketing Manager", "Brightwave Software") not in rows  # not interested: out
    notes_only = rows[("Supply Chain Manager", "Great Lakes Foods")]
    assert notes_only["my_notes"] == EDITS[("Supply Chain Manager", "Great Lakes Foods")][1]

    # night 3: nothing changes on the boards; the file we wrote last is read back again
    load_store(db, night2, now=NOW + timedelta(days=2))
    rank(db, out)
    again = by_title(rows_of(out))
    for key in (("Operations Manager", "Midwest Freight Logistics"), ("Supply Chain Manager", "Great Lakes Foods")):
        assert (again[key]["my_status"] or "", again[key]["my_notes"]) == EDITS[key]
    with Store.open(db) as store:
        stored = {
            (t, c): (s or "", n)
            for t, c, s, n in store.conn.execute(
                "SELECT p.title, p.company, f.my_status, f.my_notes "
                "FROM feedback f JOIN postings p ON p.id = f.posting_id"
            )
        }
    assert stored == EDITS
    # --all brings the 'not interested' row back, with its note
    rank(db, out, "--all")
    shown = by_title(rows_of(out))[("Senior Marketing Manager", "Brightwave Software")]
    assert (shown["my_status"], shown["my_notes"]) == EDITS[("Senior Marketing Manager", "Brightwave Software")]


def test_marked_rows_stay_past_top_and_filters(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    out = tmp_path / "shortlist.csv"
    load_store(db, fixture_records(), now=NOW)
    rank(db, out)
    edit_like_a_spreadsheet(out, "excel-utf8")
    rank(db, out, "--top", "1", "--min-score", "90")
    titles = [(r["title"], r["my_status"]) for r in rows_of(out)]
    assert titles[0] == ("Senior Operations Manager", "")
    assert ("Operations Manager", "applied") in titles and ("Director of Operations", "interview") in titles
    assert ("Supply Chain Manager", "") in titles  # scores about 82, under --min-score: kept for its note
    assert len(titles) == 4  # the top row and the three marked rows that are not 'not interested'


def test_feedback_command_reads_a_saved_copy(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    out = tmp_path / "shortlist.csv"
    load_store(db, fixture_records(), now=NOW)
    rank(db, out)
    copy = tmp_path / "Shortlist (edited).csv"
    copy.write_bytes(out.read_bytes())
    edit_like_a_spreadsheet(copy, "excel-cp1252-semicolon")
    result = CliRunner().invoke(cli, ["feedback", str(copy), "--db", str(db)])
    assert result.exit_code == 0
    assert result.output == f"{copy.name}: 19 rows read, 4 edits saved\n"
    result = CliRunner().invoke(cli, ["feedback", str(copy), "--db", str(db)])
    assert result.output == f"{copy.name}: 19 rows read, 0 edits saved\n"


def set_edit(path: Path, title: str, company: str, status: str, notes: str) -> None:
    rows = rows_of(path)
    for row in rows:
        if (row["title"], row["company"]) == (title, company):
            row["my_status"], row["my_notes"] = status, notes
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


def later(path: Path, seconds: float = 5.0) -> None:
    """The user saves the file a little later (file times are coarser than the clock)."""
    stamp = path.stat().st_mtime + seconds
    os.utime(path, (stamp, stamp))


def ranked_with_a_copy(tmp_path: Path, name: str = "orig.csv") -> tuple[Path, Path, Path]:
    """A store of the fixture postings, a shortlist ranked into ``name``, and a copy of it saved
    elsewhere (a spreadsheet's "Save as"): (database, shortlist, copy)."""
    db, orig, copy = tmp_path / "s.db", tmp_path / name, tmp_path / "copy.csv"
    load_store(db, fixture_records(), now=NOW)
    rank(db, orig)
    copy.write_bytes(orig.read_bytes())
    return db, orig, copy


def stored_feedback(db: Path) -> list[tuple[str, str | None, str | None]]:
    with Store.open(db) as store:
        return store.conn.execute(
            "SELECT p.title, f.my_status, f.my_notes FROM feedback f JOIN postings p ON p.id = f.posting_id"
        ).fetchall()


def test_feedback_from_a_copy_survives_the_next_rank_of_the_older_file(tmp_path: Path) -> None:
    db, orig, copy = ranked_with_a_copy(tmp_path)
    set_edit(copy, "Operations Manager", "Midwest Freight Logistics", "applied", "note A")
    later(copy)
    result = CliRunner().invoke(cli, ["feedback", str(copy), "--db", str(db)])
    assert result.output == "copy.csv: 19 rows read, 1 edits saved\n"

    result = rank(db, orig)  # orig.csv still has the blanks rank wrote: no edit, nothing cleared
    assert "left 1 row in orig.csv as saved since (unchanged in the file)" in result.output
    assert "kept" not in result.output and "cleared" not in result.output
    assert stored_feedback(db) == [("Operations Manager", "applied", "note A")]
    row = by_title(rows_of(orig))[("Operations Manager", "Midwest Freight Logistics")]
    assert (row["my_status"], row["my_notes"]) == ("applied", "note A")

    # the user then clears the note in the file rank just wrote: an edit, so it clears
    set_edit(orig, "Operations Manager", "Midwest Freight Logistics", "applied", "")
    later(orig)
    result = rank(db, orig)
    assert "kept 1 edit from orig.csv" in result.output
    assert stored_feedback(db) == [("Operations Manager", "applied", None)]
    # and clearing both cells removes the row
    set_edit(orig, "Operations Manager", "Midwest Freight Logistics", "", "")
    later(orig)
    result = rank(db, orig)
    assert "cleared 1 from orig.csv" in result.output
    assert stored_feedback(db) == []


def test_a_stale_blank_never_clears_a_copy_edit_even_after_other_edits_in_the_old_file(tmp_path: Path) -> None:
    """Edit a copy and save it with `feedback`, then edit another row of the old shortlist: the old
    file's untouched blank for the first row is what rank wrote there, not an edit."""
    db, orig, copy = ranked_with_a_copy(tmp_path)
    set_edit(copy, "Operations Manager", "Midwest Freight Logistics", "applied", "note A")
    assert CliRunner().invoke(cli, ["feedback", str(copy), "--db", str(db)]).exit_code == 0
    later(copy)
    set_edit(orig, "Supply Chain Manager", "Great Lakes Foods", "interview", "note B")
    later(orig)
    rank(db, orig)
    assert sorted(stored_feedback(db)) == [
        ("Operations Manager", "applied", "note A"),
        ("Supply Chain Manager", "interview", "note B"),
    ]


def test_an_edit_made_in_the_old_file_is_kept_whichever_file_was_read_first(tmp_path: Path) -> None:
    """A row edited in a copy and, differently, in the old shortlist: both are edits; the one read
    last is kept (here the old file, read by the next rank), and no edit is dropped as 'older'."""
    db, orig, copy = ranked_with_a_copy(tmp_path)
    set_edit(copy, "Operations Manager", "Midwest Freight Logistics", "applied", "first thought")
    set_edit(orig, "Operations Manager", "Midwest Freight Logistics", "not interested", "later decision")
    assert CliRunner().invoke(cli, ["feedback", str(copy), "--db", str(db)]).exit_code == 0
    later(orig)
    result = rank(db, orig, "--all")
    assert "kept 1 edit from orig.csv" in result.output
    assert stored_feedback(db) == [("Operations Manager", "not interested", "later decision")]


def _feedback(db: Path, path: Path) -> str:
    result = CliRunner().invoke(cli, ["feedback", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_copy_of_an_older_shortlist_clears_nothing_saved_since(tmp_path: Path) -> None:
    """Save as a copy, keep working in the original for a night, then edit another row of the copy:
    the copy's untouched blanks are what the write it came from held, not edits."""
    db, orig, copy = ranked_with_a_copy(tmp_path, "a.csv")
    set_edit(orig, "Operations Manager", "Midwest Freight Logistics", "applied", "called Dana")
    assert "kept 1 edit from a.csv" in rank(db, orig).output
    set_edit(copy, "Supply Chain Manager", "Great Lakes Foods", "interview", "note B")
    said = _feedback(db, copy)
    assert "cleared" not in said
    assert sorted(stored_feedback(db)) == [
        ("Operations Manager", "applied", "called Dana"),
        ("Supply Chain Manager", "interview", "note B"),
    ]


def test_a_shortlist_written_before_the_upgrade_clears_nothing(tmp_path: Path) -> None:
    """A database upgraded from schema 4 has no record of what its files held: a blank then clears
    nothing, a filled cell is still an edit."""
    db, orig, copy = ranked_with_a_copy(tmp_path)
    set_edit(copy, "Operations Manager", "Midwest Freight Logistics", "applied", "phone screen Tue")
    set_edit(orig, "Supply Chain Manager", "Great Lakes Foods", "interview", "")
    _feedback(db, copy)
    with Store.open(db) as store:  # as if these files had been written before schema 5
        store.conn.execute("DELETE FROM written_cells")
        store.conn.execute("DELETE FROM shortlist_writes")
        store.conn.commit()
    result = rank(db, orig)
    assert "cleared" not in result.output and "kept 1 edit from orig.csv" in result.output
    assert sorted(stored_feedback(db)) == [
        ("Operations Manager", "applied", "phone screen Tue"),
        ("Supply Chain Manager", "interview", None),
    ]


def test_an_untouched_xlsx_is_read_back_as_it_was_written(tmp_path: Path) -> None:
    """XLSX drops characters XML cannot hold and cuts long text: what rank remembers is what the
    file gives back, so an untouched file never counts as edited."""
    db = tmp_path / "s.db"
    book, other = tmp_path / "a.xlsx", tmp_path / "b.csv"
    load_store(db, fixture_records(), now=NOW)
    rank(db, book)
    with Store.open(db) as store:
        (pid,) = store.conn.execute("SELECT id FROM postings WHERE title = 'Operations Manager' LIMIT 1").fetchone()
        store.save_feedback([(pid, "applied", "pasted\x0bfrom web " + "x" * 40_000)])
    rank(db, book)  # the note goes into a.xlsx without its vertical tab and cut at 32,767 characters
    rank(db, other)
    set_edit(other, "Operations Manager", "Midwest Freight Logistics", "interview", "Thursday 10am")
    _feedback(db, other)
    result = rank(db, book)  # a.xlsx untouched since it was written
    assert "kept" not in result.output and "cleared" not in result.output
    assert ("Operations Manager", "interview", "Thursday 10am") in stored_feedback(db)


def test_a_copy_fed_back_twice_clears_nothing_edited_in_the_shortlist_since(tmp_path: Path) -> None:
    db, orig, copy = ranked_with_a_copy(tmp_path, "a.csv")
    set_edit(copy, "Supply Chain Manager", "Great Lakes Foods", "interview", "note B")
    _feedback(db, copy)
    set_edit(orig, "Operations Manager", "Midwest Freight Logistics", "applied", "called Dana")
    rank(db, orig)  # now holds both
    set_edit(copy, "Director of Operations", "Prairie Retail Group", "applied", "note C")
    assert "cleared" not in _feedback(db, copy)
    assert sorted(stored_feedback(db)) == [
        ("Director of Operations", "applied", "note C"),
        ("Operations Manager", "applied", "called Dana"),
        ("Supply Chain Manager", "interview", "note B"),
    ]


def test_a_copy_older_than_every_remembered_write_still_clears_nothing(tmp_path: Path, monkeypatch) -> None:
    import screener.store.feedback as feedback

    monkeypatch.setattr(feedback, "KEEP_WRITES", 2)
    db, orig, copy = ranked_with_a_copy(tmp_path, "a.csv")
    set_edit(orig, "Operations Manager", "Midwest Freight Logistics", "applied", "called Dana")
    for _ in range(4):  # the write the copy came from is forgotten
        rank(db, orig)
    set_edit(copy, "Supply Chain Manager", "Great Lakes Foods", "interview", "note B")
    assert "cleared" not in _feedback(db, copy)
    assert ("Operations Manager", "applied", "called Dana") in stored_feedback(db)


def test_a_note_added_in_one_file_keeps_the_status_set_in_another(tmp_path: Path) -> None:
    """my_status and my_notes are read cell by cell: the old file's untouched status cell does not
    undo a status saved from a copy when only the note was written in the old file."""
    db, orig, copy = ranked_with_a_copy(tmp_path)
    set_edit(copy, "Operations Manager", "Midwest Freight Logistics", "applied", "")
    _feedback(db, copy)
    set_edit(orig, "Operations Manager", "Midwest Freight Logistics", "", "recruiter is Dana")
    rank(db, orig)
    assert stored_feedback(db) == [("Operations Manager", "applied", "recruiter is Dana")]
    # and a status cleared in the file rank writes still clears, leaving the note
    set_edit(orig, "Operations Manager", "Midwest Freight Logistics", "", "recruiter is Dana")
    rank(db, orig)
    assert stored_feedback(db) == [("Operations Manager", None, "recruiter is Dana")]
