"""XLSX out (openpyxl): frozen header, filters, clickable URLs, the move coloured."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from screener.export.cells import cell

MOVE_FILLS = {"step_up": "C6EFCE", "parallel": "DDEBF7", "step_back": "FFEB9C"}


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
    move_col = columns.index("move") + 1 if "move" in columns else None
    for values in frame.itertuples(index=False, name=None):
        sheet.append([cell(v) for v in values])
        row = sheet.max_row
        if url_col:
            target = sheet.cell(row=row, column=url_col)
            if isinstance(target.value, str) and target.value.startswith(("http://", "https://")):
                target.hyperlink = target.value
                target.style = "Hyperlink"
        if move_col:
            move = sheet.cell(row=row, column=move_col)
            fill = MOVE_FILLS.get(str(move.value))
            if fill:
                move.fill = PatternFill("solid", start_color=fill, end_color=fill)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    widths = {"title": 40, "why": 60, "company": 24, "location": 22, "url": 40, "my_notes": 40}
    for index, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(name, max(10, len(name) + 2))
    fd, tmp = tempfile.mkstemp(prefix=f".{Path(path).name}.", suffix=".xlsx", dir=Path(path).parent)
    os.close(fd)
    try:
        book.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
