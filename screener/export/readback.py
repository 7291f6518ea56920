"""Reading the user's own columns back from a shortlist they edited in a spreadsheet.

Spreadsheets save CSV in their own ways: UTF-8 with a BOM (Excel), cp1252 (older Excel on
Windows), ``;`` as the delimiter (European locales), CRLF line ends. Rows are matched to postings
by the ``id`` column, or by ``url`` when a user deleted the id column.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from screener.export.cells import restore

USER_COLUMNS = ("my_status", "my_notes")


class UnreadableShortlist(Exception):
    """The file is not a shortlist we can read edits from; the message is one line."""


@dataclass(frozen=True, slots=True)
class Edit:
    id: str | None
    url: str | None
    my_status: str | None
    my_notes: str | None


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def read_edits(path: Path) -> list[Edit]:
    """The rows of an edited shortlist (CSV or XLSX) with their my_status / my_notes."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableShortlist(f"{path}: {exc.strerror or exc}") from None
    if raw.startswith(b"PK"):
        rows = _xlsx_rows(path)
    else:
        rows = _csv_rows(path, _decode(raw))
    return [
        Edit(
            id=(row.get("id") or "").strip() or None,
            url=(row.get("url") or "").strip() or None,
            my_status=restore((row.get("my_status") or "").strip() or None),
            my_notes=restore((row.get("my_notes") or "").strip() or None),
        )
        for row in rows
        if row.get("id") or row.get("url")
    ]


def _csv_rows(path: Path, text: str) -> list[dict[str, str]]:
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    fields = [(f or "").strip().lower() for f in (reader.fieldnames or [])]
    if not ({"id", "url"} & set(fields)) or not (set(USER_COLUMNS) & set(fields)):
        raise UnreadableShortlist(f"{path}: not a shortlist (needs an id or url column and my_status or my_notes)")
    reader.fieldnames = fields
    try:
        return [{k: v for k, v in row.items() if isinstance(k, str) and isinstance(v, str)} for row in reader]
    except csv.Error as exc:
        raise UnreadableShortlist(f"{path}: unreadable CSV at line {reader.line_num}: {exc}") from None


def _xlsx_rows(path: Path) -> list[dict[str, str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise UnreadableShortlist(f"{path}: unreadable XLSX ({type(exc).__name__})") from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h or "").strip().lower() for h in next(rows, ())]
    if not ({"id", "url"} & set(header)) or not (set(USER_COLUMNS) & set(header)):
        raise UnreadableShortlist(f"{path}: not a shortlist (needs an id or url column and my_status or my_notes)")
    out = []
    for values in rows:
        out.append({h: "" if v is None else str(v) for h, v in zip(header, values, strict=False) if h})
    book.close()
    return out
