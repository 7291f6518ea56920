"""Reading the user's columns back from files as spreadsheets save them."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.export.readback import Edit, UnreadableShortlist, read_edits

HEADER = ["rank", "title", "my_status", "my_notes", "url", "id"]
ROWS = [
    ["1", "Ops Manager", "applied", "Zürich café – ok", "https://x/1", "aa11"],
    ["2", "Director", "", "", "", "bb22"],
]
EXPECTED = [Edit("aa11", "https://x/1", "applied", "Zürich café – ok"), Edit("bb22", None, None, None)]


def written(path: Path, encoding: str, delimiter: str, newline: str, bom: bytes = b"") -> Path:
    lines = [delimiter.join(row) for row in [HEADER, *ROWS]]
    path.write_bytes(bom + (newline.join(lines) + newline).encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "delimiter", "newline", "bom"),
    [
        ("utf-8", ",", "\r\n", b"\xef\xbb\xbf"),  # Excel "CSV UTF-8"
        ("cp1252", ";", "\r\n", b""),  # Excel on a European Windows
        ("utf-8", ",", "\n", b""),  # LibreOffice, Google Sheets
        ("utf-16-le", "\t", "\r\n", b"\xff\xfe"),  # Excel "Unicode Text"
    ],
)
def test_spreadsheet_saves(tmp_path: Path, encoding: str, delimiter: str, newline: str, bom: bytes) -> None:
    assert read_edits(written(tmp_path / "s.csv", encoding, delimiter, newline, bom)) == EXPECTED


def test_header_case_order_and_missing_id(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("My_Notes,URL,Title\nnote,https://x/1,T\n,,lost row\n", encoding="utf-8")
    assert read_edits(path) == [Edit(None, "https://x/1", None, "note")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"month,amount\njan,3\n", "not a shortlist"),
        (b"PK\x03\x04garbage", "unreadable XLSX"),
    ],
)
def test_unreadable(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "s.csv"
    path.write_bytes(content)
    with pytest.raises(UnreadableShortlist, match=message):
        read_edits(path)
    with pytest.raises(UnreadableShortlist, match="No such file"):
        read_edits(tmp_path / "missing.csv")
