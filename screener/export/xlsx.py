"""XLSX out (openpyxl): frozen header, filters, clickable URLs, the move coloured.

Text cells go through the same neutralising as the CSV (no cell can run as a formula); characters
XML cannot hold are dropped and text is cut at Excel's 32,767 characters a cell.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from screener.export.cells import XML_ILLEGAL, cell
from screener.export.csvfile import atomic_write

MOVE_FILLS = {"step_up": "C6EFCE", "parallel": "DDEBF7", "step_back": "FFEB9C"}
RISK_FILLS = {"high": "F8CBAD", "medium": "FFE699"}
WIDTHS = {"title": 40, "why": 60, "pitch": 80, "company": 24, "location": 22, "url": 40, "my_notes": 40}
MAX_CELL = 32_767


def xlsx_value(value: Any) -> Any:
    """The cell's value: characters XML cannot hold dropped *before* neutralising, so that text
    such as "\ufffe=HYPERLINK(...)" cannot turn into a formula once the U+FFFE is gone."""
    if isinstance(value, str):
        value = XML_ILLEGAL.sub("", value)
    value = cell(value)
    if isinstance(value, str):
        kept = XML_ILLEGAL.sub("", value)  # only for objects cell() turned into text
        value = (kept if kept == value else cell(kept))[:MAX_CELL]
    return value


def write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "shortlist"
    columns = list(frame.columns)
    sheet.append(columns)
    for c in sheet[1]:
        c.font = Font(bold=True)
    url_col = columns.index("url") + 1 if "url" in columns else None
    fills = {
        columns.index(name) + 1: table
        for name, table in (("move", MOVE_FILLS), ("overqualification_risk", RISK_FILLS))
        if name in columns
    }
    for values in frame.itertuples(index=False, name=None):
        sheet.append([xlsx_value(v) for v in values])
        row = sheet.max_row
        if url_col:
            target = sheet.cell(row=row, column=url_col)
            if isinstance(target.value, str) and target.value.startswith(("http://", "https://")):
                target.hyperlink = target.value
                target.style = "Hyperlink"
        for column, table in fills.items():
            target = sheet.cell(row=row, column=column)
            fill = table.get(str(target.value))
            if fill:
                target.fill = PatternFill("solid", start_color=fill, end_color=fill)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(name, max(10, len(name) + 2))
    with atomic_write(Path(path)) as handle:
        book.save(handle)
